package gzipkind_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// gunzip returns the data in the gzip file, and its header.
func gunzip(t testing.TB, file string) (string, gzip.Header) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return string(data), r.Header
}

// gunzipped reports whether file holds the compression of want (for
// polling: no test failures).
func gunzipped(file, want string) bool {
	b, err := os.ReadFile(file)
	if err != nil {
		return false
	}
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return false
	}
	data, err := io.ReadAll(r)
	return err == nil && string(data) == want
}

// The content, or the input file, is compressed into the file named by
// path or by the resource name, with an empty header.
func TestGzipConverges(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(in, []byte("from the input file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  gzip:
  - name: `+filepath.Join(dir, "named.gz")+`
    content: hello gzip
  - name: by-path
    path: `+filepath.Join(dir, "path.gz")+`
    input: `+in+`
    level: 9
`)
	for file, want := range map[string]string{"named.gz": "hello gzip", "path.gz": "from the input file\n"} {
		got, h := gunzip(t, filepath.Join(dir, file))
		if got != want {
			t.Errorf("%s holds %q, want %q", file, got, want)
		}
		if h.Name != "" || !h.ModTime.IsZero() {
			t.Errorf("%s header has name %q and time %v, want neither", file, h.Name, h.ModTime)
		}
	}
}

// An unset content compresses empty data; an input set to a missing file
// fails.
func TestGzipEmptyAndMissingInput(t *testing.T) {
	dir := t.TempDir()
	env := fptest.New(t)
	env.Run(t, "graph: test\nresources:\n  gzip:\n  - name: "+filepath.Join(dir, "empty.gz")+"\n")
	if got, _ := gunzip(t, filepath.Join(dir, "empty.gz")); got != "" {
		t.Errorf("empty.gz holds %q", got)
	}
	eng := env.Start(t, "graph: test\nresources:\n  gzip:\n  - name: "+filepath.Join(dir, "x.gz")+"\n    input: "+filepath.Join(dir, "missing")+"\n")
	fptest.Eventually(t, "the resource to fail", func() bool { return len(eng.Failures()) > 0 })
	for _, err := range eng.Failures() {
		if !strings.Contains(err.Error(), "read the input") {
			t.Errorf("failure %q does not name the input", err)
		}
	}
}

// A file that already holds the compression is not rewritten, neither by
// a second engine nor when the resource is checked again.
func TestGzipLeavesRightFileAlone(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f.gz")
	yaml := "graph: test\nresources:\n  gzip:\n  - name: " + file + "\n    content: stable\n"
	env := fptest.New(t)
	env.Run(t, yaml)
	before, _ := os.Stat(file)
	time.Sleep(10 * time.Millisecond) // a rewrite would get a later mtime
	eng := env.Run(t, yaml)
	after, _ := os.Stat(file)
	if n := eng.Stats().Applied.Load(); n != 0 {
		t.Errorf("the second run changed %d resources, want 0", n)
	}
	if before.Sys().(*syscall.Stat_t).Ino != after.Sys().(*syscall.Stat_t).Ino || !before.ModTime().Equal(after.ModTime()) {
		t.Error("the file was rewritten")
	}
}

// Changes from outside are corrected: a damaged or removed output comes
// back, an edited input is compressed again; the output keeps its mode.
func TestGzipDrift(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in"), filepath.Join(dir, "out.gz")
	if err := os.WriteFile(in, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := fptest.New(t)
	env.Run(t, "graph: test\nresources:\n  gzip:\n  - name: "+out+"\n    input: "+in+"\n")
	if err := os.Chmod(out, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out, []byte("garbage"), 0o600); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the output repaired", func() bool { return gunzipped(out, "one") })
	if fi, _ := os.Stat(out); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want the file's 0600", fi.Mode().Perm())
	}
	if err := os.Remove(out); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the output recreated", func() bool { return gunzipped(out, "one") })
	if err := os.WriteFile(in, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the new input compressed", func() bool { return gunzipped(out, "two") })
}

// Bad params fail the commit naming the resource and the param.
func TestGzipBadParams(t *testing.T) {
	for _, tc := range []struct{ name, params, param, msg string }{
		{"relative path", "    path: rel.gz", "path", "must be an absolute path"},
		{"name not a path", "", "path", "must be an absolute path"},
		{"path slash", "    path: /tmp/d/", "path", "must not end with a slash"},
		{"relative input", "    path: /tmp/x.gz\n    input: in", "input", "must be an absolute path"},
		{"level high", "    path: /tmp/x.gz\n    level: 10", "level", "must be from -2 to 9, not 10"},
		{"level low", "    path: /tmp/x.gz\n    level: -3", "level", "must be from -2 to 9"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := fptest.New(t)
			err := env.Reject(t, "graph: test\nresources:\n  gzip:\n  - name: bad\n"+tc.params+"\n")
			fptest.RequireError(t, err, "gzip[bad]", "param "+tc.param, tc.msg)
		})
	}
}
