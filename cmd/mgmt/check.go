package main

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/spf13/cobra"
)

func newCheckCmd() *cobra.Command {
	var prefix string
	var noPGP, skipFmt, skipUnify bool
	check := func(c *cobra.Command, path string) error {
		p, err := lang.Load(path)
		if err != nil {
			fmt.Fprintln(c.ErrOrStderr(), p.Explain(err))
			return exitError{code: 1, err: errors.New("check failed")}
		}
		return nil
	}
	cmd := &cobra.Command{
		Use:   "check [flags] [lang] FILE|DIR",
		Short: "Check an mcl program without running it",
		Long: `Check an mcl program (a file, or a module folder with metadata.yaml)
and print each error as file:line:col: phase: message, with the source line
and a caret. Exit 0 when the program is valid, 1 otherwise.

This build checks the parse and interpolation phases; scope and type
checking come with the rest of the mcl front end.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return check(c, args[0]) },
	}
	fl := cmd.PersistentFlags()
	fl.StringVar(&prefix, "prefix", "", "accepted for compatibility with upstream (check writes nothing)")
	fl.BoolVar(&noPGP, "no-pgp", false, "accepted for compatibility with upstream; no effect")
	fl.BoolVar(&skipFmt, "skip-fmt", false, "accepted for compatibility with upstream; check does not verify formatting yet")
	fl.BoolVar(&skipUnify, "skip-unify", false, "skip type unification (accepted; types are not checked yet)")
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
