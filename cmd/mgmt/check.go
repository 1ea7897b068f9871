package main

import (
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/mgmt-wasm/mgmt/internal/checkkinds"
	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/spf13/cobra"
)

func newCheckCmd() *cobra.Command {
	var prefix string
	var noPGP, skipFmt, skipUnify bool
	check := func(c *cobra.Command, path string) error {
		var kinds *checkkinds.Pending
		var source builtin.KindSource
		if !skipUnify { // the scope phase needs no resource kinds
			kinds = checkkinds.Start(c.Context(), "")
			source = kinds
		}
		hostname, _ := os.Hostname()
		reg, err := builtin.NewTable(source, hostname)
		if err != nil {
			return err
		}
		start := time.Now()
		p, err := lang.Check(path, reg, lang.CheckOptions{SkipUnify: skipUnify})
		if kinds != nil && kinds.Err() != nil {
			return fmt.Errorf("check: the resource kinds: %w", kinds.Err())
		}
		if err != nil {
			fmt.Fprintln(c.ErrOrStderr(), p.Explain(err))
			return exitError{code: 1, err: errors.New("check failed")}
		}
		if !skipUnify {
			fmt.Fprintf(c.ErrOrStderr(), "type unification succeeded in %s\n", time.Since(start))
		}
		return nil
	}
	cmd := &cobra.Command{
		Use:   "check [flags] [lang] FILE|DIR",
		Short: "Check an mcl program without running it",
		Long: `Check an mcl program (a file, or a module folder with metadata.yaml):
parse it, interpolate its strings, resolve its names and imports (scope) and
infer its types (unification, against the resource kinds of the first-party
and installed plugins). Print each error as file:line:col: phase: message,
with the source line and a caret. Exit 0 when the program is valid, 1
otherwise.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return check(c, args[0]) },
	}
	fl := cmd.PersistentFlags()
	fl.StringVar(&prefix, "prefix", "", "accepted for compatibility with upstream (check writes nothing)")
	fl.BoolVar(&noPGP, "no-pgp", false, "accepted for compatibility with upstream; no effect")
	fl.BoolVar(&skipFmt, "skip-fmt", false, "accepted for compatibility with upstream; check does not verify formatting yet")
	fl.BoolVar(&skipUnify, "skip-unify", false, "stop after the scope phase (no type unification)")
	cmd.AddCommand(&cobra.Command{
		Use:   "lang FILE|DIR",
		Short: "Check an mcl program (the same as check FILE|DIR)",
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) != 1 {
				return fmt.Errorf("check lang: give one file or module folder (mgmt check lang FILE|DIR), got %d arguments", len(args))
			}
			return nil
		},
		RunE: func(c *cobra.Command, args []string) error { return check(c, args[0]) },
	})
	return cmd
}
