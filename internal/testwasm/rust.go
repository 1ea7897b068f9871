package testwasm

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// RustC is the compiler BuildRust runs: Debian's rustc, which has the
// wasm32-wasi standard library (libstd-rust-dev-wasm32), as mk/langs.mk's
// RUSTC; $RUSTC overrides it.
func RustC() string {
	if c := os.Getenv("RUSTC"); c != "" {
		return c
	}
	return "/usr/bin/rustc"
}

// RustFlags are the flags of the first-party Rust modules, the same as
// the Makefile's RUSTFLAGS_FIRSTPARTY: optimised for speed, one codegen
// unit, whole-program optimisation, no unwinding, no symbols.
var RustFlags = []string{
	"--edition", "2021", "--target", "wasm32-wasi", "--crate-type", "cdylib",
	"-C", "opt-level=3", "-C", "codegen-units=1", "-C", "panic=abort", "-C", "lto", "-C", "strip=symbols",
}

// BuildRust builds the Rust crate whose root is root (a lib.rs that may
// include more files, such as the SDK, by #[path]) to the wasm module out,
// with RustFlags. The sources are root's folder and every file of extra.
//
// rustc takes seconds for a module that Go test binaries of several
// packages each need, so the result is kept in the user's cache folder
// under the hash of the compiler's version, the flags and the sources,
// and a second build of the same sources is a copy.
func BuildRust(root string, extra []string, out string) error {
	rustc := RustC()
	version, err := exec.Command(rustc, "--version").Output()
	if err != nil {
		return fmt.Errorf("build %s: %s is needed (Debian's rustc, libstd-rust-dev-wasm32 and lld-14; `make` installs them with mk/ensure-tools.sh rust): %w", root, rustc, err)
	}
	key, err := rustKey(string(version), filepath.Dir(root), extra)
	if err != nil {
		return fmt.Errorf("build %s: %w", root, err)
	}
	cached := ""
	if dir, err := os.UserCacheDir(); err == nil {
		cached = filepath.Join(dir, "mgmt-wasm-test", "rust", key+".wasm")
		if b, err := os.ReadFile(cached); err == nil {
			return os.WriteFile(out, b, 0o644)
		}
	}
	args := append(append([]string{}, RustFlags...), "-o", out, root)
	if b, err := exec.Command(rustc, args...).CombinedOutput(); err != nil {
		return fmt.Errorf("build %s: %w\n%s", root, err, b)
	}
	if cached != "" {
		keep(out, cached)
	}
	return nil
}

// rustKey hashes the compiler's version, the flags and every source: the
// .rs files under dir and the extra files, by path and content.
func rustKey(version, dir string, extra []string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".rs") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return "", err
	}
	files = append(files, extra...)
	sort.Strings(files)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", version, strings.Join(RustFlags, " "))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", f, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// keep copies a built module into the cache, by a temporary file renamed
// into place so that a concurrent reader never sees half of it; a failure
// only costs the next build.
func keep(built, cached string) {
	b, err := os.ReadFile(built)
	if err != nil || os.MkdirAll(filepath.Dir(cached), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(cached), ".build-")
	if err != nil {
		return
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.Write(b)
	if cerr := tmp.Close(); err == nil && cerr == nil {
		_ = os.Rename(tmp.Name(), cached)
	}
}
