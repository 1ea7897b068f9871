package wasmres

import (
	"errors"
	"io/fs"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"

	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
)

// treeWatch is a recursive path watch (ABI §10): root itself, and the
// entries of every directory in the tree, are subscribed on the shared
// watcher (one inotify watch per directory). Each event re-reads the
// tree, so directories that appear later are watched too, before the
// resource is told.
type treeWatch struct {
	w    *hostwatch.Watcher
	root string
	fire func()

	mu         sync.Mutex
	rootCancel func()            // the subscription of root itself
	subs       map[string]func() // directory -> cancel of its entries watch
	broken     map[string]bool   // entries watches that broke (directory gone)
	closed     bool

	queued atomic.Bool // a rescan is queued and has not started
}

// watchTree starts a recursive watch of root.
func watchTree(w *hostwatch.Watcher, root string, fire func()) (func(), error) {
	t := &treeWatch{w: w, root: filepath.Clean(root), fire: fire, subs: map[string]func(){}, broken: map[string]bool{}}
	t.mu.Lock()
	cancel, err := w.Watch(t.root, t.event)
	if err == nil {
		t.rootCancel = cancel
		err = t.syncLocked()
	}
	t.mu.Unlock()
	if err != nil {
		t.close()
		return nil, err
	}
	return t.close, nil
}

// event handles a change anywhere in the tree. It runs on the watcher's
// goroutine, which must not subscribe: the rescan runs on its own. Events
// that come while a rescan is queued join it (a burst of writes in a big
// tree makes one walk, not one per event); one that comes once the rescan
// has started queues the next.
func (t *treeWatch) event() {
	if !t.queued.CompareAndSwap(false, true) {
		return
	}
	go func() {
		t.mu.Lock()
		t.queued.Store(false)
		if t.closed {
			t.mu.Unlock()
			return
		}
		_ = t.syncLocked() // a path that cannot be watched now is retried on the next event
		t.mu.Unlock()
		t.fire() // a close meanwhile is harmless: the engine ignores events of a closed watch
	}()
}

// syncLocked watches the entries of every directory now in the tree and
// drops the watches of directories that are gone or broke.
func (t *treeWatch) syncLocked() error {
	seen := map[string]bool{}
	_ = filepath.WalkDir(t.root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			seen[p] = true
		}
		return nil // an unreadable part of the tree is skipped; root stays watched
	})
	for p, cancel := range t.subs {
		if !seen[p] || t.broken[p] {
			cancel()
			delete(t.subs, p)
			delete(t.broken, p)
		}
	}
	for p := range seen {
		if _, ok := t.subs[p]; ok {
			continue
		}
		cancel, err := t.w.WatchEntries(p, t.event, func(error) { t.breakDir(p) })
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			continue // gone since the walk: the event that removed it rescans
		}
		if err != nil {
			return err
		}
		t.subs[p] = cancel
	}
	return nil
}

// breakDir records that the entries watch of dir broke, then rescans. It
// runs on the watcher's goroutine.
func (t *treeWatch) breakDir(dir string) {
	go func() {
		t.mu.Lock()
		t.broken[dir] = true
		t.mu.Unlock()
		t.event()
	}()
}

// close ends every subscription; it is idempotent.
func (t *treeWatch) close() {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.closed = true
	if t.rootCancel != nil {
		t.rootCancel()
	}
	for p, cancel := range t.subs {
		cancel()
		delete(t.subs, p)
	}
}
