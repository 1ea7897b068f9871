// Package timer is the first-party timer kind: a resource that ticks every
// interval seconds, and reports each tick as a change so that the
// resources it notifies are refreshed.
//
// Params: interval (int, seconds, 1 to 4294967295, upstream's uint32).
// Traits: refresh: a refresh notification resets the timer (the next tick
// is an interval after it) and, like a tick, counts as a change.
//
// The guest keeps no state between calls, so the time of the last tick is
// kept in the resource's private directory and compared with the host's
// clock whenever the host's interval watch fires. A tick is due when at
// least half an interval has passed since the last one, which absorbs the
// jitter between the watch and the stored time; a stored time more than
// three intervals old was left by an earlier run and starts the timer
// afresh instead of counting as a tick.
//
// Differences from upstream: upstream reports no change on a tick (its
// watch events only make the engine check again); here a tick is a
// change, so a timer can drive refresh_only resources through notify.
package timer

import (
	"errors"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// stateFile holds the time of the last tick, in Unix nanoseconds.
const stateFile = "last-tick"

// Info describes the timer kind.
var Info = hostabi.KindInfo{
	Kind:   "timer",
	Params: []hostabi.ParamInfo{{Name: "interval", Type: hostabi.TypeInt}},
	Traits: hostabi.Traits{Refresh: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &res{interval: p.Int("interval")}, nil
	})
}

// res is a timer resource.
type res struct {
	interval int64 // seconds
}

// Validate requires an interval of at least one second that fits
// upstream's uint32.
func (r *res) Validate() error {
	if r.interval < 1 || r.interval > math.MaxUint32 {
		return mgmt.ParamError("interval", "must be from 1 to %d seconds, not %d", uint32(math.MaxUint32), r.interval)
	}
	return nil
}

// Watch asks the host for an event every interval.
func (r *res) Watch() []hostabi.WatchSpec {
	return []hostabi.WatchSpec{{Kind: hostabi.WatchInterval, IntervalMS: uint64(r.interval) * 1000}}
}

// CheckApply reports a change when a tick is due or a refresh is pending,
// and on apply records the time as the last tick. The first check of a
// run starts the timer and is not a change.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	file := path.Join(ctx.VarDir(), stateFile)
	now := ctx.Now()
	last, found, err := readTick(ctx, file)
	if err != nil {
		return false, err
	}
	interval := time.Duration(r.interval) * time.Second
	switch st := state(now, last, found, interval, ctx.Refresh()); st {
	case idle:
		return true, nil
	case start:
		if apply {
			return true, writeTick(ctx, file, now)
		}
		return true, nil
	default:
		if !apply {
			return false, nil
		}
		if err := writeTick(ctx, file, now); err != nil {
			return false, err
		}
		ctx.Log("%s", st)
		return false, nil
	}
}

// step is what a check of the timer finds.
type step int

const (
	idle  step = iota // no tick due
	start             // no (recent) last tick: start counting from now
	tick              // a tick is due
	reset             // a refresh resets the timer
)

// String returns what the timer logs for a change.
func (s step) String() string {
	switch s {
	case tick:
		return "received tick"
	case reset:
		return "refreshed: timer reset"
	case start:
		return "started"
	}
	return "idle"
}

// state decides the step at now, given the last tick (if found).
func state(now, last time.Time, found bool, interval time.Duration, refresh bool) step {
	switch elapsed := now.Sub(last); {
	case refresh:
		return reset
	case !found || elapsed > 3*interval || elapsed < 0:
		return start
	case elapsed >= interval/2:
		return tick
	}
	return idle
}

// readTick returns the last tick stored in file, and whether there is one.
func readTick(ctx *mgmt.Context, file string) (time.Time, bool, error) {
	b, err := ctx.ReadFile(file)
	if errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, fmt.Errorf("read the last tick: %w", err)
	}
	ns, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if err != nil {
		return time.Time{}, false, nil // unreadable: start afresh
	}
	return time.Unix(0, ns), true, nil
}

// writeTick stores t as the last tick in file.
func writeTick(ctx *mgmt.Context, file string, t time.Time) error {
	if err := ctx.Mkdir(path.Dir(file), 0o700, true); err != nil {
		return fmt.Errorf("create the private directory: %w", err)
	}
	if err := ctx.WriteFile(file, []byte(strconv.FormatInt(t.UnixNano(), 10)+"\n"), 0o600); err != nil {
		return fmt.Errorf("store the last tick: %w", err)
	}
	return nil
}
