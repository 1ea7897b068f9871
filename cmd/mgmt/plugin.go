package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/spf13/cobra"
)

func newPluginCmd() *cobra.Command {
	var dir string
	open := func() (*store.Store, error) { return store.Open(dir) }
	cmd := &cobra.Command{
		Use:   "plugin",
		Short: "Install, list, inspect and remove plugins",
		Long: `Plugins add resource kinds and functions. An installed plugin is copied
into the plugin store and recorded with its sha256 and the capabilities
granted to it; a module changed after install is refused at load.`,
	}
	cmd.PersistentFlags().StringVar(&dir, "store", store.DefaultDir(), "plugin store folder")

	var allow []string
	var name string
	install := &cobra.Command{
		Use:     "install FILE",
		Short:   "Install a plugin module, granting the capabilities given with --allow",
		Example: `  mgmt plugin install thing.wasm --allow fs.read:/srv/app --allow exec:/usr/bin/git`,
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			s, err := open()
			if err != nil {
				return err
			}
			wasm, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			desc, err := wasmres.Describe(c.Context(), filepath.Base(args[0]), wasm)
			if err != nil {
				return fmt.Errorf("install %s: not a usable plugin: %w", args[0], err)
			}
			ungranted, err := wasmres.CheckGrants(desc, allow)
			if err != nil {
				return fmt.Errorf("install %s: %w", args[0], err)
			}
			n := name
			if n == "" {
				n = desc.Name
			}
			e, err := s.Install(args[0], n, allow)
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			fmt.Fprintf(out, "installed %s (sha256 %s)\n", e.Name, e.SHA256)
			fmt.Fprintf(out, "asks for:    %s\ngranted:     %s\n", grants(desc.Capabilities), grants(e.Granted))
			if len(ungranted) > 0 {
				fmt.Fprintf(out, "not granted: %s (its calls needing them will be denied; grant with --allow)\n", grants(ungranted))
			}
			return nil
		},
	}
	install.Flags().StringSliceVar(&allow, "allow", nil, "grant a capability (repeatable)")
	install.Flags().StringVar(&name, "name", "", "name in the store (default: the name the plugin describes)")

	list := &cobra.Command{
		Use:   "list",
		Short: "List the installed plugins",
		Args:  cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			s, err := open()
			if err != nil {
				return err
			}
			entries, err := s.List()
			if err != nil {
				return err
			}
			w := tabwriter.NewWriter(c.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(w, "NAME\tSHA256\tGRANTED")
			for _, e := range entries {
				fmt.Fprintf(w, "%s\t%s\t%s\n", e.Name, e.SHA256[:16], grants(e.Granted))
			}
			return w.Flush()
		},
	}

	inspect := &cobra.Command{
		Use:   "inspect NAME",
		Short: "Show an installed plugin and verify it against its recorded sum",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			s, err := open()
			if err != nil {
				return err
			}
			wasm, e, err := s.Load(args[0])
			if err != nil {
				return err
			}
			desc, err := wasmres.Describe(c.Context(), e.Name, wasm)
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			fmt.Fprintf(out, "name:      %s\nversion:   %s\nfile:      %s\nsize:      %d bytes\nsha256:    %s (verified)\ninstalled: %s\n",
				e.Name, desc.Version, filepath.Join(s.Dir(), e.File), len(wasm), e.SHA256, e.Installed.Format("2006-01-02 15:04:05 MST"))
			fmt.Fprintf(out, "asks for:  %s\ngranted:   %s\n", grants(desc.Capabilities), grants(e.Granted))
			for _, k := range desc.Kinds {
				fmt.Fprintf(out, "kind %s\n", k.Kind)
				for _, p := range k.Params {
					fmt.Fprintf(out, "  param %s %s\n", p.Name, p.Type)
				}
				for _, p := range k.Sends {
					fmt.Fprintf(out, "  sends %s %s\n", p.Name, p.Type)
				}
			}
			for _, f := range desc.Functions {
				fmt.Fprintf(out, "func %s %s\n", f.Name, f.Type)
			}
			return nil
		},
	}

	remove := &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove an installed plugin",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			s, err := open()
			if err != nil {
				return err
			}
			if err := s.Remove(args[0]); err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "removed %s\n", args[0])
			return nil
		},
	}
	cmd.AddCommand(install, list, inspect, remove)
	return cmd
}

func grants(g []string) string {
	if len(g) == 0 {
		return "(none)"
	}
	return strings.Join(g, ", ")
}
