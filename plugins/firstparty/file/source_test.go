package file_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// A source file is copied with its mode, and a change to the source is
// copied again.
func TestSourceFile(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src"), filepath.Join(dir, "dst")
	mustWrite(t, src, "from the source\n", 0o750)
	env := newEnv(t)
	env.Start(t, graph("name: "+dst+"\nstate: exists\nsource: "+src))
	fptest.Eventually(t, "the source is copied", func() bool {
		b, err := os.ReadFile(dst)
		return err == nil && string(b) == "from the source\n"
	})
	if got := perm(t, dst); got != 0o750 {
		t.Errorf("mode %v, want the source's 0750", got)
	}
	mustWrite(t, src, "changed source\n", 0o750)
	fptest.Eventually(t, "the changed source is copied", func() bool {
		b, err := os.ReadFile(dst)
		return err == nil && string(b) == "changed source\n"
	})
}

// buildTree makes src: files, a subdirectory, a symlink.
func buildTree(t *testing.T, src string) {
	t.Helper()
	mustMkdir(t, filepath.Join(src, "sub", "deeper"))
	mustWrite(t, filepath.Join(src, "top"), "top\n", 0o644)
	mustWrite(t, filepath.Join(src, "sub", "script"), "#!/bin/sh\n", 0o755)
	mustWrite(t, filepath.Join(src, "sub", "deeper", "leaf"), "leaf\n", 0o600)
	if err := os.Symlink("sub/script", filepath.Join(src, "link")); err != nil {
		t.Fatal(err)
	}
}

// checkTree checks that dst is a copy of the tree buildTree makes.
func checkTree(t *testing.T, dst string) {
	t.Helper()
	files := []struct {
		rel, content string
		mode         os.FileMode
	}{
		{"top", "top\n", 0o644},
		{"sub/script", "#!/bin/sh\n", 0o755},
		{"sub/deeper/leaf", "leaf\n", 0o600},
	}
	for _, f := range files {
		p := filepath.Join(dst, f.rel)
		if got := readFile(t, p); got != f.content {
			t.Errorf("%s: content %q, want %q", f.rel, got, f.content)
		}
		if got := perm(t, p); got != f.mode {
			t.Errorf("%s: mode %v, want %v", f.rel, got, f.mode)
		}
	}
	target, err := os.Readlink(filepath.Join(dst, "link"))
	if err != nil || target != "sub/script" {
		t.Errorf("link: %q, %v; want a symlink to sub/script", target, err)
	}
}

// A source directory with recurse is copied as a tree, symlinks as
// symlinks; without purge what the source lacks stays, with purge it is
// removed.
func TestSourceDirectory(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src")+"/", filepath.Join(dir, "dst")+"/"
	buildTree(t, src)
	mustMkdir(t, dst)
	mustWrite(t, filepath.Join(dst, "extra"), "not in the source", 0o644)
	mustMkdir(t, filepath.Join(dst, "extradir"))

	env := newEnv(t)
	env.Run(t, graph("name: "+dst+"\nstate: exists\nsource: "+src+"\nrecurse: true")).Close()
	checkTree(t, dst)
	if !exists(filepath.Join(dst, "extra")) {
		t.Fatalf("without purge, a file the source lacks was removed")
	}

	env = newEnv(t)
	env.Start(t, graph("name: "+dst+"\nstate: exists\nsource: "+src+"\nrecurse: true\npurge: true"))
	fptest.Eventually(t, "the extras are purged", func() bool {
		return !exists(filepath.Join(dst, "extra")) && !exists(filepath.Join(dst, "extradir"))
	})
	checkTree(t, dst)
}

// A file inside a copied tree changed from outside is restored, through
// the recursive watch the kind asks for.
func TestSourceDirectoryDrift(t *testing.T) {
	dir := t.TempDir()
	src, dst := filepath.Join(dir, "src")+"/", filepath.Join(dir, "dst")+"/"
	buildTree(t, src)
	env := newEnv(t)
	fptest.WaitConverged(t, env.Start(t, graph("name: "+dst+"\nstate: exists\nsource: "+src+"\nrecurse: true")))
	checkTree(t, dst)
	leaf := filepath.Join(dst, "sub", "deeper", "leaf")
	mustWrite(t, leaf, "tampered\n", 0o600)
	fptest.Eventually(t, "the copied file is restored", func() bool {
		b, err := os.ReadFile(leaf)
		return err == nil && string(b) == "leaf\n"
	})
}

// Fragments are concatenated in order: files, and a directory's files by
// name (not its subdirectories); editing a fragment updates the file.
func TestFragments(t *testing.T) {
	dir := t.TempDir()
	one, two := filepath.Join(dir, "one"), filepath.Join(dir, "two")
	fragDir := filepath.Join(dir, "frags") + "/"
	mustWrite(t, one, "1\n", 0o644)
	mustWrite(t, two, "2\n", 0o644)
	mustMkdir(t, filepath.Join(fragDir, "skipped"))
	mustWrite(t, filepath.Join(fragDir, "b"), "b\n", 0o644)
	mustWrite(t, filepath.Join(fragDir, "a"), "a\n", 0o644)
	out := filepath.Join(dir, "out")

	env := newEnv(t)
	env.Start(t, graph("name: "+out+"\nstate: exists\nfragments: ["+q(two)+", "+q(fragDir)+", "+q(one)+"]"))
	want := "2\na\nb\n1\n"
	fptest.Eventually(t, "the fragments are joined", func() bool {
		b, err := os.ReadFile(out)
		return err == nil && string(b) == want
	})
	mustWrite(t, one, "one\n", 0o644)
	fptest.Eventually(t, "the edited fragment is joined", func() bool {
		b, err := os.ReadFile(out)
		return err == nil && string(b) == "2\na\nb\none\n"
	})
}

// With symlink, the path is a symbolic link to source (which need not
// exist); a wrong target is corrected; a regular file in the way needs
// force; state absent removes the link. Each phase closes the engine of
// the one before, whose graph it contradicts.
func TestSymlink(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "link")
	eng := newEnv(t).Start(t, graph("name: "+link+"\nstate: exists\nsymlink: true\nsource: relative/target"))
	isLink := func(p, target string) func() bool {
		return func() bool {
			got, err := os.Readlink(p)
			return err == nil && got == target
		}
	}
	fptest.Eventually(t, "the link is made", isLink(link, "relative/target"))
	// Re-point the link atomically, as a rename over it.
	tmp := filepath.Join(dir, "tmp-link")
	if err := os.Symlink("/elsewhere", tmp); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, link); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the link's target is corrected", isLink(link, "relative/target"))
	eng.Close()

	blocked := filepath.Join(dir, "blocked")
	mustWrite(t, blocked, "a file", 0o644)
	eng = newEnv(t).Run(t, graph("name: "+blocked+"\nstate: exists\nsymlink: true\nsource: /x"))
	if len(eng.Failures()) == 0 || readFile(t, blocked) != "a file" {
		t.Errorf("a regular file was replaced by a symlink without force")
	}
	eng.Close()
	eng = newEnv(t).Run(t, graph("name: "+blocked+"\nstate: exists\nsymlink: true\nsource: /x\nforce: true"))
	if !isLink(blocked, "/x")() {
		t.Errorf("with force, %s is not a symlink to /x", blocked)
	}
	eng.Close()

	newEnv(t).Run(t, graph("name: "+link+"\nstate: absent\nsymlink: true"))
	if exists(link) {
		t.Errorf("state absent left the link")
	}
}
