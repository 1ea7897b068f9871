package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/trust"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/spf13/cobra"
)

// pluginFlags are the flags every plugin command shares.
type pluginFlags struct {
	dir, keys string
}

// open opens the plugin store.
func (p *pluginFlags) open() (*store.Store, error) { return store.Open(p.dir) }

// keysFile is the trusted-keys file: --trusted-keys, else the store's.
func (p *pluginFlags) keysFile(s *store.Store) string {
	if p.keys != "" {
		return p.keys
	}
	return trust.DefaultKeysFile(s.Dir())
}

func newPluginCmd() *cobra.Command {
	p := &pluginFlags{}
	open := p.open
	cmd := &cobra.Command{
		Use:   "plugin",
		Short: "Install, list, inspect, remove, sign and trust plugins",
		Long: `Plugins add resource kinds and functions. An installed plugin is copied
into the plugin store and recorded with its sha256, the capabilities
granted to it and its signature; a module changed after install is
refused at load, and so is one whose signature no longer verifies.`,
	}
	cmd.PersistentFlags().StringVar(&p.dir, "store", store.DefaultDir(), "plugin store folder")
	cmd.PersistentFlags().StringVar(&p.keys, "trusted-keys", "", "trusted-keys file (default: STORE/"+trust.KeysFile+")")

	install := newPluginInstallCmd(p)

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
			fmt.Fprintln(w, "NAME\tSHA256\tSIGNED BY\tGRANTED")
			for _, e := range entries {
				signer := "-"
				if e.Signature != nil {
					signer = e.Signature.KeyID
				}
				fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", e.Name, e.SHA256[:16], signer, grants(e.Granted))
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
			keys, err := trust.LoadKeyRing(p.keysFile(s))
			if err != nil {
				return err
			}
			wasm, e, verdict, err := s.LoadTrusted(args[0], trust.Policy{Keys: keys})
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
			fmt.Fprintf(out, "asks for:  %s\ngranted:   %s\nsignature: %s\n", grants(desc.Capabilities), grants(e.Granted), describeSignature(e.Signature, verdict))
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
	cmd.AddCommand(install, list, inspect, remove, newPluginKeygenCmd(), newPluginSignCmd(), newPluginTrustCmd(p))
	return cmd
}

func grants(g []string) string {
	if len(g) == 0 {
		return "(none)"
	}
	return strings.Join(g, ", ")
}
