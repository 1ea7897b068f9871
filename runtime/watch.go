package runtime

import (
	"context"
	"fmt"
	"time"
)

// start gives the vertex its event source and queues its first run: a
// watch, a poll timer (Meta:poll > 0), or nothing at all for a hidden
// resource or Meta:poll = -1, which run once.
func (v *vertex) start() {
	switch {
	case v.meta.Hidden || v.meta.Poll < 0:
		v.markStarted(0)
	case v.meta.Poll > 0:
		v.markStarted(0)
		v.armPoll()
	default:
		v.startWatch()
	}
}

// markStarted records that the event source of generation gen is running
// and queues the initial run. A stale generation is ignored.
func (v *vertex) markStarted(gen uint64) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.watchGen != gen || v.removed {
		return
	}
	v.started = true
	v.work |= workEvent
	v.unsettleLocked()
	v.startLocked()
}

// armPoll schedules the next poll; each one is an event.
func (v *vertex) armPoll() {
	d := time.Duration(v.meta.Poll) * time.Second
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.removed {
		return
	}
	v.pollTimer = time.AfterFunc(d, func() {
		v.signalEvent()
		v.armPoll()
	})
}

// startWatch calls the resource's Watch with a fresh context and sink.
func (v *vertex) startWatch() {
	v.mu.Lock()
	if v.removed {
		v.mu.Unlock()
		return
	}
	v.watchGen++
	gen := v.watchGen
	ctx, cancel := context.WithCancel(v.e.ctx)
	v.watchCancel = cancel
	v.mu.Unlock()

	if err := safeWatch(ctx, v.res, &watchSink{v: v, gen: gen}); err != nil {
		v.watchError(gen, err)
		return
	}
	v.markStarted(gen)
}

// watchError handles a failed watch: it is cancelled, and started again
// after Meta:delay while Meta:retry allows, else the vertex fails for good.
// No CheckApply starts until the replacement watch is established.
func (v *vertex) watchError(gen uint64, err error) {
	v.mu.Lock()
	if v.watchGen != gen || v.removed {
		v.mu.Unlock()
		return
	}
	if v.watchCancel != nil {
		v.watchCancel()
	}
	v.watchGen++ // drops further reports from the broken watch
	v.started = false
	left := v.watchRetry
	if left > 0 {
		v.watchRetry--
	}
	if left == 0 {
		v.watchFailed = true
	}
	v.mu.Unlock()
	v.e.stats.Errors.Add(1)
	v.e.conv.activity()
	if left == 0 {
		v.setFailed(fmt.Errorf("%s: watch: %w", v.id, err))
		return
	}
	v.e.log.Warn("watch failed, retrying", "res", v.id, "err", err, "retries_left", left-1, "delay_ms", v.meta.Delay)
	time.AfterFunc(time.Duration(v.meta.Delay)*time.Millisecond, v.startWatch)
}

// stop removes the vertex from service: its event sources end and the
// resource is closed. The engine is paused, so no run loop is in flight.
func (v *vertex) stop() error {
	if !v.retire() {
		return nil
	}
	return v.closeRes()
}

// retire is stop without ending the watch or closing the resource, whose
// host watches stay set until closeRes: Commit starts the replacements
// first, so that a resource that replaces another on the same path takes
// over its inotify watch instead of the watch being removed and set
// again. Events of a retired vertex are ignored. It reports false for a
// vertex already removed.
func (v *vertex) retire() bool {
	v.mu.Lock()
	if v.removed {
		v.mu.Unlock()
		return false
	}
	v.removed = true
	close(v.done)
	if v.pollTimer != nil {
		v.pollTimer.Stop()
	}
	if v.rearmTimer != nil {
		v.rearmTimer.Stop()
	}
	if !v.settled {
		v.settled = true
		v.e.conv.settle()
	}
	v.mu.Unlock()
	return true
}

// closeRes ends the watch of a retired vertex and closes its resource.
func (v *vertex) closeRes() error {
	v.mu.Lock()
	cancel := v.watchCancel
	v.mu.Unlock()
	if cancel != nil {
		cancel()
	}
	if err := safeClose(v.res); err != nil {
		return fmt.Errorf("%s: close: %w", v.id, err)
	}
	return nil
}

// safeWatch calls Watch, turning a panic into an error.
func safeWatch(ctx context.Context, r Res, ev *watchSink) (err error) {
	defer recoverInto(&err, "Watch")
	return r.Watch(ctx, ev)
}

// safeClose calls Close, turning a panic into an error.
func safeClose(r Res) (err error) {
	defer recoverInto(&err, "Close")
	return r.Close()
}

// safeCheckApply calls CheckApply, turning a panic into an error.
func safeCheckApply(ctx context.Context, r Res, apply bool) (ok bool, err error) {
	defer recoverInto(&err, "CheckApply")
	return r.CheckApply(ctx, apply)
}

// recoverInto turns a panic of a resource method into an error.
func recoverInto(err *error, verb string) {
	if p := recover(); p != nil {
		*err = fmt.Errorf("%s panicked: %v", verb, p)
	}
}
