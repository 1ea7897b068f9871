package langrun

import (
	"slices"
	"sync"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/eval"
)

// PathWatcher watches paths; the host's shared inotify watcher
// (plugins/hostwatch) is one.
type PathWatcher interface {
	Watch(path string, fn func()) (cancel func(), err error)
}

// KVWatcher watches cluster keys under a prefix (ClusterWorld is one).
type KVWatcher interface {
	Watch(prefix string, fn func()) (cancel func(), err error)
}

// Sources keeps the watches of a program's streaming calls: after each
// evaluation, Sync starts the watches of new calls and stops those of
// calls the evaluation no longer made. When a watch fires, the call is
// invalidated in the engine and Changed receives a signal, so the caller
// evaluates again.
type Sources struct {
	eng     *eval.Engine
	paths   PathWatcher
	kv      KVWatcher
	changed chan struct{}
	// onError receives watches that cannot be set up.
	onError func(key string, err error)

	mu     sync.Mutex
	active map[string]*activeSource
}

// activeSource is the running watches of one call.
type activeSource struct {
	specs   []hostabi.WatchSpec
	cancels []func()
	fire    func()
	fired   bool
	// again is set when a watch fired again after the evaluation began
	// to read the source: it is evaluated once more.
	again bool
}

// NewSources returns the watch keeper of eng's streaming calls; paths may
// be nil when nothing is watched (a program without file watches).
func NewSources(eng *eval.Engine, paths PathWatcher, onError func(key string, err error)) *Sources {
	if onError == nil {
		onError = func(string, error) {}
	}
	return &Sources{eng: eng, paths: paths, changed: make(chan struct{}, 1), onError: onError, active: map[string]*activeSource{}}
}

// WatchKV makes the kv watches of the calls go to kv (the cluster's
// keys); without it they are not watched.
func (s *Sources) WatchKV(kv KVWatcher) { s.kv = kv }

// Changed receives a value when a source changed since the last Sync.
func (s *Sources) Changed() <-chan struct{} { return s.changed }

// Sync makes the running watches those of the engine's last evaluation.
func (s *Sources) Sync() {
	want := s.eng.Sources()
	// Watches are started and stopped outside the lock: a watcher may
	// wait for a callback in flight, and callbacks take the lock.
	var stale []*activeSource
	var fresh []eval.Source
	var refire []func()
	s.mu.Lock()
	keep := make(map[string]bool, len(want))
	for _, src := range want {
		keep[src.Key] = true
		if a := s.active[src.Key]; a != nil && !a.fired {
			continue
		} else if a != nil && pathsOnly(a.specs) && slices.Equal(a.specs, src.Watches) {
			// The call ran again and asks for the same paths: the
			// inotify watches stay (no event is lost in between).
			a.fired = false
			if a.again {
				a.again = false
				refire = append(refire, a.fire)
			}
			continue
		} else if a != nil {
			stale = append(stale, a)
		}
		delete(s.active, src.Key)
		fresh = append(fresh, src)
	}
	for k, a := range s.active {
		if !keep[k] {
			stale = append(stale, a)
			delete(s.active, k)
		}
	}
	s.mu.Unlock()
	for _, a := range stale {
		a.stop()
	}
	for _, fire := range refire {
		fire()
	}
	for _, src := range fresh {
		a := s.start(src)
		s.mu.Lock()
		s.active[src.Key] = a
		s.mu.Unlock()
	}
}

// Close stops every watch.
func (s *Sources) Close() {
	s.mu.Lock()
	all := s.active
	s.active = map[string]*activeSource{}
	s.mu.Unlock()
	for _, a := range all {
		a.stop()
	}
}

// start sets up the watches of one call.
func (s *Sources) start(src eval.Source) *activeSource {
	a := &activeSource{specs: src.Watches}
	a.fire = func() {
		s.mu.Lock()
		if a.fired {
			// Again before the call read its source: that read
			// sees this change too. Otherwise evaluate once more.
			if !s.eng.Pending(src.Key) {
				a.again = true
			}
			s.mu.Unlock()
			return
		}
		a.fired = true
		s.mu.Unlock()
		s.eng.Invalidate(src.Key)
		select {
		case s.changed <- struct{}{}:
		default:
		}
	}
	for _, w := range src.Watches {
		switch w.Kind {
		case hostabi.WatchInterval:
			t := time.AfterFunc(time.Duration(w.IntervalMS)*time.Millisecond, a.fire)
			a.cancels = append(a.cancels, func() { t.Stop() })
		case hostabi.WatchPath:
			if s.paths == nil {
				continue
			}
			cancel, err := s.paths.Watch(w.Path, a.fire)
			if err != nil {
				s.onError(src.Key, err)
				continue
			}
			a.cancels = append(a.cancels, cancel)
		case hostabi.WatchKV:
			if s.kv == nil {
				continue
			}
			cancel, err := s.kv.Watch(w.Key, a.fire)
			if err != nil {
				s.onError(src.Key, err)
				continue
			}
			a.cancels = append(a.cancels, cancel)
		}
	}
	return a
}

// pathsOnly reports whether every watch lasts (a path or kv watch); an
// interval's timer has fired for good and must be started again.
func pathsOnly(specs []hostabi.WatchSpec) bool {
	for _, w := range specs {
		if w.Kind != hostabi.WatchPath && w.Kind != hostabi.WatchKV {
			return false
		}
	}
	return true
}

// stop cancels the watches of a call.
func (a *activeSource) stop() {
	for _, c := range a.cancels {
		c()
	}
	a.cancels = nil
}
