package hostwatch

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// replace writes path through a temporary file and a rename, as the
// host's fs_write_atomic does.
func replace(t *testing.T, path, data string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// TestOwnWriteEcho checks which events count as the echo of the host's
// own write: only one, and only while the file is exactly as written,
// even for a change made within the same clock tick.
func TestOwnWriteEcho(t *testing.T) {
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	write := func(data string) func() {
		return func() {
			if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	tests := []struct {
		name  string
		after func()
		echo  bool
	}{
		{"unchanged", func() {}, true},
		{"rewritten from outside", func() { replace(t, path, "mine") }, false},
		{"same size written in place at once", write("MINE"), false},
		{"same content written in place", write("mine"), true},
		{"chmod from outside", func() {
			if err := os.Chmod(path, 0o600); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"removed", func() { os.Remove(path) }, false},
	}
	for _, tt := range tests {
		for _, given := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s, stat given %v", tt.name, given), func(t *testing.T) {
				replace(t, path, "mine")
				var written *syscall.Stat_t
				if given { // as the host passes it: the file as written
					written = &syscall.Stat_t{}
					if err := syscall.Lstat(path, written); err != nil {
						t.Fatal(err)
					}
				}
				w.Wrote("me", path, []byte("mine"), written)
				tt.after()
				want := ""
				if tt.echo {
					want = "me"
				}
				if got := w.own.echoOf(path); got != want {
					t.Fatalf("echoOf = %q, want %q", got, want)
				}
				if w.own.echoOf(path) != "" {
					t.Fatal("one write's record served two events")
				}
			})
		}
	}
	// A change from outside between the rename and Wrote is not taken
	// for the host's own content.
	replace(t, path, "mine")
	if err := os.WriteFile(path, []byte("MINE"), 0o644); err != nil {
		t.Fatal(err)
	}
	w.Wrote("me", path, []byte("mine"), nil)
	if got := w.own.echoOf(path); got != "" {
		t.Fatalf("a file changed before Wrote counted as the echo of %q", got)
	}
	w.Wrote("", path, []byte("mine"), nil)
	if w.own.echoOf(path) != "" {
		t.Fatal("a write for nobody was recorded")
	}
}

// TestEchoIsHeldBackFromTheWriterOnly checks the dispatch of an echo:
// the writer's subscription does not get it, another subscription of the
// same path does.
func TestEchoIsHeldBackFromTheWriterOnly(t *testing.T) {
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	path := filepath.Join(t.TempDir(), "f")
	replace(t, path, "mine")
	time.Sleep(20 * time.Millisecond) // the loop has seen the write's events (nobody subscribed)
	w.Wrote("me", path, []byte("mine"), nil)
	writer := &sub{path: path, fn: func() {}, owner: "me", key: path, full: true}
	reader := &sub{path: path, fn: func() {}, owner: "", key: path, full: true}
	w.mu.Lock()
	w.byKey[path] = map[*sub]struct{}{writer: {}, reader: {}}
	w.mu.Unlock()
	calls := w.handle(fsnotify.Event{Name: path, Op: fsnotify.Create})
	var got []*sub
	for _, c := range calls {
		got = append(got, c.s)
	}
	if slices.Contains(got, writer) || !slices.Contains(got, reader) {
		t.Fatalf("the echo reached writer %v, reader %v; want only the reader", slices.Contains(got, writer), slices.Contains(got, reader))
	}
	calls = w.handle(fsnotify.Event{Name: path, Op: fsnotify.Write})
	if len(calls) != 2 {
		t.Fatalf("a second event reached %d subscriptions, want both", len(calls))
	}
}

// TestChangeAfterOwnWriteIsSeen checks end to end that the writer still
// hears of a change made from outside right after its own write.
func TestChangeAfterOwnWriteIsSeen(t *testing.T) {
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	path := filepath.Join(t.TempDir(), "f")
	replace(t, path, "initial")
	events := make(chan struct{}, 16)
	cancel, err := w.WatchAs("me", path, func() {
		select {
		case events <- struct{}{}:
		default:
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	replace(t, path, "mine")
	w.Wrote("me", path, []byte("mine"), nil)
	if err := os.WriteFile(path, []byte("theirs"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-events:
	case <-time.After(10 * time.Second):
		t.Fatal("the outside change after the writer's own write did not reach it")
	}
}
