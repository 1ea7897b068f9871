package runtime

import (
	goruntime "runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestOrderFollowsEdges(t *testing.T) {
	tests := []struct {
		name  string
		n     int
		edges [][2]int
		// before lists pairs (a, b): a must be applied before b
		before [][2]int
	}{
		{"chain", 4, [][2]int{{0, 1}, {1, 2}, {2, 3}}, [][2]int{{0, 1}, {1, 2}, {2, 3}}},
		{"reversed declaration", 3, [][2]int{{2, 1}, {1, 0}}, [][2]int{{2, 1}, {1, 0}}},
		{"diamond", 4, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}}, [][2]int{{0, 1}, {0, 2}, {1, 3}, {2, 3}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &journal{}
			var rs []Res
			for i := 0; i < tc.n; i++ {
				rs = append(rs, newFake(j, string(rune('a'+i))))
			}
			e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf(rs, tc.edges...))
			waitConverged(t, e)
			for _, p := range tc.before {
				a, b := "apply "+rs[p[0]].Name(), "apply "+rs[p[1]].Name()
				ia, ib := j.index(a), j.index(b)
				if ia < 0 || ib < 0 || ia > ib {
					t.Errorf("want %q before %q, journal %v", a, b, j.list())
				}
			}
			for _, r := range rs {
				if n := j.count("apply " + r.Name()); n != 1 {
					t.Errorf("%s applied %d times, want 1", r.Name(), n)
				}
			}
		})
	}
}

func TestDriftOfParentRechecksChildrenInOrder(t *testing.T) {
	j := &journal{}
	a, b := newFake(j, "a"), newFake(j, "b")
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{a, b}, [2]int{0, 1}))
	waitConverged(t, e)
	b.drift() // a child's event backpokes its parent first
	eventually(t, "b re-applied", func() bool { return j.count("apply b") == 2 })
	if j.count("apply a") != 1 {
		t.Errorf("a was applied again: %v", j.list())
	}
	a.drift()
	eventually(t, "a re-applied", func() bool { return j.count("apply a") == 2 })
}

func TestIndependentBranchesRunConcurrently(t *testing.T) {
	j := &journal{}
	var inside sync.WaitGroup
	inside.Add(2)
	both := make(chan struct{})
	go func() { inside.Wait(); close(both) }()
	met := atomic.Int32{}
	hold := func() {
		inside.Done()
		select { // each waits for the other: only concurrent runs get through
		case <-both:
			met.Add(1)
		case <-time.After(5 * time.Second):
		}
	}
	a, b := newFake(j, "a"), newFake(j, "b")
	a.hold, b.hold = hold, hold
	// a and b are independent; c depends on both.
	c := newFake(j, "c")
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{a, b, c}, [2]int{0, 2}, [2]int{1, 2}))
	waitConverged(t, e)
	if met.Load() != 2 {
		t.Fatalf("the two branches did not run at the same time (%d met)", met.Load())
	}
	if j.index("apply c") < j.index("apply a") || j.index("apply c") < j.index("apply b") {
		t.Errorf("c ran before its prerequisites: %v", j.list())
	}
}

func TestCleanShutdown(t *testing.T) {
	before := goruntime.NumGoroutine()
	j := &journal{}
	var fs []*fake
	var rs []Res
	for i := 0; i < 50; i++ {
		f := newFake(j, string(rune('A'+i)))
		fs = append(fs, f)
		rs = append(rs, f)
	}
	e := New(Config{ConvergerTimeout: 0})
	if err := e.Commit(graphOf(rs, [2]int{0, 1}, [2]int{1, 2})); err != nil {
		t.Fatal(err)
	}
	waitConverged(t, e)
	if err := e.Close(); err != nil {
		t.Fatal(err)
	}
	for _, f := range fs {
		watches, _, closed := f.stats()
		if closed != 1 {
			t.Errorf("%s closed %d times", f.name, closed)
		}
		_ = watches
	}
	eventually(t, "watches cancelled", func() bool {
		for _, f := range fs {
			if w, _, _ := f.stats(); w != 0 {
				return false
			}
		}
		return true
	})
	eventually(t, "goroutines gone", func() bool { return goruntime.NumGoroutine() <= before })
	if err := e.Commit(graphOf(nil)); err != ErrClosed {
		t.Errorf("Commit after Close: %v, want ErrClosed", err)
	}
}

func TestPanicIsAResourceError(t *testing.T) {
	j := &journal{}
	a, b := newFake(j, "a"), newFake(j, "b")
	a.panicky = true
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{a, b}))
	waitConverged(t, e)
	err := e.Failures()["fake[a]"]
	if err == nil || !strings.Contains(err.Error(), "panicked") {
		t.Fatalf("want a panic reported as fake[a]'s error, got %v", e.Failures())
	}
	if j.count("apply b") != 1 {
		t.Errorf("the rest of the graph did not run: %v", j.list())
	}
}

// Startup must run each resource exactly once: no stale poke or late
// backpoke may send a second wave through a wide fan or a long chain.
func TestStartupRunsEachResourceOnce(t *testing.T) {
	for _, shape := range []string{"fan", "chain"} {
		t.Run(shape, func(t *testing.T) {
			const n = 3000
			e := startEngine(t, Config{ConvergerTimeout: 0}, benchGraph(n, shape))
			waitConverged(t, e)
			if steps := e.Stats().Steps.Load(); steps != n {
				t.Errorf("%d steps for %d resources", steps, n)
			}
			if c := e.Stats().CheckApply.Load(); c != n {
				t.Errorf("%d CheckApply for %d resources", c, n)
			}
		})
	}
}

// A child's event re-checks its prerequisites instead of trusting their
// cache: whatever moved the child may have moved them (a removed directory
// takes its files with it), and the child must not run against a stale one.
func TestChildEventRechecksAncestors(t *testing.T) {
	j := &journal{}
	a, b, c := newFake(j, "a"), newFake(j, "b"), newFake(j, "c")
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{a, b, c}, [2]int{0, 1}, [2]int{1, 2}))
	waitConverged(t, e)
	a.dirty.Store(true) // broken without telling anyone
	b.dirty.Store(true)
	c.drift() // only the leaf reports
	eventually(t, "the chain repaired top-down", func() bool { return j.count("apply c") == 2 })
	if j.count("apply a") != 2 || j.count("apply b") != 2 {
		t.Fatalf("ancestors not re-checked: %v", j.list())
	}
	all := j.list()
	last := func(s string) int {
		for i := len(all) - 1; i >= 0; i-- {
			if all[i] == s {
				return i
			}
		}
		return -1
	}
	if !(last("apply a") < last("apply b") && last("apply b") < last("apply c")) {
		t.Errorf("repairs out of order: %v", all)
	}
}

// A resource that failed gets one new attempt per change (an event from
// its watch), with a full retry budget, and the engine still converges.
func TestFailedResourceRetriesOnChange(t *testing.T) {
	j := &journal{}
	a, b := newFake(j, "a"), newFake(j, "b")
	a.failFirst.Store(1)
	e := startEngine(t, Config{ConvergerTimeout: 30 * time.Millisecond}, graphOf([]Res{a, b}, [2]int{0, 1}))
	waitConverged(t, e)
	if e.Failures()["fake[a]"] == nil || j.index("apply b") >= 0 {
		t.Fatalf("a did not fail, or its dependent ran: %v", j.list())
	}
	a.mu.Lock()
	sink := a.sink
	a.mu.Unlock()
	sink.Event() // the world changed: try again
	eventually(t, "a recovered and b ran", func() bool { return j.count("apply a") == 1 && j.count("apply b") == 1 })
	waitConverged(t, e)
	if len(e.Failures()) != 0 {
		t.Errorf("failures after recovery: %v", e.Failures())
	}
	// A failure that persists is attempted once per change, then settles.
	a.failFirst.Store(1 << 20)
	a.drift()
	eventually(t, "a failed again", func() bool { return e.Failures()["fake[a]"] != nil })
	n := j.count("fail a")
	waitConverged(t, e)
	if got := j.count("fail a"); got != n {
		t.Errorf("a failed resource was retried without a change (%d -> %d attempts)", n, got)
	}
}
