package main

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/plugins/trust"
	"github.com/spf13/cobra"
)

func newPluginKeygenCmd() *cobra.Command {
	var dir, name, comment string
	cmd := &cobra.Command{
		Use:   "keygen",
		Short: "Make an ed25519 key pair for signing plugins",
		Long: `Write a new key pair: DIR/NAME.key, the private key (mode 0600, keep
it secret), and DIR/NAME.pub, the public key that users trust with
mgmt plugin trust. Existing files are never overwritten.`,
		Example: `  mgmt plugin keygen --out ~/.config/mgmt --name release`,
		Args:    cobra.NoArgs,
		RunE: func(c *cobra.Command, _ []string) error {
			priv, pub, err := trust.GenerateKey(comment)
			if err != nil {
				return err
			}
			keyText, _ := priv.MarshalText()
			keyPath, pubPath := filepath.Join(dir, name+".key"), filepath.Join(dir, name+".pub")
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return fmt.Errorf("keygen: %w", err)
			}
			if err := writeNew(keyPath, keyText, 0o600); err != nil {
				return err
			}
			if err := writeNew(pubPath, []byte(pub.String()+"\n"), 0o644); err != nil {
				os.Remove(keyPath)
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "key %s\nprivate key: %s (keep it secret)\npublic key:  %s\n", pub.ID(), keyPath, pubPath)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "out", ".", "folder to write the key pair in")
	cmd.Flags().StringVar(&name, "name", "mgmt-plugin", "file name of the pair (NAME.key and NAME.pub)")
	cmd.Flags().StringVar(&comment, "comment", "", "comment on the public key's line (who it is)")
	return cmd
}

func newPluginSignCmd() *cobra.Command {
	var keyPath, out string
	cmd := &cobra.Command{
		Use:     "sign --key KEY FILE",
		Short:   "Sign a plugin module: write FILE.sig",
		Long:    `Sign the sha256 of a plugin module with a private key from mgmt plugin keygen, and write the signature to FILE.sig (or --out).`,
		Example: `  mgmt plugin sign --key release.key thing.wasm`,
		Args:    cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if keyPath == "" {
				return errors.New("sign: give the private key with --key KEY")
			}
			kb, err := os.ReadFile(keyPath)
			if err != nil {
				return fmt.Errorf("sign: %w", err)
			}
			priv, err := trust.ParsePrivateKey(kb)
			if err != nil {
				return fmt.Errorf("sign: %s: %w", keyPath, err)
			}
			module, err := os.ReadFile(args[0])
			if err != nil {
				return fmt.Errorf("sign: %w", err)
			}
			sig := priv.Sign(sha256.Sum256(module))
			text, _ := sig.MarshalText()
			if out == "" {
				out = args[0] + ".sig"
			}
			if err := os.WriteFile(out, text, 0o644); err != nil {
				return fmt.Errorf("sign: %w", err)
			}
			fmt.Fprintf(c.OutOrStdout(), "signed %s (sha256 %s) with key %s: %s\n", args[0], sig.SHA256, sig.KeyID, out)
			return nil
		},
	}
	cmd.Flags().StringVar(&keyPath, "key", "", "the private key file (from mgmt plugin keygen)")
	cmd.Flags().StringVar(&out, "out", "", "where to write the signature (default: FILE.sig)")
	return cmd
}

func newPluginTrustCmd(p *pluginFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "trust [PUBKEY-FILE]...",
		Short: "Trust the signatures of public keys, or list the trusted keys",
		Long: `Add public keys (NAME.pub files from mgmt plugin keygen) to the
trusted-keys file: the store's trusted-keys unless --trusted-keys names
another. With no argument, list the trusted keys.`,
		Example: `  mgmt plugin trust release.pub
  mgmt plugin trust`,
		RunE: func(c *cobra.Command, args []string) error {
			s, err := p.open()
			if err != nil {
				return err
			}
			path := p.keysFile(s)
			out := c.OutOrStdout()
			if len(args) == 0 {
				keys, err := trust.LoadKeyRing(path)
				if err != nil {
					return err
				}
				for _, k := range keys.Keys() {
					fmt.Fprintf(out, "%s %s\n", k.ID(), k.Comment)
				}
				return nil
			}
			for _, a := range args {
				b, err := os.ReadFile(a)
				if err != nil {
					return fmt.Errorf("trust: %w", err)
				}
				k, err := trust.ParsePublicKey(b)
				if err != nil {
					return fmt.Errorf("trust: %s: %w", a, err)
				}
				added, err := trust.AddToFile(path, k)
				if err != nil {
					return err
				}
				if added {
					fmt.Fprintf(out, "trusted key %s in %s\n", k.ID(), path)
				} else {
					fmt.Fprintf(out, "key %s is already trusted in %s\n", k.ID(), path)
				}
			}
			return nil
		},
	}
}

// writeNew writes a file that must not exist yet.
func writeNew(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return fmt.Errorf("keygen: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("keygen: %w", err)
	}
	return f.Close()
}
