package tarkind

import (
	"archive/tar"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// osSource is a source on the local file system, for native tests.
type osSource struct{}

func (osSource) Stat(p string, nofollow bool) (*hostabi.StatResponse, error) {
	stat := os.Stat
	if nofollow {
		stat = os.Lstat
	}
	fi, err := stat(p)
	if err != nil {
		return nil, err
	}
	typ := hostabi.FileOther
	switch {
	case fi.Mode().IsRegular():
		typ = hostabi.FileRegular
	case fi.IsDir():
		typ = hostabi.FileDir
	case fi.Mode()&os.ModeSymlink != 0:
		typ = hostabi.FileSymlink
	}
	sys := fi.Sys().(*syscall.Stat_t)
	return &hostabi.StatResponse{Type: typ, Mode: uint32(fi.Mode().Perm()), Size: uint64(fi.Size()),
		MtimeNS: fi.ModTime().UnixNano(), UID: sys.Uid, GID: sys.Gid}, nil
}

func (osSource) ReadFile(p string) ([]byte, error) { return os.ReadFile(p) }

func (osSource) ReadDir(p string) ([]hostabi.DirEntry, error) {
	es, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	var out []hostabi.DirEntry
	for _, e := range es {
		out = append(out, hostabi.DirEntry{Name: e.Name()})
	}
	return out, nil
}

func (osSource) Readlink(p string) (string, error) { return os.Readlink(p) }

// tree makes a directory with files, a subdirectory and a symlink, and a
// file beside it; mtimes have nanoseconds.
func tree(t *testing.T) (root string) {
	t.Helper()
	root = t.TempDir()
	mk := func(rel, data string) {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, time.Unix(1700000000, 123456789), time.Unix(1700000000, 123456789)); err != nil {
			t.Fatal(err)
		}
	}
	mk("d/b.txt", "bee")
	mk("d/a.txt", "ay")
	mk("d/sub/c.txt", "sea")
	mk("single.txt", "one file")
	if err := os.Symlink("a.txt", filepath.Join(root, "d", "link")); err != nil {
		t.Fatal(err)
	}
	return root
}

// entries lists the archive: name, type and content of each entry.
func entries(t *testing.T, b []byte) ([]string, []*tar.Header) {
	t.Helper()
	tr := tar.NewReader(bytes.NewReader(b))
	var names []string
	var hs []*tar.Header
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return names, hs
		}
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(tr)
		names = append(names, h.Name+"="+string(data)+h.Linkname)
		hs = append(hs, h)
	}
}

// Inputs are named as the package doc says, directories sorted, and
// every format gives a readable archive.
func TestBuildNames(t *testing.T) {
	root := tree(t)
	for _, tc := range []struct {
		name   string
		inputs []string
		want   []string
	}{
		{"file", []string{root + "/single.txt"}, []string{"single.txt=one file"}},
		{"contents", []string{root + "/d/"}, []string{"a.txt=ay", "b.txt=bee", "link=a.txt", "sub/=", "sub/c.txt=sea"}},
		{"prefixed", []string{root + "/d"}, []string{"d/=", "d/a.txt=ay", "d/b.txt=bee", "d/link=a.txt", "d/sub/=", "d/sub/c.txt=sea"}},
		{"in order", []string{root + "/single.txt", root + "/d/sub/"}, []string{"single.txt=one file", "c.txt=sea"}},
	} {
		for _, f := range formats {
			t.Run(tc.name+"/"+f.String(), func(t *testing.T) {
				b, err := build(osSource{}, tc.inputs, f, "")
				if err != nil {
					t.Fatal(err)
				}
				got, hs := entries(t, b)
				if !slices.Equal(got, tc.want) {
					t.Errorf("entries %q, want %q", got, tc.want)
				}
				for _, h := range hs {
					if h.Typeflag == tar.TypeReg && h.Mode != 0o640 {
						t.Errorf("%s: mode %o, want 640", h.Name, h.Mode)
					}
					if h.Typeflag == tar.TypeReg && h.ModTime.Unix() != 1700000000 {
						t.Errorf("%s: mtime %v", h.Name, h.ModTime)
					}
				}
			})
		}
	}
}

// The same tree always gives the same bytes; the pax format keeps the
// nanoseconds of the modification time.
func TestBuildReproducible(t *testing.T) {
	root := tree(t)
	in := []string{root + "/d/", root + "/single.txt"}
	for _, f := range formats {
		a, err := build(osSource{}, in, f, "")
		if err != nil {
			t.Fatal(err)
		}
		b, _ := build(osSource{}, in, f, "")
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two builds differ", f)
		}
	}
	b, _ := build(osSource{}, []string{root + "/single.txt"}, tar.FormatPAX, "")
	if _, hs := entries(t, b); hs[0].ModTime.Nanosecond() != 123456789 {
		t.Errorf("pax lost the nanoseconds: %v", hs[0].ModTime)
	}
}

// The archive is not archived into itself, and special files fail.
func TestBuildSkipAndSpecial(t *testing.T) {
	root := tree(t)
	b, err := build(osSource{}, []string{root + "/d/"}, tar.FormatUnknown, root+"/d/b.txt")
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := entries(t, b); slices.Contains(got, "b.txt=bee") {
		t.Errorf("the skipped path was archived: %q", got)
	}
	if err := syscall.Mkfifo(filepath.Join(root, "d", "fifo"), 0o644); err != nil {
		t.Skip("no fifo:", err)
	}
	if _, err := build(osSource{}, []string{root + "/d/"}, tar.FormatUnknown, ""); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a fifo gave %v", err)
	}
	if _, err := build(osSource{}, []string{root + "/missing"}, tar.FormatUnknown, ""); err == nil || !strings.Contains(err.Error(), "input "+root+"/missing") {
		t.Errorf("a missing input gave %v", err)
	}
}
