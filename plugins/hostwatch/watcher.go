// Package hostwatch is the host's shared file-system event source: one
// fsnotify (inotify) instance serves every subscriber of a [Watcher], and
// subscribers to paths in one directory share one inotify watch.
//
// A subscription follows a path, not an inode. A file is watched through its
// parent directory, filtered by name, so an atomic rename-replace of the file
// is seen. A path that does not exist yet is watched through its nearest
// existing ancestor directory; the watch moves down as the missing
// directories appear and back up when they are removed.
//
// Directories are watched by their real path (symlinks resolved), so that
// subscribers reaching one directory through different paths share its
// watch.
//
// Limitations: a directory that is moved or removed is noticed only when it
// is the directory being watched or the path itself; renaming a higher
// ancestor of the watched directory, or re-pointing a symlink on the way to
// it, is not seen.
package hostwatch

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"

	"github.com/fsnotify/fsnotify"
)

// ErrClosed is returned by Watch after Close.
var ErrClosed = errors.New("hostwatch: watcher closed")

// maxArmTries bounds, beyond one step per path component, the iterations
// of arming: moves of the watch and retries when the directory chosen
// vanishes before its inotify watch is set.
const maxArmTries = 16

// Watcher is a shared fsnotify watcher with many subscribers. It is safe for
// concurrent use. The zero value is not usable: call [New].
type Watcher struct {
	fs *fsnotify.Watcher
	// add and remove set and drop one inotify watch; tests replace them to
	// inject errors.
	add    func(dir string) error
	remove func(dir string) error

	mu     sync.Mutex
	closed bool
	// byDir maps each directory holding an inotify watch to the
	// subscriptions armed on it; a directory is watched exactly while it
	// has subscribers.
	byDir map[string]map[*sub]struct{}
	// dirIDs holds the device and inode that each directory rearm
	// watched had when its watch was set: a later subscription whose
	// nearest directory is the same path with the same inode takes it as
	// resolved, without resolving the path's symlinks again.
	dirIDs map[string]fileID
	// byKey maps an event name (a full path) to the subscriptions that
	// react to it: the path itself, or the next missing component on the
	// way to it.
	byKey map[string]map[*sub]struct{}
	// byParent maps each directory to the WatchEntries subscriptions that
	// react to every event on one of its entries.
	byParent map[string]map[*sub]struct{}

	done chan struct{} // closed when the event loop has ended

	own ownWrites // the host's own writes, whose echo is not passed on
}

// sub is one subscription.
type sub struct {
	path string      // the cleaned absolute path followed
	fn   func()      // called on change
	fail func(error) // called once when the subscription breaks; may be nil
	// entries marks a WatchEntries subscription: path is an existing
	// directory, watched itself, and every event on an entry concerns it.
	entries bool
	// owner names the subscriber for the echo of its own writes (WatchAs;
	// "" for none).
	owner string

	// dir, key and full are guarded by Watcher.mu. dir is "" while the
	// subscription holds no watch. key is the event name that concerns
	// the subscription, and full reports that it names path itself
	// rather than a missing directory on the way to it.
	dir, key string
	full     bool

	// cb serialises callbacks with cancellation, so that no callback runs
	// after cancel returns.
	cb   sync.Mutex
	dead bool // cancelled or failed: no more callbacks
}

// New starts a Watcher with its own inotify instance and event goroutine.
func New() (*Watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("hostwatch: new watcher: %w", err)
	}
	w := &Watcher{
		fs:       fw,
		byDir:    make(map[string]map[*sub]struct{}),
		dirIDs:   make(map[string]fileID),
		byKey:    make(map[string]map[*sub]struct{}),
		byParent: make(map[string]map[*sub]struct{}),
		done:     make(chan struct{}),
	}
	w.add = fw.Add
	w.remove = fw.Remove
	go w.loop()
	return w, nil
}

// Close stops the watcher and releases its inotify instance. Subscriptions
// get no further callbacks; their cancel funcs remain safe to call. Close
// must not be called from a callback.
func (w *Watcher) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	err := w.fs.Close()
	<-w.done
	if err != nil {
		return fmt.Errorf("hostwatch: close: %w", err)
	}
	return nil
}

// Count returns the number of inotify watches currently held.
func (w *Watcher) Count() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.byDir)
}

// Watch calls fn whenever path may have changed: it was created, written,
// removed, renamed (away, or over by another file) or its attributes
// changed. path need not exist yet. fn runs on the watcher's goroutine and
// must neither block nor call cancel or Close. Spurious calls can happen
// (for instance when the watch moves between directories); a consumer
// re-checks its state on each.
//
// An error setting the inotify watch, such as ENOSPC when the inotify limit
// is reached, is returned. Errors after Watch returned (the watch had to
// move and could not) are dropped after a last call to fn; use [Watcher.WatchFail]
// to receive them.
//
// cancel releases the subscription; after it returns fn is not called
// again. It is idempotent.
func (w *Watcher) Watch(path string, fn func()) (cancel func(), err error) {
	return w.WatchFail(path, fn, nil)
}

// WatchFail is [Watcher.Watch] with a callback for errors that happen after
// it returned: a watch that had to move (a directory appeared or vanished)
// and could not be set, or the inotify instance reporting an error. fail is
// called at most once, on the watcher's goroutine, and fn is not called
// afterwards: the subscriber should cancel and watch again. A lost-event
// overflow is not a failure: every subscriber's fn is called instead.
func (w *Watcher) WatchFail(path string, fn func(), fail func(error)) (cancel func(), err error) {
	return w.watchPath("", path, fn, fail)
}

// WatchAs is Watch for a subscriber named owner that also writes path
// through the host: the echo of its own writes (Wrote with the same
// owner) is not passed on to it, while other subscribers of path hear of
// them as of any change.
func (w *Watcher) WatchAs(owner, path string, fn func()) (cancel func(), err error) {
	return w.watchPath(owner, path, fn, nil)
}

// watchPath subscribes owner ("" for nobody in particular) to path.
func (w *Watcher) watchPath(owner, path string, fn func(), fail func(error)) (cancel func(), err error) {
	if fn == nil {
		return nil, fmt.Errorf("hostwatch: watch %s: nil callback", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("hostwatch: watch %s: %w", path, err)
	}
	s := &sub{path: abs, fn: fn, fail: fail, owner: owner}

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil, fmt.Errorf("hostwatch: watch %s: %w", abs, ErrClosed)
	}
	if err := w.rearm(s); err != nil {
		return nil, err
	}
	var once sync.Once
	return func() { once.Do(func() { w.cancel(s) }) }, nil
}

// WatchEntries calls fn whenever an entry of the directory dir may have
// changed: created, written, removed, renamed, or its attributes changed.
// dir must exist. When dir itself is removed or replaced the subscription
// breaks: fail is called (fn if fail is nil) and the subscriber should
// watch again. Callbacks follow the rules of [Watcher.Watch].
func (w *Watcher) WatchEntries(dir string, fn func(), fail func(error)) (cancel func(), err error) {
	if fn == nil {
		return nil, fmt.Errorf("hostwatch: watch entries of %s: nil callback", dir)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("hostwatch: watch entries of %s: %w", dir, err)
	}
	s := &sub{path: abs, fn: fn, fail: fail, entries: true}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil, fmt.Errorf("hostwatch: watch entries of %s: %w", abs, ErrClosed)
	}
	if err := w.armEntries(s); err != nil {
		return nil, err
	}
	var once sync.Once
	return func() { once.Do(func() { w.cancel(s) }) }, nil
}

// armEntries sets the inotify watch of an entries subscription on its
// directory (resolved through symlinks). On error s holds no watch. w.mu
// must be held.
func (w *Watcher) armEntries(s *sub) error {
	real, err := filepath.EvalSymlinks(s.path)
	if err == nil {
		var fi os.FileInfo
		if fi, err = os.Stat(real); err == nil && !fi.IsDir() {
			err = syscall.ENOTDIR
		}
	}
	if err != nil {
		w.release(s)
		return fmt.Errorf("hostwatch: watch entries of %s: %w", s.path, err)
	}
	if real == s.dir {
		return nil
	}
	if _, held := w.byDir[real]; !held {
		if err := w.add(real); err != nil {
			w.release(s)
			return fmt.Errorf("hostwatch: watch entries of %s: %w", s.path, err)
		}
		w.byDir[real] = make(map[*sub]struct{})
	}
	w.release(s)
	s.dir = real
	w.byDir[real][s] = struct{}{}
	m := w.byParent[real]
	if m == nil {
		m = make(map[*sub]struct{})
		w.byParent[real] = m
	}
	m[s] = struct{}{}
	return nil
}

// cancel stops callbacks for s and releases its watch.
func (w *Watcher) cancel(s *sub) {
	s.cb.Lock()
	s.dead = true
	s.cb.Unlock()

	w.mu.Lock()
	defer w.mu.Unlock()
	w.release(s)
}

// fileID is a file's device and inode.
type fileID struct{ dev, ino uint64 }

// nearest returns the directory to watch for path and the event name that
// concerns path in it: the nearest existing ancestor directory, and the
// entry of that directory on the way to path. full reports that the entry
// is path itself (its parent exists); id is the directory's device and
// inode. The directory is resolved through symlinks, as the kernel watches
// inodes and fsnotify names events after the first path that watched one,
// unless it is a directory rearm watches with the same inode (dirIDs). The
// root is watched as itself. w.mu must be held.
func (w *Watcher) nearest(path string) (dir, key string, full bool, id fileID) {
	if path == "/" {
		return "/", "/", true, id
	}
	key, full = path, true
	for dir = filepath.Dir(path); ; key, dir, full = dir, filepath.Dir(dir), false {
		var st syscall.Stat_t
		if err := syscall.Stat(dir, &st); err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFDIR {
			id = fileID{uint64(st.Dev), st.Ino}
			break
		}
		if dir == "/" {
			break
		}
	}
	if held, ok := w.dirIDs[dir]; ok && held == id {
		return dir, key, full, id
	}
	if real, err := filepath.EvalSymlinks(dir); err == nil && real != dir {
		dir, key = real, filepath.Join(real, filepath.Base(key))
	}
	return dir, key, full, id
}

// rearm points s at the right directory for the current state of the file
// system, setting a new inotify watch when needed and releasing the old
// one. After a move to an ancestor it looks again, since a directory
// further down may have appeared before the new watch was set; a watch on
// the path's own directory is final. On error s holds no watch. w.mu must
// be held.
func (w *Watcher) rearm(s *sub) error {
	if s.entries {
		return w.armEntries(s)
	}
	limit := maxArmTries + strings.Count(s.path, "/")
	for range limit {
		dir, key, full, id := w.nearest(s.path)
		s.full = full
		if dir == s.dir {
			w.setKey(s, key)
			return nil
		}
		if _, held := w.byDir[dir]; !held {
			if err := w.add(dir); err != nil {
				if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
					continue // it vanished meanwhile: look again
				}
				w.release(s)
				return fmt.Errorf("hostwatch: watch %s (for %s): %w", dir, s.path, err)
			}
			w.byDir[dir] = make(map[*sub]struct{})
			w.dirIDs[dir] = id
		}
		w.release(s)
		s.dir = dir
		w.byDir[dir][s] = struct{}{}
		w.setKey(s, key)
		if full {
			return nil
		}
	}
	if s.dir == "" {
		return fmt.Errorf("hostwatch: watch %s: directories kept vanishing while arming", s.path)
	}
	return nil // armed, if not on the nearest directory: the next event moves it
}

// setKey moves s to key in the byKey index. w.mu must be held.
func (w *Watcher) setKey(s *sub, key string) {
	if s.key == key {
		return
	}
	w.dropKey(s)
	s.key = key
	m := w.byKey[key]
	if m == nil {
		m = make(map[*sub]struct{})
		w.byKey[key] = m
	}
	m[s] = struct{}{}
}

// dropKey removes s from the byKey index. w.mu must be held.
func (w *Watcher) dropKey(s *sub) {
	if s.key == "" {
		return
	}
	if m := w.byKey[s.key]; m != nil {
		delete(m, s)
		if len(m) == 0 {
			delete(w.byKey, s.key)
		}
	}
	s.key = ""
}

// release drops s's watch and index entries, removing the inotify watch
// when s was its last user. w.mu must be held.
func (w *Watcher) release(s *sub) {
	w.dropKey(s)
	if s.dir == "" {
		return
	}
	if m := w.byParent[s.dir]; m != nil && s.entries {
		delete(m, s)
		if len(m) == 0 {
			delete(w.byParent, s.dir)
		}
	}
	if m := w.byDir[s.dir]; m != nil {
		delete(m, s)
		if len(m) == 0 {
			delete(w.byDir, s.dir)
			delete(w.dirIDs, s.dir)
			// The kernel may already have dropped the watch (the
			// directory was removed); nothing is left to release then.
			_ = w.remove(s.dir)
		}
	}
	s.dir = ""
}
