package hostfuncs

import (
	"io"
	"os"
	"path/filepath"
	"reflect"
	"syscall"
	"testing"
)

// sysStatResponse answers what statResponse answers from os.Lstat, for
// every type of file and the mode bits above the permissions.
func TestSysStatResponse(t *testing.T) {
	dir := t.TempDir()
	reg, link, fifo := filepath.Join(dir, "f"), filepath.Join(dir, "l"), filepath.Join(dir, "p")
	if err := os.WriteFile(reg, []byte("data"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(reg, 0o4750|os.ModeSticky); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("f", link); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{reg, link, fifo, dir} {
		fi, err := os.Lstat(p)
		if err != nil {
			t.Fatal(err)
		}
		var st syscall.Stat_t
		if err := syscall.Lstat(p, &st); err != nil {
			t.Fatal(err)
		}
		got := sysStatResponse(&st)
		if got.Type != fileType(fi.Mode()) || got.Mode != abiMode(fi.Mode()) || got.Size != uint64(fi.Size()) || got.MtimeNS != fi.ModTime().UnixNano() {
			t.Errorf("%s: %+v, want type %v mode %o size %d mtime %d", p, got, fileType(fi.Mode()), abiMode(fi.Mode()), fi.Size(), fi.ModTime().UnixNano())
		}
		if old := statResponse(fi); !reflect.DeepEqual(old, got) {
			t.Errorf("%s: statResponse %+v differs from sysStatResponse %+v", p, old, got)
		}
	}
}

// readAt reads across short reads to the end, and says EOF only there.
func TestRawFileReadAt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(path, []byte("0123456789"), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := openRead(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.close()
	tests := []struct {
		size, off int
		want      string
		eof       bool
	}{
		{4, 0, "0123", false},
		{10, 0, "0123456789", false},
		{11, 0, "0123456789", true},
		{5, 8, "89", true},
		{3, 10, "", true},
	}
	for _, tc := range tests {
		buf := make([]byte, tc.size)
		n, err := f.readAt(buf, int64(tc.off))
		if string(buf[:n]) != tc.want || (err == io.EOF) != tc.eof || (err != nil && err != io.EOF) {
			t.Errorf("readAt(%d bytes, %d) = %q, %v; want %q, eof %v", tc.size, tc.off, buf[:n], err, tc.want, tc.eof)
		}
	}
	// readAtSized, with the size fstat gave (10), or a stale one: a file
	// that shrank (said 12) or grew (said 8) since.
	sized := []struct {
		size, off, said int
		want            string
		eof             bool
	}{
		{4, 0, 10, "0123", false},
		{10, 0, 10, "0123456789", false},
		{11, 0, 10, "0123456789", true},
		{5, 8, 10, "89", true},
		{3, 10, 10, "", true},
		{13, 0, 12, "0123456789", true},
		{11, 0, 8, "0123456789", true},
		{10, 0, 8, "0123456789", false},
	}
	for _, tc := range sized {
		buf := make([]byte, tc.size)
		n, err := f.readAtSized(buf, int64(tc.off), int64(tc.said))
		if string(buf[:n]) != tc.want || (err == io.EOF) != tc.eof || (err != nil && err != io.EOF) {
			t.Errorf("readAtSized(%d bytes, %d, size %d) = %q, %v; want %q, eof %v", tc.size, tc.off, tc.said, buf[:n], err, tc.want, tc.eof)
		}
	}
	if _, err := openRead(filepath.Join(t.TempDir(), "missing")); !os.IsNotExist(err) {
		t.Errorf("opening a missing file: %v, want not exist", err)
	}
}
