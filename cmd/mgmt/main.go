// Command mgmt is the mgmt-wasm command line: a real-time configuration
// management engine whose resources and functions are WebAssembly plugins.
package main

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	goruntime "runtime"
	"runtime/debug"
	"runtime/pprof"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = ""

func main() {
	stopProfile := startProfile(os.Getenv("MGMT_CPUPROFILE"))
	root := newRoot()
	err := root.Execute()
	stopProfile()
	if err != nil {
		fmt.Fprintln(os.Stderr, "mgmt: "+err.Error())
		var ex exitError
		if errors.As(err, &ex) {
			os.Exit(ex.code)
		}
		os.Exit(1)
	}
}

// exitError carries a specific exit code.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }
func (e exitError) Unwrap() error { return e.err }

func newRoot() *cobra.Command {
	root := &cobra.Command{
		Use:   "mgmt",
		Short: "Real-time configuration management with WebAssembly plugins",
		Long: `mgmt runs a graph of resources (files, commands, services, ...) and keeps
every one of them in its desired state, reacting within milliseconds when
something drifts. Graphs come from mcl programs or YAML files; every resource
kind is a plugin.`,
		Version:       versionString(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{.Version}}\n")
	root.PersistentPreRunE = func(c *cobra.Command, _ []string) error { return flagsFromEnv(c) }
	root.AddCommand(newRunCmd(), newCheckCmd(), newGraphCmd(), newPluginCmd(), newDeployCmd(), newVersionCmd())
	return root
}

// envInUsage finds the "(env MGMT_X" a flag's help names.
var envInUsage = regexp.MustCompile(`\(env (MGMT_[A-Z_]+)`)

// flagsFromEnv sets each flag whose help names an environment variable
// from it, unless the flag was given.
func flagsFromEnv(c *cobra.Command) error {
	var err error
	c.Flags().VisitAll(func(f *pflag.Flag) {
		m := envInUsage.FindStringSubmatch(f.Usage)
		if m == nil || f.Changed || err != nil || m[1] == "MGMT_PREFIX" { // the prefix reads its own
			return
		}
		if v, ok := os.LookupEnv(m[1]); ok && v != "" {
			if serr := f.Value.Set(v); serr != nil {
				err = fmt.Errorf("$%s: %w", m[1], serr)
			}
		}
	})
	return err
}

func newVersionCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version of mgmt",
		Args:  cobra.NoArgs,
		Run: func(cmd *cobra.Command, _ []string) {
			fmt.Fprintln(cmd.OutOrStdout(), versionString())
		},
	}
}

// versionString names the build: the -X version, else the module version
// or VCS revision recorded by the Go toolchain.
func versionString() string {
	v := version
	if v == "" {
		v = "devel"
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				if s.Key == "vcs.revision" && len(s.Value) >= 12 {
					v += "+" + s.Value[:12]
				}
			}
		}
	}
	return fmt.Sprintf("mgmt %s (%s %s/%s)", v, goruntime.Version(), goruntime.GOOS, goruntime.GOARCH)
}

// startProfile writes a CPU profile to path (from $MGMT_CPUPROFILE, for
// developers) until the returned function is called.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "mgmt: cpu profile:", err)
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
