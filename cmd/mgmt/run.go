package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/mgmt-wasm/mgmt/internal/run"
	"github.com/spf13/cobra"
)

// runFlags are `mgmt run`'s flags, as upstream mgmt spells them.
type runFlags struct {
	o                       run.Options
	noPGP, noStreamWatch    bool
	noRaiseLim              bool
	pgpKeyPath, pgpIdentity string
}

func newRunCmd() *cobra.Command {
	f := &runFlags{}
	cmd := &cobra.Command{
		Use:   "run [flags] lang|yaml|empty FILE",
		Short: "Run a graph and keep it converged",
		Long: `Run the graph of a YAML file (yaml), an mcl program (lang) or nothing
(empty, as a cluster member) and keep every resource in its desired state
until interrupted. "mgmt run FILE" picks the front end from the file name:
.yaml or .yml for YAML, anything else for mcl.

SIGINT or SIGTERM stop cleanly (watches closed, resources closed, exit 0);
a second signal exits at once.`,
		Example: `  mgmt run --tmp-prefix --converged-exit --converger-timeout 1 yaml examples/yaml/hello.yaml
  mgmt run examples/yaml/hello.yaml`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("run: what should run? give lang FILE, yaml FILE, empty, or a FILE")
			}
			frontend := run.FrontendLang
			if ext := strings.ToLower(filepath.Ext(args[0])); ext == ".yaml" || ext == ".yml" {
				frontend = run.FrontendYAML
			}
			return f.run(cmd, frontend, args[0])
		},
	}
	f.bind(cmd)
	for _, fe := range []struct{ name, short string }{
		{run.FrontendYAML, "Run a YAML graph (upstream's yamlgraph format)"},
		{run.FrontendLang, "Run an mcl program (a file, or a module folder with metadata.yaml)"},
	} {
		name := fe.name
		cmd.AddCommand(&cobra.Command{
			Use:   name + " FILE",
			Short: fe.short,
			Args: func(_ *cobra.Command, args []string) error {
				if len(args) != 1 {
					return fmt.Errorf("run %s: give one file to run (mgmt run %s FILE), got %d arguments", name, name, len(args))
				}
				return nil
			},
			RunE: func(c *cobra.Command, args []string) error { return f.run(c, name, args[0]) },
		})
	}
	cmd.AddCommand(&cobra.Command{
		Use:   "empty",
		Short: "Run with an empty graph (a cluster member that manages nothing)",
		Args:  cobra.NoArgs,
		RunE:  func(c *cobra.Command, _ []string) error { return f.run(c, run.FrontendEmpty, "") },
	})
	return cmd
}

// bind declares the flags (persistent, so they may come before or after
// the front end's name).
func (f *runFlags) bind(cmd *cobra.Command) {
	fl := cmd.PersistentFlags()
	o := &f.o
	fl.StringVar(&o.Hostname, "hostname", "", "hostname to use for this node (default: the OS hostname)")
	fl.StringVar(&o.Prefix, "prefix", "", "state directory (env MGMT_PREFIX; default /var/lib/mgmt/ as root, else ~/.local/state/mgmt)")
	fl.BoolVar(&o.TmpPrefix, "tmp-prefix", false, "use a fresh temporary state directory, removed at exit")
	fl.BoolVar(&o.AllowTmpPrefix, "allow-tmp-prefix", false, "fall back to a temporary state directory if the prefix cannot be used")
	fl.IntVar(&o.ConvergerTimeout, "converger-timeout", -1, "seconds every resource must stay converged before the node counts as converged (-1: never)")
	fl.BoolVar(&o.ConvergedExit, "converged-exit", false, "exit once converged (needs --converger-timeout)")
	fl.StringVar(&o.ConvergerStatusFile, "converger-status-file", "", "append each converged-state change to this file")
	fl.IntVar(&o.MaxRuntime, "max-runtime", 0, "exit after this many seconds (0: run until interrupted)")
	fl.BoolVar(&o.Noop, "noop", false, "check every resource but change nothing")
	fl.IntVar(&o.Sema, "sema", 0, "allow at most this many CheckApply at once across the graph (0: no limit)")
	fl.BoolVar(&o.NoWatch, "no-watch", false, "do not reload the graph when its source changes")
	fl.BoolVar(&o.NoAutoEdges, "no-autoedges", false, "do not add automatic edges")
	fl.BoolVar(&o.NoAutoGroup, "no-autogroup", false, "do not group resources automatically")
	fl.StringVar(&o.Graphviz, "graphviz", "", "write the running graph in DOT to this file after each change")
	fl.StringVar(&o.GraphvizFilter, "graphviz-filter", "", "graphviz program (dot, neato, ...) that also renders the DOT file to FILE.png")
	fl.StringVar(&o.PluginStore, "plugin-store", "", "folder of installed plugins (default: as mgmt plugin --store)")
	fl.BoolVar(&o.Debug, "debug", false, "log every engine step")
	bindMetricsAndTrust(cmd, o) // run_prometheus.go
	fl.BoolVar(&f.noPGP, "no-pgp", false, "accepted for compatibility with upstream; no effect")
	fl.BoolVar(&f.noStreamWatch, "no-stream-watch", false, "accepted for compatibility with upstream; no effect yet")
	fl.BoolVar(&o.NoDeployWatch, "no-deploy-watch", false, "keep running this program when deploys arrive")
	fl.BoolVar(&f.noRaiseLim, "no-raise-limits", false, "accepted for compatibility with upstream; no effect")
	fl.StringVar(&f.pgpKeyPath, "pgp-key-path", "", "accepted for compatibility with upstream; no effect")
	fl.StringVar(&f.pgpIdentity, "pgp-identity", "", "accepted for compatibility with upstream; no effect")
	fl.StringSliceVar(&o.Seeds, "seeds", nil, "cluster: etcd client URLs of existing nodes to join (env MGMT_SEEDS)")
	fl.StringSliceVar(&o.ClientURLs, "client-urls", nil, "cluster: URLs the embedded etcd listens on for clients")
	fl.StringSliceVar(&o.ServerURLs, "server-urls", nil, "cluster: URLs the embedded etcd listens on for peers")
	fl.StringSliceVar(&o.AdvertiseClientURLs, "advertise-client-urls", nil, "cluster: client URLs to advertise to other nodes")
	fl.StringSliceVar(&o.AdvertiseServerURLs, "advertise-server-urls", nil, "cluster: peer URLs to advertise to other nodes")
	fl.BoolVar(&o.NoNetwork, "no-network", false, "cluster: single node, open no TCP ports")
	fl.BoolVar(&o.NoServer, "no-server", false, "cluster: be an etcd client only, never a member")
	fl.IntVar(&o.IdealClusterSize, "ideal-cluster-size", 5, "cluster: how many nodes become etcd members")
}

// run checks the flags and runs until a signal or an exit condition.
func (f *runFlags) run(cmd *cobra.Command, frontend, path string) error {
	if f.o.ConvergedExit && f.o.ConvergerTimeout < 0 {
		return errors.New("--converged-exit needs --converger-timeout N (N >= 0)")
	}
	if f.o.Sema < 0 || f.o.MaxRuntime < 0 {
		return errors.New("--sema and --max-runtime must not be negative")
	}
	if err := checkURLs(f); err != nil {
		return err
	}
	f.o.Frontend, f.o.Path = frontend, path
	f.o.Log = cmd.ErrOrStderr()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() { <-ctx.Done(); stop() }() // a second signal gets the default action
	err := run.Run(ctx, f.o)
	var ex *run.ExitError
	if errors.As(err, &ex) {
		return exitError{code: ex.Code, err: err}
	}
	return err
}

// checkURLs rejects cluster URLs that do not parse.
func checkURLs(f *runFlags) error {
	for _, set := range []struct {
		flag string
		urls []string
	}{{"seeds", f.o.Seeds}, {"client-urls", f.o.ClientURLs}, {"server-urls", f.o.ServerURLs},
		{"advertise-client-urls", f.o.AdvertiseClientURLs}, {"advertise-server-urls", f.o.AdvertiseServerURLs}} {
		for _, u := range set.urls {
			if !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "unix://") {
				return fmt.Errorf("--%s %q: want a URL such as http://127.0.0.1:2379", set.flag, u)
			}
		}
	}
	return nil
}
