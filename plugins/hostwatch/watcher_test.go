package hostwatch

import (
	"errors"
	"os"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// patience bounds every wait for an event; it is not a timing assertion.
const patience = 5 * time.Second

func newWatcher(t *testing.T) *Watcher {
	t.Helper()
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	return w
}

// signal returns a callback that never blocks and the channel it signals.
func signal() (func(), chan struct{}) {
	ch := make(chan struct{}, 1)
	return func() {
		select {
		case ch <- struct{}{}:
		default:
		}
	}, ch
}

func wait(t *testing.T, ch <-chan struct{}, what string) {
	t.Helper()
	select {
	case <-ch:
	case <-time.After(patience):
		t.Fatalf("no event for %s within %v", what, patience)
	}
}

func drain(ch <-chan struct{}) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

func watch(t *testing.T, w *Watcher, path string) (func(), chan struct{}) {
	t.Helper()
	fn, ch := signal()
	cancel, err := w.Watch(path, fn)
	if err != nil {
		t.Fatalf("watch %s: %v", path, err)
	}
	t.Cleanup(cancel)
	return cancel, ch
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// armedOn reports the directory the single subscription on path is armed on.
func armedOn(w *Watcher, path string) []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	var dirs []string
	for dir, subs := range w.byDir {
		for s := range subs {
			if s.path == path {
				dirs = append(dirs, dir)
			}
		}
	}
	return dirs
}

// waitArmed waits until the subscription on path is armed on dir.
func waitArmed(t *testing.T, w *Watcher, path, dir string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		got := armedOn(w, path)
		if len(got) == 1 && got[0] == dir {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("watch for %s armed on %v, want %s", path, got, dir)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestEvents(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, path string)
		change func(t *testing.T, path string)
	}{
		{"write", func(t *testing.T, p string) { writeFile(t, p, "a") },
			func(t *testing.T, p string) { writeFile(t, p, "b") }},
		{"chmod", func(t *testing.T, p string) { writeFile(t, p, "a") },
			func(t *testing.T, p string) {
				if err := os.Chmod(p, 0o600); err != nil {
					t.Fatal(err)
				}
			}},
		{"remove", func(t *testing.T, p string) { writeFile(t, p, "a") },
			func(t *testing.T, p string) {
				if err := os.Remove(p); err != nil {
					t.Fatal(err)
				}
			}},
		{"create", func(t *testing.T, p string) {},
			func(t *testing.T, p string) { writeFile(t, p, "new") }},
		{"rename over", func(t *testing.T, p string) { writeFile(t, p, "old") },
			func(t *testing.T, p string) {
				tmp := p + ".tmp"
				writeFile(t, tmp, "replacement")
				if err := os.Rename(tmp, p); err != nil {
					t.Fatal(err)
				}
			}},
		{"rename away", func(t *testing.T, p string) { writeFile(t, p, "a") },
			func(t *testing.T, p string) {
				if err := os.Rename(p, p+".moved"); err != nil {
					t.Fatal(err)
				}
			}},
		{"dir chmod", func(t *testing.T, p string) {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, func(t *testing.T, p string) {
			if err := os.Chmod(p, 0o700); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := newWatcher(t)
			path := filepath.Join(t.TempDir(), "f")
			tc.setup(t, path)
			_, ch := watch(t, w, path)
			if n := w.Count(); n != 1 {
				t.Fatalf("Count = %d, want 1", n)
			}
			tc.change(t, path)
			wait(t, ch, tc.name)
		})
	}
}

func TestCreateAfterMissingAndFallback(t *testing.T) {
	w := newWatcher(t)
	root := t.TempDir()
	dir := filepath.Join(root, "a", "b")
	path := filepath.Join(dir, "f")
	_, ch := watch(t, w, path)
	waitArmed(t, w, path, root)

	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	wait(t, ch, "mkdir of the missing parents")
	waitArmed(t, w, path, dir)
	drain(ch)
	writeFile(t, path, "x")
	wait(t, ch, "create in the re-armed directory")

	// Remove the tree: the watch falls back to the nearest existing dir.
	if err := os.RemoveAll(filepath.Join(root, "a")); err != nil {
		t.Fatal(err)
	}
	wait(t, ch, "removal")
	waitArmed(t, w, path, root)

	// And follows the path again when it comes back.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	waitArmed(t, w, path, dir)
	drain(ch)
	writeFile(t, path, "y")
	wait(t, ch, "create after re-creation")
	if n := w.Count(); n != 1 {
		t.Fatalf("Count = %d, want 1", n)
	}
}

func TestParentRenamedAway(t *testing.T) {
	w := newWatcher(t)
	root := t.TempDir()
	dir := filepath.Join(root, "d")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "f")
	_, ch := watch(t, w, path)
	waitArmed(t, w, path, dir)
	if err := os.Rename(dir, filepath.Join(root, "e")); err != nil {
		t.Fatal(err)
	}
	wait(t, ch, "parent renamed away")
	waitArmed(t, w, path, root)
}

func TestParentReplacedByRename(t *testing.T) {
	w := newWatcher(t)
	root := t.TempDir()
	dir := filepath.Join(root, "d")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "f")
	_, ch := watch(t, w, path)
	watch(t, w, filepath.Join(root, "x")) // the grandparent is watched too
	waitArmed(t, w, path, dir)
	if got := w.Count(); got != 2 {
		t.Fatalf("Count = %d, want 2", got)
	}
	other := filepath.Join(root, "d2")
	if err := os.Mkdir(other, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Rename(other, dir); err != nil { // over the empty d (os.Rename refuses)
		t.Fatal(err)
	}
	wait(t, ch, "parent replaced")
	// The watch must now be on the new directory.
	deadline := time.Now().Add(patience)
	for {
		drain(ch)
		writeFile(t, path, "x")
		select {
		case <-ch:
			return
		case <-time.After(50 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatal("no event from the replacement directory")
		}
	}
}

func TestSymlinkedDirectoryShared(t *testing.T) {
	w := newWatcher(t)
	root := t.TempDir()
	real := filepath.Join(root, "real")
	link := filepath.Join(root, "link")
	if err := os.Mkdir(real, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(real, link); err != nil {
		t.Fatal(err)
	}
	_, viaLink := watch(t, w, filepath.Join(link, "f"))
	_, viaReal := watch(t, w, filepath.Join(real, "f"))
	if got := w.Count(); got != 1 {
		t.Fatalf("Count = %d, want 1 (one directory)", got)
	}
	writeFile(t, filepath.Join(link, "f"), "x")
	wait(t, viaLink, "the path through the symlink")
	wait(t, viaReal, "the real path")
}

func TestManySubscribersShareOneWatch(t *testing.T) {
	w := newWatcher(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	other := filepath.Join(dir, "g")
	const n = 20
	var cancels []func()
	var chans []chan struct{}
	for range n {
		c, ch := watch(t, w, path)
		cancels = append(cancels, c)
		chans = append(chans, ch)
	}
	c, _ := watch(t, w, other) // same directory: same watch
	cancels = append(cancels, c)
	if got := w.Count(); got != 1 {
		t.Fatalf("Count = %d, want 1", got)
	}
	writeFile(t, path, "x")
	for i, ch := range chans {
		wait(t, ch, "subscriber "+string(rune('a'+i)))
	}
	for _, c := range cancels {
		c()
		c() // idempotent
	}
	if got := w.Count(); got != 0 {
		t.Fatalf("Count after cancels = %d, want 0", got)
	}
	if got := w.fs.WatchList(); len(got) != 0 {
		t.Fatalf("fsnotify still watches %v", got)
	}
}

func TestNoCallbackAfterCancel(t *testing.T) {
	w := newWatcher(t)
	path := filepath.Join(t.TempDir(), "f")
	var calls, after atomic.Int64
	var cancelled atomic.Bool
	cancel, err := w.Watch(path, func() {
		calls.Add(1)
		if cancelled.Load() {
			after.Add(1)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // keep events coming while we cancel
		defer close(done)
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			_ = os.WriteFile(path, []byte{byte(i)}, 0o644)
		}
	}()
	deadline := time.Now().Add(patience)
	for calls.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	cancel()
	cancelled.Store(true)
	time.Sleep(20 * time.Millisecond)
	close(stop)
	<-done
	if calls.Load() == 0 {
		t.Fatal("no callback at all")
	}
	if n := after.Load(); n != 0 {
		t.Fatalf("%d callbacks after cancel returned", n)
	}
}

func TestSubscribeCancelCyclesLeakNothing(t *testing.T) {
	w := newWatcher(t)
	root := t.TempDir()
	paths := []string{
		filepath.Join(root, "f"),
		filepath.Join(root, "missing", "deep", "f"),
		root,
	}
	for i := range 1000 {
		cancel, err := w.Watch(paths[i%len(paths)], func() {})
		if err != nil {
			t.Fatal(err)
		}
		cancel()
	}
	if got := w.Count(); got != 0 {
		t.Fatalf("Count = %d, want 0", got)
	}
	if got := w.fs.WatchList(); len(got) != 0 {
		t.Fatalf("fsnotify still watches %v", got)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.byKey) != 0 {
		t.Fatalf("key index leaks %d entries", len(w.byKey))
	}
}

func TestWatchErrorIsReturned(t *testing.T) {
	w := newWatcher(t)
	w.mu.Lock()
	w.add = func(string) error { return syscall.ENOSPC }
	w.mu.Unlock()
	_, err := w.Watch(filepath.Join(t.TempDir(), "f"), func() {})
	if !errors.Is(err, syscall.ENOSPC) {
		t.Fatalf("err = %v, want ENOSPC", err)
	}
	if got := w.Count(); got != 0 {
		t.Fatalf("Count = %d, want 0", got)
	}
}

func TestRearmErrorIsReported(t *testing.T) {
	w := newWatcher(t)
	root := t.TempDir()
	dir := filepath.Join(root, "d")
	path := filepath.Join(dir, "f")
	failed := make(chan error, 1)
	cancel, err := w.WatchFail(path, func() {}, func(err error) { failed <- err })
	if err != nil {
		t.Fatal(err)
	}
	defer cancel()
	w.mu.Lock()
	w.add = func(string) error { return syscall.ENOSPC }
	w.mu.Unlock()
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-failed:
		if !errors.Is(err, syscall.ENOSPC) {
			t.Fatalf("fail(%v), want ENOSPC", err)
		}
	case <-time.After(patience):
		t.Fatal("re-arm failure not reported")
	}
	cancel()
	if got := w.Count(); got != 0 {
		t.Fatalf("Count = %d, want 0", got)
	}
}

func TestClosed(t *testing.T) {
	w, err := New()
	if err != nil {
		t.Fatal(err)
	}
	cancel, err := w.Watch(filepath.Join(t.TempDir(), "f"), func() {})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	cancel() // safe after Close
	if _, err := w.Watch("/", func() {}); !errors.Is(err, ErrClosed) {
		t.Fatalf("Watch after Close: %v, want ErrClosed", err)
	}
}

func TestRoot(t *testing.T) {
	w := newWatcher(t)
	cancel, err := w.Watch("/", func() {})
	if err != nil {
		t.Fatal(err)
	}
	if got := armedOn(w, "/"); len(got) != 1 || got[0] != "/" {
		t.Fatalf("armed on %v, want /", got)
	}
	cancel()
	if got := w.Count(); got != 0 {
		t.Fatalf("Count = %d", got)
	}
}

// A new subscription in a watched directory shares its watch, and one in
// a directory that was replaced since (same path, another inode: here a
// symlink elsewhere) resolves the path again instead of taking the held
// watch, even before the event of the replacement is handled.
func TestHeldDirectoryCheckedByInode(t *testing.T) {
	w := newWatcher(t)
	root := t.TempDir()
	dir, other := filepath.Join(root, "d"), filepath.Join(root, "other")
	for _, d := range []string{dir, other} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	watch(t, w, filepath.Join(dir, "f"))
	watch(t, w, filepath.Join(dir, "g"))
	if got := armedOn(w, filepath.Join(dir, "g")); len(got) != 1 || got[0] != dir || w.Count() != 1 {
		t.Fatalf("second subscription armed on %v with %d watches, want %s and 1", got, w.Count(), dir)
	}
	w.mu.Lock() // hold the event loop off: the replacement is not handled yet
	if err := os.Rename(dir, filepath.Join(root, "old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(other, dir); err != nil {
		t.Fatal(err)
	}
	s := &sub{path: filepath.Join(dir, "h"), fn: func() {}}
	err := w.rearm(s)
	armed := s.dir
	w.release(s)
	w.mu.Unlock()
	if err != nil || armed != other {
		t.Fatalf("subscription after the replacement armed on %q (%v), want %s", armed, err, other)
	}
}
