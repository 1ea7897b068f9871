package store

import (
	"os"
	"path/filepath"
	"testing"
)

// An executable is stored executable, as NAME.bin; a wasm module as
// NAME.wasm, not executable. Both load verified.
func TestInstallKinds(t *testing.T) {
	src := t.TempDir()
	st, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, file string
		data       []byte
		mode       os.FileMode
	}{
		{"proc", "proc.bin", []byte("\x7fELF\x02\x01\x01rest"), 0o755},
		{"mod", "mod.wasm", []byte("\x00asm\x01\x00\x00\x00"), 0o644},
	} {
		path := filepath.Join(src, c.name)
		os.WriteFile(path, c.data, 0o600)
		e, err := st.Install(path, c.name, nil)
		if err != nil {
			t.Fatal(err)
		}
		if e.File != c.file {
			t.Errorf("%s: file %s, want %s", c.name, e.File, c.file)
		}
		fi, err := os.Stat(filepath.Join(st.Dir(), e.File))
		if err != nil || fi.Mode().Perm() != c.mode {
			t.Errorf("%s: %v, %v; want mode %v", c.name, fi, err, c.mode)
		}
		if _, _, err := st.Load(c.name); err != nil {
			t.Errorf("%s: load: %v", c.name, err)
		}
		if IsExecutable(c.data) != (c.mode == 0o755) {
			t.Errorf("%s: IsExecutable wrong", c.name)
		}
	}
}
