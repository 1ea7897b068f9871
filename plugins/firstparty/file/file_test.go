package file_test

import (
	"os"
	"path/filepath"
	"testing"
)

// A file gets its exact content and mode; a new file without a mode gets
// 0644; empty content is content too.
func TestFileCreate(t *testing.T) {
	dir := t.TempDir()
	env := newEnv(t)
	a, b, c := filepath.Join(dir, "a"), filepath.Join(dir, "b"), filepath.Join(dir, "c")
	env.Run(t, graph(
		"name: "+a+"\nstate: exists\ncontent: "+q("hello\nwörld\x00")+"\nmode: \"0600\"",
		"name: "+b+"\nstate: exists\ncontent: "+q("plain"),
		"name: "+c+"\nstate: exists\ncontent: \"\"\nmode: u=rwx,go=rx",
	))
	tests := []struct {
		path, content string
		mode          os.FileMode
	}{
		{a, "hello\nwörld\x00", 0o600},
		{b, "plain", 0o644},
		{c, "", 0o755},
	}
	for _, tt := range tests {
		if got := readFile(t, tt.path); got != tt.content {
			t.Errorf("%s: content %q, want %q", tt.path, got, tt.content)
		}
		if got := perm(t, tt.path); got != tt.mode {
			t.Errorf("%s: mode %v, want %v", tt.path, got, tt.mode)
		}
	}
}

// A path ending in "/" is a directory, made with its mode; state exists
// without content makes an empty file.
func TestDirectoryAndEmptyFile(t *testing.T) {
	dir := t.TempDir()
	env := newEnv(t)
	d, f := filepath.Join(dir, "d")+"/", filepath.Join(dir, "empty")
	env.Run(t, graph(
		"name: "+d+"\nstate: exists\nmode: \"0750\"",
		"name: "+f+"\nstate: exists",
	))
	fi, err := os.Stat(d)
	if err != nil || !fi.IsDir() {
		t.Fatalf("%s is not a directory: %v", d, err)
	}
	if got := perm(t, d); got != 0o750 {
		t.Errorf("%s: mode %v, want 0750", d, got)
	}
	if fi, err := os.Stat(f); err != nil || !fi.Mode().IsRegular() || fi.Size() != 0 {
		t.Errorf("%s: want an empty regular file, got %v, %v", f, fi, err)
	}
}

// Autoedges order parents before children: several levels, listed
// children first, all in one graph, without recurse, so that a child run
// before its parent directory would fail (and be retried, which the test
// counts as a failure too).
func TestAutoEdgesParentsFirst(t *testing.T) {
	dir := t.TempDir()
	env := newEnv(t)
	top := filepath.Join(dir, "a") + "/"
	mid := filepath.Join(dir, "a", "b") + "/"
	low := filepath.Join(dir, "a", "b", "c") + "/"
	leaf := filepath.Join(dir, "a", "b", "c", "leaf")
	side := filepath.Join(dir, "a", "side")
	eng := env.Run(t, graph(
		"name: "+leaf+"\nstate: exists\ncontent: leaf",
		"name: "+side+"\nstate: exists\ncontent: side",
		"name: "+low+"\nstate: exists",
		"name: "+mid+"\nstate: exists",
		"name: "+top+"\nstate: exists",
	))
	if got := readFile(t, leaf); got != "leaf" {
		t.Fatalf("leaf: %q", got)
	}
	if got := readFile(t, side); got != "side" {
		t.Fatalf("side: %q", got)
	}
	if n := env.Log.Count("resource failed"); n != 0 || len(eng.Failures()) != 0 {
		t.Errorf("%d failures on the way (%v): a child ran before its parent", n, eng.Failures())
	}
}

// State absent removes a file, and a non-empty directory only with force
// (or recurse); without, it is an error and the directory stays.
func TestAbsent(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	empty := filepath.Join(dir, "empty") + "/"
	full := filepath.Join(dir, "full") + "/"
	mustWrite(t, f, "x", 0o644)
	mustMkdir(t, empty)
	mustMkdir(t, full)
	mustWrite(t, filepath.Join(full, "inner"), "y", 0o644)

	env := newEnv(t)
	env.Run(t, graph(
		"name: "+f+"\nstate: absent",
		"name: "+empty+"\nstate: absent",
	)).Close()
	for _, p := range []string{f, empty} {
		if exists(p) {
			t.Errorf("%s still exists", p)
		}
	}

	eng := env.Run(t, graph("name: "+full+"\nstate: absent"))
	if !exists(filepath.Join(full, "inner")) {
		t.Fatalf("a non-empty directory was removed without force")
	}
	if len(eng.Failures()) == 0 {
		t.Errorf("removing a non-empty directory without force did not fail")
	}
	eng.Close()

	env.Run(t, graph("name: "+full+"\nstate: absent\nforce: true"))
	if exists(full) {
		t.Errorf("%s still exists with force", full)
	}
}

// A file that is already right is not rewritten: same inode, same mtime,
// and the engine converges without a change.
func TestAlreadyRightUntouched(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	mustWrite(t, f, "same\n", 0o640)
	before := identityOf(t, f)
	env := newEnv(t)
	env.Run(t, graph("name: "+f+"\nstate: exists\ncontent: "+q("same\n")+"\nmode: \"0640\""))
	if after := identityOf(t, f); after != before {
		t.Fatalf("the file was rewritten: %+v, then %+v", before, after)
	}
	if n := env.Log.Count("wrote"); n != 0 {
		t.Errorf("logged %d writes:\n%s", n, env.Log)
	}
}

// Different content of the same size is found by comparing bytes, and the
// rewrite keeps the file's mode when mode is not managed.
func TestSameSizeDifferentContent(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	mustWrite(t, f, "abcd", 0o600)
	env := newEnv(t)
	env.Run(t, graph("name: "+f+"\nstate: exists\ncontent: abce"))
	if got := readFile(t, f); got != "abce" {
		t.Fatalf("content %q, want abce", got)
	}
	if got := perm(t, f); got != 0o600 {
		t.Errorf("mode %v, want the old 0600 kept", got)
	}
}
