package runtime

import (
	goruntime "runtime"
	"sync/atomic"
)

// runners are the goroutines that run vertex loops. One that finished a
// loop waits for the next instead of exiting, up to maxIdleRunners of
// them: a fresh goroutine starts on an 8 KB stack and grows it (copying it
// each time it doubles) on its first plugin call, where wazero's host
// calls need more, which cost a drift repair about 50 µs of CPU on each
// event. An idle graph still has no goroutine per vertex, only these few.
type runners struct {
	next chan *vertex // a vertex for a waiting runner
	idle atomic.Int32 // runners waiting on next
}

// maxIdleRunners bounds the runners kept waiting: enough for the loops
// that run at once on the machine's cores.
var maxIdleRunners = int32(2 * goruntime.GOMAXPROCS(0))

func newRunners() *runners { return &runners{next: make(chan *vertex)} }

// startRun runs v's loop on a waiting runner, or on a new one.
func (e *Engine) startRun(v *vertex) {
	select {
	case e.runners.next <- v:
	default:
		go e.runner(v)
	}
}

// runner runs v's loop, then the loops handed to it, until the engine is
// closed or enough runners are already waiting.
func (e *Engine) runner(v *vertex) {
	r := e.runners
	for {
		v.run()
		if r.idle.Add(1) > maxIdleRunners {
			r.idle.Add(-1)
			return
		}
		select {
		case v = <-r.next:
			r.idle.Add(-1)
		case <-e.ctx.Done():
			r.idle.Add(-1)
			return
		}
	}
}
