package runtime

import (
	"sync"
	"time"
)

// converger decides when the engine is converged: no graph is being built,
// every resource has completed a run (or failed for good), and nothing
// changed for the timeout. Building a graph (compiling, evaluating,
// swapping) holds convergence off, so a slow compile is never counted as
// idle time.
type converger struct {
	timeout time.Duration

	mu        sync.Mutex
	building  int
	unsettled int
	last      time.Time // last activity
	converged bool
	ch        chan struct{} // closed while converged
	changed   chan struct{} // closed at the next change of converged
	timer     *time.Timer
	stopped   bool
}

func newConverger(timeout time.Duration) *converger {
	return &converger{timeout: timeout, last: time.Now(), ch: make(chan struct{}), changed: make(chan struct{})}
}

// state reports whether the engine is converged, and a channel closed at
// the next change of that state.
func (c *converger) state() (bool, <-chan struct{}) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.converged, c.changed
}

// flipLocked records a change of the converged state.
func (c *converger) flipLocked(converged bool) {
	c.converged = converged
	if converged {
		close(c.ch)
	} else {
		c.ch = make(chan struct{})
	}
	close(c.changed)
	c.changed = make(chan struct{})
}

// wait returns a channel closed while the engine is converged.
func (c *converger) wait() <-chan struct{} {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.ch
}

// Building a graph, and any change or error, restart the idle clock.
// Resources settling and unsettling do not: a resource polled every second
// that finds nothing to do must not keep the engine from converging.
func (c *converger) beginBuild() { c.update(true, func() { c.building++ }) }
func (c *converger) endBuild()   { c.update(true, func() { c.building-- }) }
func (c *converger) unsettle()   { c.update(false, func() { c.unsettled++ }) }
func (c *converger) settle()     { c.update(false, func() { c.unsettled-- }) }

// activity records a change (or an error): the idle clock starts again.
func (c *converger) activity() { c.update(true, func() {}) }

// update applies f, records activity if asked, and re-arms the timer.
func (c *converger) update(touch bool, f func()) {
	c.mu.Lock()
	defer c.mu.Unlock()
	f()
	if touch {
		c.last = time.Now()
	}
	if c.converged && (touch || c.building > 0 || c.unsettled > 0) {
		c.flipLocked(false)
	}
	c.armLocked()
}

// armLocked starts the countdown when the engine is idle.
func (c *converger) armLocked() {
	if c.timer != nil {
		c.timer.Stop()
		c.timer = nil
	}
	if c.timeout < 0 || c.stopped || c.building > 0 || c.unsettled > 0 {
		return
	}
	c.timer = time.AfterFunc(time.Until(c.last.Add(c.timeout)), c.fire)
}

// fire declares convergence if nothing happened since the timer was armed.
func (c *converger) fire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.converged || c.stopped || c.building > 0 || c.unsettled > 0 {
		return
	}
	if wait := time.Until(c.last.Add(c.timeout)); wait > 0 {
		c.timer = time.AfterFunc(wait, c.fire)
		return
	}
	c.flipLocked(true)
}

// stop disarms the converger for good.
func (c *converger) stop() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.stopped = true
	if c.timer != nil {
		c.timer.Stop()
	}
}
