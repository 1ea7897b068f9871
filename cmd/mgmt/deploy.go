package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/internal/checkkinds"
	"github.com/mgmt-wasm/mgmt/internal/langrun"
	"github.com/mgmt-wasm/mgmt/internal/yamlgraph"
	"github.com/spf13/cobra"
)

func newDeployCmd() *cobra.Command {
	var seeds []string
	var noGit, force, noPGP bool
	deploy := func(c *cobra.Command, frontend, path string) error {
		d, err := deployOf(c, frontend, path)
		if err != nil {
			return err
		}
		w, closeWorld, err := etcd.Connect(c.Context(), seeds)
		if err != nil {
			return err
		}
		defer closeWorld()
		id, err := w.AddDeploy(*d)
		if err != nil {
			return err
		}
		fmt.Fprintf(c.OutOrStdout(), "deploy %d stored (%d files, sha256 %s)\n", id, len(d.Files), d.Hash[:12])
		return nil
	}
	cmd := &cobra.Command{
		Use:   "deploy [flags] lang|yaml FILE|DIR",
		Short: "Store code in the cluster for every node to run",
		Long: `Check a program (an mcl file or module folder, or a YAML graph) and store
it, with the files of its folder, in the cluster's etcd under a new deploy
id. Every running node that watches deploys compiles it and switches to it;
a node that cannot build it keeps its running graph and logs why. A
program that does not compile or type-check is refused before anything is
stored.`,
		Example: `  mgmt deploy --seeds http://127.0.0.1:2379 lang examples/lang/hello.mcl`,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return errors.New("deploy: what should be deployed? give lang FILE|DIR or yaml FILE")
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error {
			return fmt.Errorf("deploy: unknown front end %q: want lang or yaml", args[0])
		},
	}
	fl := cmd.PersistentFlags()
	fl.StringSliceVar(&seeds, "seeds", []string{etcd.DefaultClientURL}, "etcd client URLs of the cluster (env MGMT_SEEDS)")
	fl.BoolVar(&noGit, "no-git", false, "accepted for compatibility with upstream; deploys are not chained to git commits")
	fl.BoolVar(&force, "force", false, "accepted for compatibility with upstream; no effect")
	fl.BoolVar(&noPGP, "no-pgp", false, "accepted for compatibility with upstream; no effect")
	for _, fe := range []struct{ name, short string }{
		{"lang", "Deploy an mcl program (a file, or a module folder with metadata.yaml)"},
		{"yaml", "Deploy a YAML graph"},
	} {
		name := fe.name
		cmd.AddCommand(&cobra.Command{
			Use:   name + " FILE",
			Short: fe.short,
			Args:  cobra.ExactArgs(1),
			RunE:  func(c *cobra.Command, args []string) error { return deploy(c, name, args[0]) },
		})
	}
	return cmd
}

// deployOf checks the program at path and gathers its folder's files.
func deployOf(c *cobra.Command, frontend, path string) (*etcd.Deploy, error) {
	reg, err := checkkinds.Load(c.Context(), "")
	if err != nil {
		return nil, err
	}
	switch frontend {
	case "lang":
		hostname, _ := os.Hostname()
		if _, err := langrun.Compile(path, langrun.Options{Kinds: reg, Hostname: hostname}); err != nil {
			return nil, exitError{code: 1, err: fmt.Errorf("deploy refused, nothing was stored:\n%w", err)}
		}
	case "yaml":
		if _, err := yamlgraph.Load(path, reg); err != nil {
			return nil, exitError{code: 1, err: fmt.Errorf("deploy refused, nothing was stored:\n%w", err)}
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	root, main := filepath.Dir(path), filepath.Base(path)
	if info.IsDir() {
		root, main = path, "."
	}
	files, err := deployFiles(root)
	if err != nil {
		return nil, err
	}
	d := &etcd.Deploy{Frontend: frontend, Main: main, Files: files}
	d.Hash = d.Sum()
	return d, nil
}

// deployFiles reads the files under root (hidden ones left out), up to
// etcd.MaxDeployBytes in all.
func deployFiles(root string) (map[string][]byte, error) {
	files := map[string][]byte{}
	total := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if total += len(b); total > etcd.MaxDeployBytes {
			return fmt.Errorf("deploy: the files under %s are more than %d bytes; deploy a folder holding only the program", root, etcd.MaxDeployBytes)
		}
		rel, _ := filepath.Rel(root, p)
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	return files, err
}
