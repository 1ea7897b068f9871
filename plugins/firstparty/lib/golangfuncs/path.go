package golangfuncs

import (
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// pathEntries wraps package path.
func pathEntries() []entry {
	return []entry{
		{"base", sigPath, f1(path.Base)},
		{"clean", sigPath, f1(path.Clean)},
		{"dir", sigPath, f1(path.Dir)},
		{"ext", sigPath, f1(path.Ext)},
		{"is_abs", sigPathBool, f1(path.IsAbs)},
		{"join", "func(elem []str) str", f1(func(elem []string) string { return path.Join(elem...) })},
		{"match", "func(pattern str, name str) bool", e2(path.Match)},
	}
}

// filepathEntries wraps package path/filepath, with Linux's separators
// (the module's wasip1 filepath uses the same). Abs and EvalSymlinks ask
// the host, since they depend on its working directory and files.
func filepathEntries() []entry {
	return []entry{
		{"abs", sigPath, h1(hostinfo.Abs)},
		{"base", sigPath, f1(filepath.Base)},
		{"clean", sigPath, f1(filepath.Clean)},
		{"dir", sigPath, f1(filepath.Dir)},
		{"eval_symlinks", sigPath, h1(evalSymlinks)},
		{"ext", sigPath, f1(filepath.Ext)},
		{"from_slash", sigPath, f1(filepath.FromSlash)},
		{"has_prefix", "func(p str, prefix str) bool", f2(filepath.HasPrefix)}, //nolint:staticcheck // upstream wraps the deprecated HasPrefix
		{"is_abs", sigPathBool, f1(filepath.IsAbs)},
		{"is_local", sigPathBool, f1(filepath.IsLocal)},
		{"join", "func(elem []str) str", f1(func(elem []string) string { return filepath.Join(elem...) })},
		{"localize", sigPath, e1(filepath.Localize)},
		{"match", "func(pattern str, name str) bool", e2(filepath.Match)},
		{"rel", "func(basePath str, targPath str) str", e2(filepath.Rel)},
		{"to_slash", sigPath, f1(filepath.ToSlash)},
		{"volume_name", sigPath, f1(filepath.VolumeName)},
	}
}

// evalSymlinks is filepath.EvalSymlinks on the host: the host has no
// readlink import, so `readlink -f` runs there, and the result must exist,
// as EvalSymlinks requires. A relative path would give a relative result
// lexically tied to the working directory, which the sandbox cannot
// reproduce: it is refused.
func evalSymlinks(h lib.Host, p string) (string, error) {
	if !filepath.IsAbs(p) {
		return "", fmt.Errorf("%q: only absolute paths can be resolved from the sandbox", p)
	}
	out, err := hostinfo.RunShell(h, `exec readlink -f -- "$1"`, p)
	if err != nil {
		if exists, _, serr := h.Stat(p); serr == nil && !exists {
			err = fs.ErrNotExist // readlink(1) fails silently on a dangling path
		}
		return "", fmt.Errorf("eval symlinks %q: %w", p, err)
	}
	real := strings.TrimSuffix(string(out), "\n")
	if real == "" {
		return "", fmt.Errorf("eval symlinks %q: %w", p, fs.ErrNotExist)
	}
	exists, _, err := h.Stat(real)
	if err != nil {
		return "", fmt.Errorf("eval symlinks %q: %w", p, err)
	}
	if !exists {
		return "", fmt.Errorf("eval symlinks %q: %w", p, fs.ErrNotExist)
	}
	return real, nil
}
