package runtime

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"golang.org/x/time/rate"
)

// vertex is a resource in the running graph with the engine's state for it.
// It has no goroutine of its own while idle: events and pokes start a run
// loop (at most one per vertex, on one of the engine's runners) that ends
// when no work is left, so an idle graph of 100,000 resources costs
// memory, not goroutines.
type vertex struct {
	e        *Engine
	res      Res
	meta     Meta
	id       string // kind[name]
	pos      string
	children []Res // grouped into this one
	group    []*Node

	// Wiring; replaced only while the engine is paused.
	in, out []*edge
	recv    []recvLink

	ts      atomic.Int64 // timestamp of the last completed process; 0: running or never
	stateOK atomic.Bool  // the last CheckApply found or left the state correct
	retry   *retryState
	limiter *rate.Limiter

	mu          sync.Mutex
	running     bool  // a run loop is in flight
	work        work  // what is pending
	started     bool  // watching (or polling) is established
	waiting     bool  // backpoked its parents; they will poke us when done
	recheck     bool  // a child's state changed: do not trust our cache next step
	removed     bool  // left the graph
	failed      error // failed: nothing runs until a change (rearmLocked)
	failedAt    time.Time
	rearmTimer  *time.Timer
	blocked     *vertex
	everOK      bool // at least one successful process
	settled     bool // counted as converged by the converger
	watchFailed bool // the watch failed for good (Meta:rewatch)
	watchCancel context.CancelFunc
	watchGen    uint64
	watchRetry  int
	pollTimer   *time.Timer
	done        chan struct{} // closed when the vertex leaves the graph
}

// work is what a vertex has pending, as bits.
type work uint8

const (
	// workEvent: the resource reported a change; its state must be checked.
	workEvent work = 1 << iota
	// workPoke: a parent completed a step.
	workPoke
	// workBackPoke: a child is waiting for us to complete a step.
	workBackPoke
)

// edge is a running edge; refresh carries a Notify edge's pending refresh.
type edge struct {
	from, to *vertex
	notify   bool
	refresh  atomic.Bool
}

// recvLink moves a sender's field into a receiver's param; res is the
// receiving resource (the vertex's own or a grouped child).
type recvLink struct {
	res    Res
	field  string
	sender *vertex
	key    string
}

// retryState is the CheckApply retry budget of a resource; it outlives the
// vertex across swaps unless Meta:reset is set.
type retryState struct {
	mu   sync.Mutex
	left int
}

func newVertex(e *Engine, n *Node) *vertex {
	v := &vertex{e: e, res: n.Res, meta: n.Meta, id: ID(n.Res), pos: n.Pos, group: n.Group, done: make(chan struct{})}
	for _, c := range n.Group {
		v.children = append(v.children, c.Res)
	}
	if !math.IsInf(n.Meta.Limit, 1) {
		v.limiter = rate.NewLimiter(rate.Limit(n.Meta.Limit), n.Meta.Burst)
	}
	return v
}

// kick starts a run loop if there is work and none is in flight.
func (v *vertex) kick() {
	v.mu.Lock()
	defer v.mu.Unlock()
	v.startLocked()
}

// startLocked starts the run loop when there is work to do; v.mu is held.
func (v *vertex) startLocked() {
	if v.running || v.removed || !v.started || v.work == 0 {
		return
	}
	if v.failed != nil && !v.rearmLocked() {
		return
	}
	if !v.e.enter() {
		return // paused: resume kicks us
	}
	v.running = true
	v.e.startRun(v)
}

// minFailedRetry spaces the attempts of a failed resource that its own
// events could otherwise trigger in a tight loop.
const minFailedRetry = 100 * time.Millisecond

// rearmLocked decides whether a failed vertex gets a new attempt for its
// pending work; v.mu is held. Only a change counts: an event from its
// watch or a parent's completed step, not a child's backpoke. Attempts are
// spaced by Meta:delay (at least minFailedRetry); one that comes too soon
// waits on a timer. A new attempt has the full Meta:retry budget again.
func (v *vertex) rearmLocked() bool {
	if v.work&(workEvent|workPoke) == 0 {
		v.work = 0
		return false
	}
	spacing := max(time.Duration(v.meta.Delay)*time.Millisecond, minFailedRetry)
	if wait := time.Until(v.failedAt.Add(spacing)); wait > 0 {
		if v.rearmTimer == nil {
			v.rearmTimer = time.AfterFunc(wait, v.kick)
		}
		return false
	}
	v.rearmTimer = nil
	v.e.log.Info("retrying a failed resource after a change", "res", v.id, "failure", v.failed)
	v.failed = nil
	v.work |= workEvent // its state must be checked, not trusted
	v.unsettleLocked()
	v.retry.mu.Lock()
	v.retry.left = v.meta.Retry
	v.retry.mu.Unlock()
	return true
}

// signalEvent is a watch event (through a watchSink) or a poll: it marks
// the state dirty and schedules a run.
func (v *vertex) signalEvent() {
	v.mu.Lock()
	if v.removed {
		v.mu.Unlock()
		return
	}
	v.work |= workEvent
	v.unsettleLocked()
	v.startLocked()
	v.mu.Unlock()
}

// signalPoke tells the vertex that a parent completed a step.
func (v *vertex) signalPoke() {
	v.mu.Lock()
	v.work |= workPoke
	v.startLocked()
	v.mu.Unlock()
}

// signalBackPoke asks the vertex to process because a child, whose last
// completed step has timestamp childTS, is waiting for it. With recheck
// (the child's state changed) the vertex's next step checks its own state
// instead of trusting its cache: what moved a dependent often moved its
// prerequisites too (a removed directory takes its files with it).
//
// The step itself is not requested when the vertex will poke its children
// anyway: it is running, it is itself waiting for its own parents, or it
// completed after the child's step (its forward poke is on the way).
// Without this a long chain bounces backpokes up and down while it waits,
// and a wide fan re-runs its root once per late backpoke.
func (v *vertex) signalBackPoke(childTS int64, recheck bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if recheck {
		v.recheck = true
	}
	if t := v.ts.Load(); t != 0 && t > childTS {
		return
	}
	if !v.running && !v.waiting {
		v.work |= workBackPoke
		v.startLocked()
	}
}

// takeRecheck reports and clears a pending recheck request.
func (v *vertex) takeRecheck() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	r := v.recheck
	v.recheck = false
	return r
}

// wantsRecheck reports a pending recheck request without clearing it.
func (v *vertex) wantsRecheck() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.recheck
}

// setWaiting records whether the vertex is waiting for its parents.
func (v *vertex) setWaiting(w bool) {
	v.mu.Lock()
	v.waiting = w
	v.mu.Unlock()
}

// unsettleLocked marks the vertex as not converged; v.mu is held.
func (v *vertex) unsettleLocked() {
	if v.settled {
		v.settled = false
		v.e.conv.unsettle()
	}
}

// settleLocked marks the vertex as converged; v.mu is held.
func (v *vertex) settleLocked() {
	if !v.settled {
		v.settled = true
		v.e.conv.settle()
	}
}

// run is the vertex's run loop: it processes until no event or poke is left.
func (v *vertex) run() {
	defer v.e.leave()
	for {
		v.mu.Lock()
		if v.removed || v.failed != nil || v.work == 0 || v.e.isPaused() {
			v.running = false
			if v.work&workEvent == 0 && v.failed == nil && v.everOK {
				v.settleLocked()
			}
			if v.failed != nil && v.work != 0 && !v.removed {
				v.startLocked() // a change arrived while we failed: rearm
			}
			v.mu.Unlock()
			return
		}
		w := v.work
		v.work = 0
		v.mu.Unlock()

		if w&workEvent != 0 {
			v.stateOK.Store(false)
			if !v.waitLimit() {
				v.requeue(w)
				continue
			}
		}
		if !v.processWithRetry(w) {
			v.requeue(w | workEvent)
		}
	}
}

// requeue puts back work that a pause or shutdown interrupted.
func (v *vertex) requeue(w work) {
	v.mu.Lock()
	v.work |= w
	v.mu.Unlock()
}

// waitLimit waits as Meta:limit and Meta:burst ask before an event-driven
// run. It reports false if a pause or shutdown interrupted the wait.
func (v *vertex) waitLimit() bool {
	if v.limiter == nil {
		return true
	}
	r := v.limiter.Reserve()
	d := r.Delay()
	if d <= 0 {
		return true
	}
	if v.e.cfg.Debug {
		v.e.log.Debug("rate limited", "res", v.id, "wait", d)
	}
	return v.sleep(d)
}

// sleep waits for d; it reports false when a pause, removal or shutdown
// interrupts it.
func (v *vertex) sleep(d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-v.e.pausing():
	case <-v.done:
	case <-v.e.ctx.Done():
	}
	return false
}

func (v *vertex) isRemoved() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.removed
}

// processWithRetry runs process, retrying a failing CheckApply as
// Meta:retry and Meta:delay say. It reports false when a pause or shutdown
// interrupted a retry delay, so the caller requeues the work.
func (v *vertex) processWithRetry(w work) bool {
	for {
		err := v.process(w)
		switch {
		case err == nil:
			if v.meta.RetryReset {
				v.retry.mu.Lock()
				v.retry.left = v.meta.Retry
				v.retry.mu.Unlock()
			}
			return true
		case errors.Is(err, errBackPoke), errors.Is(err, errBlocked), errors.Is(err, errStalePoke):
			return true
		case v.e.ctx.Err() != nil:
			return false
		}
		v.e.stats.Errors.Add(1)
		v.e.conv.activity()
		v.retry.mu.Lock()
		left := v.retry.left
		if left > 0 {
			v.retry.left--
		}
		v.retry.mu.Unlock()
		if left == 0 {
			v.setFailed(fmt.Errorf("%s: %w", v.id, err))
			return true
		}
		v.e.log.Warn("resource error, retrying", "res", v.id, "err", err, "retries_left", left-1, "delay_ms", v.meta.Delay)
		if v.meta.Delay > 0 && !v.sleep(time.Duration(v.meta.Delay)*time.Millisecond) {
			return false
		}
	}
}

// setFailed marks the vertex failed: it stops retrying, counts as
// converged, and its dependents are skipped, until a change gives it a new
// attempt (rearmLocked).
func (v *vertex) setFailed(err error) {
	v.mu.Lock()
	v.failed = err
	v.failedAt = time.Now()
	v.work = 0
	v.settleLocked()
	v.mu.Unlock()
	v.e.log.Error("resource failed", "res", v.id, "err", err)
	v.e.graphMu.RLock() // may run outside a run loop, beside a rewire
	v.pokeChildren()
	v.e.graphMu.RUnlock()
}

// failure returns the permanent failure of the vertex, or nil.
func (v *vertex) failure() error {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.failed
}

// pokeChildren pokes every downstream vertex.
func (v *vertex) pokeChildren() {
	for _, ed := range v.out {
		ed.to.signalPoke()
	}
}

// watchSink delivers a watch's events to its vertex, and drops them once a
// newer watch replaced it.
type watchSink struct {
	v   *vertex
	gen uint64
}

var _ hostabi.Events = (*watchSink)(nil)

func (s *watchSink) current() bool {
	s.v.mu.Lock()
	defer s.v.mu.Unlock()
	return s.v.watchGen == s.gen && !s.v.removed
}

// Event implements hostabi.Events.
func (s *watchSink) Event() {
	if s.current() {
		s.v.signalEvent()
	}
}

// Fail implements hostabi.Events.
func (s *watchSink) Fail(err error) {
	if s.current() {
		s.v.watchError(s.gen, err)
	}
}
