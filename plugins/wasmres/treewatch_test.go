package wasmres

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
)

// A recursive watch fires for changes deep in the tree, including in files
// and directories made after it started, and stops firing once closed.
func TestTreeWatch(t *testing.T) {
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	root := filepath.Join(t.TempDir(), "tree")
	if err := os.MkdirAll(filepath.Join(root, "a", "b"), 0o755); err != nil {
		t.Fatal(err)
	}
	fired := make(chan struct{}, 100)
	cancel, err := watchTree(w, root, func() { fired <- struct{}{} })
	if err != nil {
		t.Fatal(err)
	}
	drain := func() {
		for {
			select {
			case <-fired:
			case <-time.After(200 * time.Millisecond):
				return
			}
		}
	}
	expect := func(what string, change func() error) {
		t.Helper()
		drain()
		if err := change(); err != nil {
			t.Fatal(err)
		}
		select {
		case <-fired:
		case <-time.After(30 * time.Second):
			t.Fatalf("no event after %s", what)
		}
	}
	deep := filepath.Join(root, "a", "b", "new")
	expect("a file created two levels down", func() error { return os.WriteFile(deep, []byte("1"), 0o644) })
	expect("that new file rewritten in place", func() error { return os.WriteFile(deep, []byte("22"), 0o644) })
	sub := filepath.Join(root, "a", "c")
	expect("a new directory", func() error { return os.Mkdir(sub, 0o755) })
	expect("a file in the new directory", func() error { return os.WriteFile(filepath.Join(sub, "f"), nil, 0o644) })
	expect("a chmod deep down", func() error { return os.Chmod(deep, 0o600) })
	cancel()
	drain()
	if err := os.WriteFile(deep, []byte("after"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-fired:
		t.Fatal("an event after the watch was closed")
	case <-time.After(300 * time.Millisecond):
	}
}
