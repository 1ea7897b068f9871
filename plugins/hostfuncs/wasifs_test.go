package hostfuncs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
)

func TestWASIFSConfinesToTheGrants(t *testing.T) {
	dir := t.TempDir()
	app, other := filepath.Join(dir, "app"), filepath.Join(dir, "other")
	for _, d := range []string{app, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(other, "secret"), []byte("s"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, filepath.Join(app, "out")); err != nil {
		t.Fatal(err)
	}
	f := WASIFS(grantedCaps(t, "fs.read:"+app, "fs.write:"+app))
	rel := func(p string) string { return strings.TrimPrefix(p, "/") }
	tests := []struct {
		name string
		op   func() experimentalsys.Errno
		want experimentalsys.Errno
	}{
		{"create inside", func() experimentalsys.Errno {
			file, errno := f.OpenFile(rel(filepath.Join(app, "new")), experimentalsys.O_CREAT|experimentalsys.O_WRONLY, 0o644)
			if errno == 0 {
				file.Close()
			}
			return errno
		}, 0},
		{"read outside", func() experimentalsys.Errno {
			_, errno := f.OpenFile(rel(filepath.Join(other, "secret")), experimentalsys.O_RDONLY, 0)
			return errno
		}, experimentalsys.EACCES},
		{"read through a symlink out", func() experimentalsys.Errno {
			_, errno := f.OpenFile(rel(filepath.Join(app, "out", "secret")), experimentalsys.O_RDONLY, 0)
			return errno
		}, experimentalsys.EACCES},
		{"write through a symlink out", func() experimentalsys.Errno {
			_, errno := f.OpenFile(rel(filepath.Join(app, "out", "new")), experimentalsys.O_CREAT|experimentalsys.O_WRONLY, 0o644)
			return errno
		}, experimentalsys.EACCES},
		{"stat outside", func() experimentalsys.Errno { _, errno := f.Stat(rel(other)); return errno }, experimentalsys.EACCES},
		{"lstat the link itself", func() experimentalsys.Errno { _, errno := f.Lstat(rel(filepath.Join(app, "out"))); return errno }, 0},
		{"remove outside", func() experimentalsys.Errno { return f.Unlink(rel(filepath.Join(other, "secret"))) }, experimentalsys.EACCES},
		{"rename out", func() experimentalsys.Errno {
			return f.Rename(rel(filepath.Join(app, "new")), rel(filepath.Join(other, "moved")))
		}, experimentalsys.EACCES},
		{"list the root", func() experimentalsys.Errno {
			root, errno := f.OpenFile(".", experimentalsys.O_RDONLY|experimentalsys.O_DIRECTORY, 0)
			if errno != 0 {
				return errno
			}
			defer root.Close()
			_, errno = root.Readdir(-1)
			return errno
		}, experimentalsys.EACCES},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.op(); got != tc.want {
				t.Fatalf("errno %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := os.Stat(filepath.Join(other, "secret")); err != nil {
		t.Fatalf("the file outside was touched: %v", err)
	}
	if _, err := os.Stat(filepath.Join(other, "new")); err == nil {
		t.Fatal("a file was created through the symlink")
	}
}
