package runtime

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// errBackPoke means a parent has not completed since we last ran: we poked
// it and wait for it to poke us back.
var errBackPoke = errors.New("waiting for a prerequisite")

// errStalePoke means a parent's poke told us nothing new: we already ran
// after its latest step.
var errStalePoke = errors.New("nothing new upstream")

// errBlocked means a prerequisite failed for good, so we do not run.
var errBlocked = errors.New("a prerequisite failed")

// process runs one step of the vertex for the pending work w. If every
// parent has completed since our last run, it takes the semaphores, moves
// send/recv values, runs CheckApply (unless the cached state is good and no
// refresh is pending), stamps itself and pokes its children. Otherwise it
// pokes the parents that are behind (a backpoke) and returns errBackPoke.
func (v *vertex) process(w work) error {
	if err := v.checkParents(w); err != nil {
		return err
	}
	v.ts.Store(0) // running: downstream must wait for us
	if v.takeRecheck() {
		v.stateOK.Store(false)
	}

	ctx := v.e.ctx
	release, err := v.e.semas.acquire(ctx, v.semas())
	if err != nil {
		return err
	}
	defer release()

	if err := v.sendRecv(); err != nil {
		return err
	}

	refresh := v.refreshPending()
	refreshable, isRefreshable := v.res.(hostabi.Refreshable)
	if isRefreshable {
		refreshable.SetRefresh(refresh)
	}
	noop := v.meta.Noop || v.e.cfg.Noop

	var exported chan error // the exporter runs beside CheckApply
	if len(v.meta.Export) > 0 && v.e.cfg.Exporter != nil {
		exported = make(chan error, 1)
		go func() { exported <- v.e.cfg.Exporter.Export(ctx, v.res, v.meta.Export) }()
	}

	var checkOK bool
	switch {
	case (!refresh || !isRefreshable) && v.stateOK.Load():
		checkOK = true // cached
	case v.meta.Hidden:
		checkOK = true
	case noop && refresh && isRefreshable:
		checkOK = false // a refresh we may not perform
	default:
		checkOK, err = v.checkApply(ctx, !noop)
	}
	if exported != nil {
		if exportErr := <-exported; err == nil && exportErr != nil {
			err = fmt.Errorf("export: %w", exportErr)
		}
	}
	if checkOK && err != nil {
		err = fmt.Errorf("resource programming error: CheckApply reported a correct state and an error: %w", err)
	}
	if err != nil {
		return err
	}

	applied := !checkOK && !noop
	if !checkOK {
		v.e.conv.activity()
	}
	if !noop {
		v.stateOK.Store(true)
		if refresh {
			v.clearRefresh()
			if isRefreshable {
				refreshable.SetRefresh(false)
			}
		}
	}
	if applied {
		for _, ed := range v.out {
			if ed.notify {
				ed.refresh.Store(true)
			}
		}
	}
	v.mu.Lock()
	v.everOK = true
	v.mu.Unlock()
	v.ts.Store(v.e.tick())
	v.e.stats.Steps.Add(1)
	v.pokeChildren()
	return nil
}

// checkParents reports errBackPoke after poking the parents that have not
// completed since our last run, or errBlocked when one failed for good. A
// forward poke alone, when no parent completed after our last run, is
// stale (we saw that completion already): errStalePoke, and nothing runs.
func (v *vertex) checkParents(w work) error {
	mine := v.ts.Load()
	var behind []*vertex
	newer := false
	for _, ed := range v.in {
		p := ed.from
		if p.failure() != nil || p.isBlocked() {
			v.setWaiting(false)
			v.block(p)
			return errBlocked
		}
		if t := p.ts.Load(); t == 0 || t <= mine {
			behind = append(behind, p)
		} else {
			newer = true
		}
	}
	v.unblock()
	if w&(workEvent|workBackPoke) == 0 && !newer && mine != 0 {
		return errStalePoke
	}
	if len(behind) == 0 {
		v.setWaiting(false)
		return nil
	}
	v.setWaiting(true) // before poking: their pokes back must not be lost
	recheck := w&workEvent != 0 || v.wantsRecheck()
	for _, p := range behind {
		p.signalBackPoke(mine, recheck)
	}
	return errBackPoke
}

// block records that a failed prerequisite keeps the vertex from running;
// a blocked vertex counts as converged and blocks its own dependents.
func (v *vertex) block(cause *vertex) {
	v.mu.Lock()
	first := v.blocked == nil
	v.blocked = cause
	v.settleLocked()
	v.mu.Unlock()
	if first {
		v.e.log.Warn("skipped: a prerequisite failed", "res", v.id, "prerequisite", cause.id)
		v.pokeChildren()
	}
}

// unblock clears a block once no prerequisite has failed any more.
func (v *vertex) unblock() {
	v.mu.Lock()
	v.blocked = nil
	v.mu.Unlock()
}

func (v *vertex) isBlocked() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.blocked != nil
}

// checkApply runs CheckApply with Meta:timeout and counts it.
func (v *vertex) checkApply(ctx context.Context, apply bool) (bool, error) {
	if v.meta.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(v.meta.Timeout)*time.Millisecond)
		defer cancel()
	}
	v.e.stats.CheckApply.Add(1)
	var start time.Time
	if v.e.cfg.Observer != nil {
		start = time.Now()
	}
	ok, err := safeCheckApply(ctx, v.res, apply)
	if err == nil && ctx.Err() != nil && v.e.ctx.Err() == nil {
		err = fmt.Errorf("CheckApply timed out after %d ms: %w", v.meta.Timeout, ctx.Err())
	}
	if o := v.e.cfg.Observer; o != nil {
		o.ObserveCheckApply(v.res.Kind(), apply, ok, err, time.Since(start))
	}
	if err == nil && !ok && apply {
		v.e.stats.Applied.Add(1)
	}
	if v.e.cfg.Debug {
		v.e.log.Debug("CheckApply", "res", v.id, "apply", apply, "ok", ok, "err", err)
	}
	return ok, err
}

// semas returns the semaphores the vertex takes: its own and the global one.
func (v *vertex) semas() []string {
	if v.e.cfg.Sema <= 0 {
		return v.meta.Sema
	}
	return append(v.meta.Sema[:len(v.meta.Sema):len(v.meta.Sema)], fmt.Sprintf(":%d", v.e.cfg.Sema))
}

// sendRecv copies each sender's field into our param (or a grouped child's).
// A change marks the state dirty and the receiver is validated again.
func (v *vertex) sendRecv() error {
	for _, l := range v.recv {
		sends := l.sender.res.(hostabi.Sender).Sends()
		val, ok := sends[l.key]
		if !ok || val == nil {
			continue // nothing sent yet
		}
		changed, err := l.res.(hostabi.Recver).Recv(l.field, val)
		if err != nil {
			return fmt.Errorf("receive %s.%s into %s: %w", l.sender.id, l.key, l.field, err)
		}
		if !changed {
			continue
		}
		if v.e.cfg.Debug {
			v.e.log.Debug("send/recv", "from", l.sender.id, "key", l.key, "to", ID(l.res), "field", l.field)
		}
		v.stateOK.Store(false)
		if err := l.res.Validate(); err != nil {
			return fmt.Errorf("validate after receiving %s: %w", l.field, err)
		}
	}
	return nil
}

// refreshPending reports whether a Notify edge brought a refresh.
func (v *vertex) refreshPending() bool {
	for _, ed := range v.in {
		if ed.notify && ed.refresh.Load() {
			return true
		}
	}
	return false
}

// clearRefresh consumes the pending refreshes.
func (v *vertex) clearRefresh() {
	for _, ed := range v.in {
		if ed.notify {
			ed.refresh.Store(false)
		}
	}
}
