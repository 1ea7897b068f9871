package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"
)

// Config holds the settings of an Engine that apply to every resource.
type Config struct {
	// Hostname is the node's hostname, given to resources in Init.
	Hostname string
	// VarDir is the root of the resources' private state directories.
	VarDir string
	// Noop makes every resource check only (like Meta:noop on all).
	Noop bool
	// Sema, when positive, adds a global semaphore of that many holders
	// around every resource's CheckApply.
	Sema int
	// NoAutoEdges and NoAutoGroup turn the automatic edges and groups off.
	NoAutoEdges, NoAutoGroup bool
	// ConvergerTimeout is how long every resource must stay converged
	// before the engine reports convergence; negative disables it.
	ConvergerTimeout time.Duration
	// Exporter publishes resources with Meta:export; nil drops them.
	Exporter Exporter
	// Logger receives the engine's and the resources' logs; nil: discard.
	Logger *slog.Logger
	// Debug logs every step.
	Debug bool
	// Observer is told of every CheckApply; nil: nobody is.
	Observer Observer
}

// Engine runs one resource graph at a time and swaps it for the next.
// All methods are safe for concurrent use.
type Engine struct {
	cfg    Config
	log    *slog.Logger
	conv   *converger
	semas  *semaphores
	clock  atomic.Int64 // source of process timestamps; never zero once used
	ctx    context.Context
	cancel context.CancelFunc

	commitMu  sync.Mutex // serialises Commit and Close
	closed    bool
	committed bool // a first graph was committed

	runMu   sync.Mutex // guards paused and active
	runCond *sync.Cond
	paused  bool
	active  int           // vertex run loops in flight
	pauseCh chan struct{} // closed when a pause begins

	runners *runners // goroutines for vertex run loops (runners.go)

	graphMu  sync.RWMutex
	vertices []*vertex
	prepared *Graph                 // the running graph as committed, after Prepare
	byID     map[string]*vertex     // visible vertices by kind[name]
	retries  map[string]*retryState // survives swaps, by kind[name]
	stats    Stats
}

// Stats counts what the engine did; read it with Engine.Stats.
type Stats struct {
	// Steps counts completed process steps, cached ones included.
	Steps atomic.Int64
	// CheckApply counts CheckApply calls; Applied counts those that changed something.
	CheckApply, Applied atomic.Int64
	// Errors counts CheckApply and Watch errors, retried or not.
	Errors atomic.Int64
}

// New returns an idle engine. The converger counts it as busy until the first
// Commit completes, so compiling the first graph is never mistaken for idleness.
func New(cfg Config) *Engine {
	log := cfg.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithCancel(context.Background())
	e := &Engine{
		cfg:     cfg,
		log:     log,
		conv:    newConverger(cfg.ConvergerTimeout),
		semas:   newSemaphores(),
		ctx:     ctx,
		cancel:  cancel,
		byID:    map[string]*vertex{},
		retries: map[string]*retryState{},
		runners: newRunners(),
	}
	e.runCond = sync.NewCond(&e.runMu)
	e.pauseCh = make(chan struct{})
	e.conv.beginBuild()
	return e
}

// BeginBuild tells the converger that a new graph is being built (the
// program is compiling or its values are changing): the engine is not idle
// until the matching EndBuild. Commit does this for its own duration.
func (e *Engine) BeginBuild() { e.conv.beginBuild() }

// EndBuild ends a BeginBuild.
func (e *Engine) EndBuild() { e.conv.endBuild() }

// Converged returns a channel that is closed once every resource has been
// converged for the converger timeout. If activity resumes afterwards, a
// later call returns a new, open channel.
func (e *Engine) Converged() <-chan struct{} { return e.conv.wait() }

// ConvergedState reports whether the engine is converged now, and returns a
// channel that is closed when that changes.
func (e *Engine) ConvergedState() (bool, <-chan struct{}) { return e.conv.state() }

// Stats returns the engine's counters.
func (e *Engine) Stats() *Stats { return &e.stats }

// Failures returns the resources of the running graph that failed for good,
// by kind[name], with their errors.
func (e *Engine) Failures() map[string]error {
	e.graphMu.RLock()
	defer e.graphMu.RUnlock()
	out := map[string]error{}
	for _, v := range e.vertices {
		if err := v.failure(); err != nil {
			out[v.id] = err
		}
	}
	return out
}

// Graph returns the running graph as it was committed, with its automatic
// edges and groups (reversal resources added by the swap are not in it).
// The caller must not modify it.
func (e *Engine) Graph() *Graph {
	e.graphMu.RLock()
	defer e.graphMu.RUnlock()
	if e.prepared == nil {
		return &Graph{}
	}
	return e.prepared
}

// Len returns the number of vertices in the running graph.
func (e *Engine) Len() int {
	e.graphMu.RLock()
	defer e.graphMu.RUnlock()
	return len(e.vertices)
}

// Close stops every resource: no new CheckApply starts, running ones see
// their context cancelled, watches are cancelled, and each resource is
// closed. It returns when all of them have finished.
func (e *Engine) Close() error {
	e.commitMu.Lock()
	defer e.commitMu.Unlock()
	if e.closed {
		return nil
	}
	e.closed = true
	e.cancel() // running CheckApply, delays and semaphores give up
	e.pause()
	e.graphMu.Lock()
	vs := e.vertices
	e.vertices, e.byID = nil, map[string]*vertex{}
	e.graphMu.Unlock()
	var errs []error
	for _, v := range vs {
		if err := v.stop(); err != nil {
			errs = append(errs, err)
		}
	}
	e.conv.stop()
	return errors.Join(errs...)
}

// pause stops new vertex runs from starting and waits for those in flight.
func (e *Engine) pause() {
	e.runMu.Lock()
	if !e.paused {
		e.paused = true
		close(e.pauseCh)
	}
	for e.active > 0 {
		e.runCond.Wait()
	}
	e.runMu.Unlock()
}

// resume lets vertices run again and restarts those with work pending.
func (e *Engine) resume(vs []*vertex) {
	e.runMu.Lock()
	if e.paused {
		e.paused = false
		e.pauseCh = make(chan struct{})
	}
	e.runMu.Unlock()
	for _, v := range vs {
		v.kick()
	}
}

// enter registers a vertex run loop; it reports false while paused.
func (e *Engine) enter() bool {
	e.runMu.Lock()
	defer e.runMu.Unlock()
	if e.paused {
		return false
	}
	e.active++
	return true
}

// leave ends a run loop registered with enter.
func (e *Engine) leave() {
	e.runMu.Lock()
	e.active--
	if e.active == 0 {
		e.runCond.Broadcast()
	}
	e.runMu.Unlock()
}

// pausing returns a channel that is closed when the next pause begins (or
// already closed if one is in effect).
func (e *Engine) pausing() <-chan struct{} {
	e.runMu.Lock()
	defer e.runMu.Unlock()
	return e.pauseCh
}

// isPaused reports whether a pause is in progress or in effect.
func (e *Engine) isPaused() bool {
	e.runMu.Lock()
	defer e.runMu.Unlock()
	return e.paused
}

// logf returns a Logf that prefixes a resource's identity.
func (e *Engine) logf(id string) func(format string, args ...any) {
	return func(format string, args ...any) {
		e.log.Info(id + ": " + fmt.Sprintf(format, args...))
	}
}

// tick returns a new process timestamp, strictly greater than all before it.
func (e *Engine) tick() int64 { return e.clock.Add(1) }
