package runtime

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// recorder is an Observer that keeps what it was told.
type recorder struct {
	mu    sync.Mutex
	calls []string
}

func (r *recorder) ObserveCheckApply(kind string, apply, checkOK bool, err error, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if d < 0 {
		r.calls = append(r.calls, "negative duration")
	}
	r.calls = append(r.calls, fmt.Sprintf("%s apply=%v ok=%v err=%v", kind, apply, checkOK, err != nil))
}

func (r *recorder) count(s string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, c := range r.calls {
		if c == s {
			n++
		}
	}
	return n
}

func (r *recorder) len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.calls)
}

func TestObserverSeesEveryCheckApply(t *testing.T) {
	j := &journal{}
	a, b := newFake(j, "a"), newFake(j, "b")
	b.kind = "other"
	b.failFirst.Store(1)
	g := graphOf([]Res{a, b})
	g.Nodes[1].Meta.Retry = 1
	rec := &recorder{}
	e := startEngine(t, Config{ConvergerTimeout: 0, Observer: rec}, g)
	waitConverged(t, e)
	for _, want := range []struct {
		call string
		n    int
	}{
		{"fake apply=true ok=false err=false", 1},
		{"other apply=true ok=false err=true", 1},
		{"other apply=true ok=false err=false", 1},
		{"negative duration", 0},
	} {
		if got := rec.count(want.call); got != want.n {
			t.Errorf("%q observed %d times, want %d: %v", want.call, got, want.n, rec.calls)
		}
	}
	if got, want := int64(rec.len()), e.Stats().CheckApply.Load(); got != want {
		t.Errorf("observed %d CheckApply, the engine counted %d", got, want)
	}
	a.drift()
	eventually(t, "a checked again", func() bool { return rec.count("fake apply=true ok=false err=false") == 2 })
}

func TestObserverSeesChecksUnderNoop(t *testing.T) {
	j := &journal{}
	rec := &recorder{}
	e := startEngine(t, Config{ConvergerTimeout: 0, Noop: true, Observer: rec}, graphOf([]Res{newFake(j, "a")}))
	waitConverged(t, e)
	if n := rec.count("fake apply=false ok=false err=false"); n != 1 {
		t.Errorf("a noop check observed %d times: %v", n, rec.calls)
	}
}
