package hostwatch

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/fsnotify/fsnotify"
)

// call is one callback to run outside w.mu: fn when err is nil, else fail.
type call struct {
	s   *sub
	err error
}

// loop reads fsnotify's channels until they close.
func (w *Watcher) loop() {
	defer close(w.done)
	events, errs := w.fs.Events, w.fs.Errors
	for events != nil || errs != nil {
		select {
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			w.dispatch(w.handle(ev))
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			if err == nil {
				continue
			}
			w.dispatch(w.handleErr(err))
		}
	}
}

// batch collects the callbacks of one event, at most one per sub; a failure
// replaces a plain call.
type batch struct {
	order []*sub
	errs  map[*sub]error
}

// add queues a callback for s: fn when err is nil, else fail.
func (b *batch) add(s *sub, err error) {
	if b.errs == nil {
		b.errs = make(map[*sub]error)
	}
	prev, queued := b.errs[s]
	if !queued {
		b.order = append(b.order, s)
	}
	if prev == nil {
		b.errs[s] = err
	}
}

// calls returns the queued callbacks in order.
func (b *batch) calls() []call {
	out := make([]call, len(b.order))
	for i, s := range b.order {
		out[i] = call{s, b.errs[s]}
	}
	return out
}

// handle works out who an event concerns, moves watches that must move and
// returns the callbacks to run.
func (w *Watcher) handle(ev fsnotify.Event) []call {
	name := filepath.Clean(ev.Name)
	var b batch

	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}

	// A watched directory that was removed, moved away or replaced (by a
	// rename over it): its inotify watch is gone or follows an inode
	// elsewhere. Drop it and re-arm everyone who used it (on an ancestor,
	// or on the new directory of the same name).
	if ev.Op.Has(fsnotify.Remove) || ev.Op.Has(fsnotify.Rename) || ev.Op.Has(fsnotify.Create) {
		if subs, ok := w.byDir[name]; ok && name != "/" {
			delete(w.byDir, name)
			delete(w.dirIDs, name)
			delete(w.byParent, name)
			_ = w.remove(name) // usually already dropped by the kernel
			for s := range subs {
				s.dir = ""
			}
			for s := range subs {
				b.add(s, w.rearm(s))
			}
		}
	}

	// Subscribers of the path itself, or of a missing component on the
	// way to it (which may have appeared: move the watch down).
	subs := make([]*sub, 0, len(w.byKey[name]))
	for s := range w.byKey[name] {
		subs = append(subs, s)
	}
	echoOf := ""
	if len(subs) > 0 {
		echoOf = w.own.echoOf(name) // a subscriber's own write (ownwrites.go)
	}
	for _, s := range subs {
		var err error
		switch {
		case !s.full:
			err = w.rearm(s)
		case echoOf != "" && s.owner == echoOf:
			continue
		}
		b.add(s, err)
	}
	// Subscribers of every entry of the event's directory.
	for s := range w.byParent[filepath.Dir(name)] {
		b.add(s, nil)
	}
	return b.calls()
}

// handleErr turns an error of the inotify instance into callbacks: a queue
// overflow lost events, so everyone re-checks; anything else breaks every
// subscription.
func (w *Watcher) handleErr(err error) []call {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		err = fmt.Errorf("hostwatch: inotify: %w", err)
	} else {
		err = nil
	}
	var calls []call
	seen := make(map[*sub]bool)
	for _, subs := range w.byDir {
		for s := range subs {
			if !seen[s] {
				seen[s] = true
				calls = append(calls, call{s, err})
			}
		}
	}
	return calls
}

// dispatch runs callbacks without holding w.mu, each under its sub's
// callback lock so that cancel waits for a running callback.
func (w *Watcher) dispatch(calls []call) {
	for _, c := range calls {
		c.s.cb.Lock()
		if !c.s.dead {
			switch {
			case c.err == nil:
				c.s.fn()
			case c.s.fail != nil:
				c.s.dead = true
				c.s.fail(c.err)
			default:
				// Without a fail callback the subscriber
				// can only be told to re-check.
				c.s.fn()
			}
		}
		c.s.cb.Unlock()
	}
}
