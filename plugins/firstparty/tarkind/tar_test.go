package tarkind_test

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

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// list returns the archive's entries as name=content, or nil if the file
// is missing or not an archive.
func list(file string) []string {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	tr := tar.NewReader(bytes.NewReader(b))
	var out []string
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			return nil
		}
		data, _ := io.ReadAll(tr)
		out = append(out, h.Name+"="+string(data))
	}
}

// setup makes dir/in/{a,sub/b} and dir/single, and returns dir.
func setup(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for rel, data := range map[string]string{"in/a": "ay", "in/sub/b": "bee", "single": "one"} {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func graph(archive string, inputs ...string) string {
	return "graph: test\nresources:\n  tar:\n  - name: " + archive + "\n    inputs: [" + strings.Join(inputs, ", ") + "]\n"
}

// The archive holds the inputs, named as documented.
func TestTarConverges(t *testing.T) {
	dir := setup(t)
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  tar:
  - name: `+dir+`/contents.tar
    inputs: [`+dir+`/in/, `+dir+`/single]
  - name: prefixed
    path: `+dir+`/prefixed.tar
    inputs: [`+dir+`/in]
    format: 4
`)
	if got, want := list(dir+"/contents.tar"), []string{"a=ay", "sub/=", "sub/b=bee", "single=one"}; !slices.Equal(got, want) {
		t.Errorf("contents.tar: %q, want %q", got, want)
	}
	if got, want := list(dir+"/prefixed.tar"), []string{"in/=", "in/a=ay", "in/sub/=", "in/sub/b=bee"}; !slices.Equal(got, want) {
		t.Errorf("prefixed.tar: %q, want %q", got, want)
	}
}

// An archive that is already right is not rewritten by a second engine:
// same inode and mtime.
func TestTarLeavesRightArchiveAlone(t *testing.T) {
	dir := setup(t)
	yaml := graph(dir+"/out.tar", dir+"/in/", dir+"/single")
	env := fptest.New(t)
	env.Run(t, yaml)
	before, err := os.Stat(dir + "/out.tar")
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(10 * time.Millisecond) // a rewrite would get a later mtime
	eng := env.Run(t, yaml)
	after, _ := os.Stat(dir + "/out.tar")
	if n := eng.Stats().Applied.Load(); n != 0 {
		t.Errorf("the second run changed %d resources, want 0", n)
	}
	if before.Sys().(*syscall.Stat_t).Ino != after.Sys().(*syscall.Stat_t).Ino || !before.ModTime().Equal(after.ModTime()) {
		t.Error("the archive was rewritten")
	}
}

// Changes from outside are corrected: a damaged or removed archive comes
// back, and an edited file input is archived again.
func TestTarDrift(t *testing.T) {
	dir := setup(t)
	out := dir + "/out.tar"
	env := fptest.New(t)
	env.Run(t, graph(out, dir+"/single"))
	want := []string{"single=one"}
	if got := list(out); !slices.Equal(got, want) {
		t.Fatalf("archive %q", got)
	}
	if err := os.WriteFile(out, []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the archive repaired", func() bool { return slices.Equal(list(out), want) })
	if err := os.Remove(out); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the archive recreated", func() bool { return slices.Equal(list(out), want) })
	if err := os.WriteFile(dir+"/single", []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the new input archived", func() bool { return slices.Equal(list(out), []string{"single=changed"}) })
}

// A change inside a directory input, even in a new subdirectory, is seen
// through the recursive watch and archived.
func TestTarDriftInsideDirectory(t *testing.T) {
	dir := setup(t)
	out := dir + "/out.tar"
	env := fptest.New(t)
	env.Run(t, graph(out, dir+"/in/"))
	if err := os.WriteFile(dir+"/in/sub/b", []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the changed file archived", func() bool {
		return slices.Equal(list(out), []string{"a=ay", "sub/=", "sub/b=changed"})
	})
	if err := os.MkdirAll(dir+"/in/new/deep", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dir+"/in/new/deep/c", []byte("sea"), 0o644); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the new file archived", func() bool { return slices.Contains(list(out), "new/deep/c=sea") })
}

// Bad params fail the commit naming the resource and the param.
func TestTarBadParams(t *testing.T) {
	for _, tc := range []struct{ name, params, param, msg string }{
		{"name not a path", "    inputs: [/tmp]", "path", "must be an absolute path"},
		{"path slash", "    path: /tmp/d/", "path", "must not end with a slash"},
		{"relative input", "    path: /tmp/x.tar\n    inputs: [/tmp, rel]", "inputs", `input #1 must be an absolute path, not "rel"`},
		{"format", "    path: /tmp/x.tar\n    format: 3", "format", "not 3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := fptest.New(t)
			err := env.Reject(t, "graph: test\nresources:\n  tar:\n  - name: bad\n"+tc.params+"\n")
			fptest.RequireError(t, err, "tar[bad]", "param "+tc.param, tc.msg)
		})
	}
}
