package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/trust"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/spf13/cobra"
)

// installFlags are `mgmt plugin install`'s own flags.
type installFlags struct {
	allow            []string
	name             string
	signature        string
	requireSignature bool
}

func newPluginInstallCmd(p *pluginFlags) *cobra.Command {
	f := &installFlags{}
	cmd := &cobra.Command{
		Use:   "install FILE",
		Short: "Install a plugin module, granting the capabilities given with --allow",
		Long: `Install a plugin module. It shows the capabilities the module asks for
and grants only those named with --allow (a grant may narrow a request).
Without --allow, at a terminal, it asks about each capability; otherwise
it grants nothing and says so.

A signature (FILE.sig, or the one --signature names) is checked against
the trusted keys and recorded; --require-signature refuses a module
without a valid signature by a trusted key.`,
		Example: `  mgmt plugin install thing.wasm --allow fs.read:/srv/app --allow exec:/usr/bin/git
  mgmt plugin install --require-signature thing.wasm --allow fs.read:/srv/app`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error { return f.run(c, p, args[0]) },
	}
	fl := cmd.Flags()
	fl.StringSliceVar(&f.allow, "allow", nil, "grant a capability (repeatable)")
	fl.StringVar(&f.name, "name", "", "name in the store (default: the name the plugin describes)")
	fl.StringVar(&f.signature, "signature", "", "the module's signature file (default: FILE.sig if it exists)")
	fl.BoolVar(&f.requireSignature, "require-signature", false, "refuse a module without a valid signature by a trusted key")
	return cmd
}

func (f *installFlags) run(c *cobra.Command, p *pluginFlags, path string) error {
	s, err := p.open()
	if err != nil {
		return err
	}
	wasm, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	// The signature is checked before the module runs at all.
	sig, verdict, err := f.checkSignature(p, s, path, sha256.Sum256(wasm))
	if err != nil {
		return fmt.Errorf("install %s: %w", path, err)
	}
	desc, err := wasmres.Describe(c.Context(), filepath.Base(path), wasm)
	if err != nil {
		return fmt.Errorf("install %s: not a usable plugin: %w", path, err)
	}
	out := c.OutOrStdout()
	fmt.Fprintf(out, "plugin %s %s asks for: %s\n", desc.Name, desc.Version, grants(desc.Capabilities))
	if store.IsExecutable(wasm) {
		fmt.Fprintln(c.ErrOrStderr(), "mgmt: warning: this is a process plugin: it runs as a program with mgmt's privileges, and capabilities do not bind it; install it only if you trust it as you trust mgmt")
	}
	choice, err := chooseGrants(desc, f.allow, c.InOrStdin(), c.ErrOrStderr())
	if err != nil {
		return fmt.Errorf("install %s: %w", path, err)
	}
	n := f.name
	if n == "" {
		n = desc.Name
	}
	e, err := s.InstallSigned(path, n, choice.granted, sig)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "installed %s (sha256 %s)\n", e.Name, e.SHA256)
	fmt.Fprintf(out, "asks for:    %s\ngranted:     %s\n", grants(desc.Capabilities), grants(e.Granted))
	if len(choice.ungranted) > 0 {
		why := "its calls needing them will be denied; grant with --allow"
		if choice.how == "not a terminal" {
			why = "no --allow was given and stdin is not a terminal, so nothing was granted; grant with --allow"
		}
		fmt.Fprintf(out, "not granted: %s (%s)\n", grants(choice.ungranted), why)
	}
	fmt.Fprintf(out, "signature:   %s\n", describeSignature(sig, verdict))
	return nil
}

// checkSignature reads the module's signature (--signature, else FILE.sig
// if there is one) and checks it under the install's policy.
func (f *installFlags) checkSignature(p *pluginFlags, s *store.Store, path string, sum [32]byte) (*trust.Signature, trust.Verdict, error) {
	sigPath := f.signature
	if sigPath == "" {
		if _, err := os.Stat(path + ".sig"); err == nil {
			sigPath = path + ".sig"
		}
	}
	var sig *trust.Signature
	if sigPath != "" {
		b, err := os.ReadFile(sigPath)
		if err != nil {
			return nil, 0, err
		}
		if sig, err = trust.ParseSignature(b); err != nil {
			return nil, 0, fmt.Errorf("%s: %w", sigPath, err)
		}
	}
	keys, err := trust.LoadKeyRing(p.keysFile(s))
	if err != nil {
		return nil, 0, err
	}
	v, err := trust.Policy{Keys: keys, Require: f.requireSignature}.Check(sum, sig)
	if errors.Is(err, trust.ErrUnsigned) {
		err = fmt.Errorf("%w (no --signature given and no %s.sig)", err, path)
	}
	return sig, v, err
}

// describeSignature is the signature line of install and inspect.
func describeSignature(sig *trust.Signature, v trust.Verdict) string {
	switch {
	case sig == nil:
		return "none"
	case v == trust.Trusted:
		return fmt.Sprintf("key %s (trusted, verified)", sig.KeyID)
	}
	return fmt.Sprintf("key %s, which is not trusted (not verified; trust its public key with mgmt plugin trust)", sig.KeyID)
}
