package hostwatch

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// WatchEntries fires for every entry of its directory, created, written or
// removed, and breaks (fail) when the directory itself is removed; a
// missing directory is an error at once.
func TestWatchEntries(t *testing.T) {
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	dir := filepath.Join(t.TempDir(), "d")
	if _, err := w.WatchEntries(dir, func() {}, nil); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("watching a missing directory: %v, want not exist", err)
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	fired, failed := make(chan struct{}, 100), make(chan error, 1)
	cancel, err := w.WatchEntries(dir, func() { fired <- struct{}{} }, func(err error) { failed <- err })
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	wait := func(what string) {
		t.Helper()
		select {
		case <-fired:
		case <-time.After(30 * time.Second):
			t.Fatalf("no event after %s", what)
		}
		for len(fired) > 0 {
			<-fired
		}
	}
	f := filepath.Join(dir, "any-name")
	if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	wait("creating an entry no one named")
	if err := os.Remove(f); err != nil {
		t.Fatal(err)
	}
	wait("removing it")
	if err := os.Remove(dir); err != nil {
		t.Fatal(err)
	}
	select {
	case <-failed:
	case <-time.After(30 * time.Second):
		t.Fatal("removing the directory did not break the subscription")
	}
	if n := w.Count(); n != 0 {
		t.Fatalf("%d inotify watches left after the directory went", n)
	}
}
