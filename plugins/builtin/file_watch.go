package builtin

import (
	"context"
	"fmt"
	"sync"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// fileWatch is one Watch call of a file resource: a hostwatch subscription
// and the goroutine that forwards its events to the engine, so that a slow
// engine never stalls the shared watcher.
type fileWatch struct {
	stop     chan struct{} // closed by Close
	stopOnce sync.Once
	done     chan struct{} // closed when the forwarder ended and the subscription was released
}

// Watch subscribes to changes of the path and calls ev.Event on each, until
// ctx ends or Close is called.
func (r *fileRes) Watch(ctx context.Context, ev hostabi.Events) error {
	if r.reg == nil || r.reg.w == nil {
		return fmt.Errorf("watch: the registry has no file watcher")
	}
	s, err := r.spec()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	kick := make(chan struct{}, 1)
	failc := make(chan error, 1)
	cancel, err := r.reg.w.WatchFail(s.clean,
		func() {
			select {
			case kick <- struct{}{}:
			default:
			}
		},
		func(err error) {
			select {
			case failc <- err:
			default:
			}
		})
	if err != nil {
		return fmt.Errorf("watch %s: %w", s.clean, err)
	}
	fw := &fileWatch{stop: make(chan struct{}), done: make(chan struct{})}
	r.mu.Lock()
	r.watches = append(pruneWatches(r.watches), fw)
	r.mu.Unlock()

	go func() {
		defer close(fw.done)
		defer cancel()
		for {
			select {
			case <-ctx.Done():
				return
			case <-fw.stop:
				return
			case <-kick:
				if ctx.Err() == nil {
					ev.Event()
				}
			case err := <-failc:
				if ctx.Err() == nil {
					ev.Fail(fmt.Errorf("watch %s: %w", s.clean, err))
				}
				return
			}
		}
	}()
	return nil
}

// pruneWatches drops the watches whose forwarder has ended.
func pruneWatches(ws []*fileWatch) []*fileWatch {
	out := ws[:0]
	for _, w := range ws {
		select {
		case <-w.done:
		default:
			out = append(out, w)
		}
	}
	return out
}

// Close stops every watch and waits until their subscriptions are released.
func (r *fileRes) Close() error {
	r.mu.Lock()
	ws := r.watches
	r.watches = nil
	r.mu.Unlock()
	for _, w := range ws {
		w.stopOnce.Do(func() { close(w.stop) })
		<-w.done
	}
	return nil
}
