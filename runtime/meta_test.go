package runtime

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestRetryAndDelay(t *testing.T) {
	tests := []struct {
		name      string
		failFirst int32
		retry     int
		wantFail  bool
	}{
		{"recovers within its retries", 2, 2, false},
		{"forever recovers", 3, -1, false},
		{"runs out of retries", 2, 1, true},
		{"no retries", 1, 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &journal{}
			a, child := newFake(j, "a"), newFake(j, "child")
			a.failFirst.Store(tc.failFirst)
			var times []time.Time
			var mu sync.Mutex
			a.hold = func() { mu.Lock(); times = append(times, time.Now()); mu.Unlock() }
			g := graphOf([]Res{a, child}, [2]int{0, 1})
			g.Nodes[0].Meta.Retry = tc.retry
			g.Nodes[0].Meta.Delay = 30
			e := startEngine(t, Config{ConvergerTimeout: 0}, g)
			waitConverged(t, e)
			failed := e.Failures()["fake[a]"] != nil
			if failed != tc.wantFail {
				t.Fatalf("failed = %v, want %v (journal %v)", failed, tc.wantFail, j.list())
			}
			if tc.wantFail {
				if want := tc.retry + 1; j.count("fail a") != want {
					t.Errorf("%d attempts, want %d", j.count("fail a"), want)
				}
				if j.index("apply child") >= 0 {
					t.Errorf("the dependent of a failed resource ran: %v", j.list())
				}
				return
			}
			if j.count("apply a") != 1 || j.count("apply child") != 1 {
				t.Errorf("journal %v", j.list())
			}
			mu.Lock()
			defer mu.Unlock()
			for i := 1; i < len(times); i++ {
				if gap := times[i].Sub(times[i-1]); gap < 30*time.Millisecond {
					t.Errorf("retry %d came %v after the last, before the 30ms delay", i, gap)
				}
			}
		})
	}
}

func TestRetryReset(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	a.failFirst.Store(1)
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Retry = 1
	g.Nodes[0].Meta.RetryReset = true
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	// The budget was spent and restored: a second failure is retried too.
	a.failFirst.Store(1)
	a.drift()
	eventually(t, "a applied twice", func() bool { return j.count("apply a") == 2 })
	if len(e.Failures()) != 0 {
		t.Errorf("with retryreset the second failure was fatal: %v", e.Failures())
	}
}

func TestPollChecksWithoutWatching(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Poll = 1
	startEngine(t, Config{ConvergerTimeout: -1}, g)
	eventually(t, "two polls after the first apply", func() bool { return j.count("check a") >= 2 })
	if _, watched, _ := a.stats(); watched != 0 {
		t.Errorf("a polled resource was watched %d times", watched)
	}
}

func TestPollOnce(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Poll = -1
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	if _, watched, _ := a.stats(); watched != 0 || j.count("apply a") != 1 {
		t.Errorf("watched %d, journal %v", watched, j.list())
	}
}

func TestSemaLimitsConcurrency(t *testing.T) {
	tests := []struct {
		name   string
		sema   []string
		global int
		want   int32
	}{
		{"meta sema of two", []string{"lock:2"}, 0, 2},
		{"meta sema of one", []string{"lock"}, 0, 1},
		{"global --sema 1", nil, 1, 1},
		{"both, the tighter wins", []string{"lock:3"}, 2, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &journal{}
			var now, peak atomic.Int32
			hold := func() {
				n := now.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				time.Sleep(20 * time.Millisecond)
				now.Add(-1)
			}
			var rs []Res
			for i := 0; i < 8; i++ {
				f := newFake(j, string(rune('a'+i)))
				f.hold = hold
				rs = append(rs, f)
			}
			g := graphOf(rs)
			for _, n := range g.Nodes {
				n.Meta.Sema = tc.sema
			}
			e := startEngine(t, Config{ConvergerTimeout: 0, Sema: tc.global}, g)
			waitConverged(t, e)
			if peak.Load() != tc.want {
				t.Errorf("at most %d ran at once, want %d", peak.Load(), tc.want)
			}
		})
	}
}

func TestLimitSpacesEventDrivenRuns(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	var mu sync.Mutex
	var times []time.Time
	a.hold = func() { mu.Lock(); times = append(times, time.Now()); mu.Unlock() }
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Limit = 10 // per second
	g.Nodes[0].Meta.Burst = 1
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	for i := 2; i <= 4; i++ {
		a.drift()
		eventually(t, "apply", func() bool { return j.count("apply a") == i })
	}
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < len(times); i++ {
		if gap := times[i].Sub(times[i-1]); gap < 80*time.Millisecond {
			t.Errorf("runs %d and %d are %v apart; the limit of 10/s allows one per 100ms", i-1, i, gap)
		}
	}
}

func TestLimitNeedsBurst(t *testing.T) {
	g := graphOf([]Res{newFake(&journal{}, "a")})
	g.Nodes[0].Meta.Limit = 1
	if err := g.Check(); err == nil || !strings.Contains(err.Error(), "burst") {
		t.Fatalf("a finite limit with no burst: %v", err)
	}
}

func TestNoopNeverApplies(t *testing.T) {
	for _, global := range []bool{false, true} {
		j := &journal{}
		a, b := newFake(j, "a"), newFake(j, "b")
		g := graphOf([]Res{a, b}, [2]int{0, 1})
		g.Nodes[0].Meta.Noop = !global
		g.Nodes[1].Meta.Noop = !global
		e := startEngine(t, Config{ConvergerTimeout: 0, Noop: global}, g)
		waitConverged(t, e)
		a.drift()
		eventually(t, "a checked again", func() bool { return j.count("noop a") == 2 })
		for _, f := range []*fake{a, b} {
			f.mu.Lock()
			for _, apply := range f.applyArg {
				if apply {
					t.Errorf("global=%v: %s was asked to apply", global, f.name)
				}
			}
			f.mu.Unlock()
			if !f.dirty.Load() {
				t.Errorf("global=%v: %s changed under noop", global, f.name)
			}
		}
	}
}

func TestTimeoutCancelsCheckApply(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	a.hold = func() { time.Sleep(200 * time.Millisecond) }
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Timeout = 20
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	if err := e.Failures()["fake[a]"]; err == nil || !strings.Contains(err.Error(), "timed out") {
		t.Fatalf("want a timeout error, got %v", err)
	}
}

func TestHiddenIsNotRun(t *testing.T) {
	j := &journal{}
	a, b := newFake(j, "a"), newFake(j, "b")
	g := graphOf([]Res{a, b}, [2]int{0, 1})
	g.Nodes[0].Meta.Hidden = true
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	if _, watched, _ := a.stats(); watched != 0 || j.index("apply a") >= 0 {
		t.Errorf("hidden a was run: watched %d, %v", watched, j.list())
	}
	if j.count("apply b") != 1 {
		t.Errorf("b, after a hidden prerequisite, did not run: %v", j.list())
	}
}

func TestDollarNames(t *testing.T) {
	g := graphOf([]Res{newFake(&journal{}, "$x")})
	if err := g.Check(); err == nil || !strings.Contains(err.Error(), "Meta:dollar") {
		t.Fatalf("a $ name without Meta:dollar: %v", err)
	}
	g.Nodes[0].Meta.Dollar = true
	if err := g.Check(); err != nil {
		t.Fatalf("with Meta:dollar: %v", err)
	}
}

func TestExportIsHandedToTheExporter(t *testing.T) {
	j := &journal{}
	x := &exportSpy{calls: map[string][]string{}}
	a, b := newFake(j, "a"), newFake(j, "b")
	g := graphOf([]Res{a, b})
	g.Nodes[0].Meta.Export = []string{"h1", "*"}
	e := startEngine(t, Config{ConvergerTimeout: 0, Exporter: x}, g)
	waitConverged(t, e)
	x.mu.Lock()
	defer x.mu.Unlock()
	if got := strings.Join(x.calls["fake[a]"], ","); got != "h1,*" {
		t.Errorf("exported a to %q", got)
	}
	if _, ok := x.calls["fake[b]"]; ok {
		t.Errorf("b has no Meta:export but was exported")
	}
}

func TestExportErrorIsAResourceError(t *testing.T) {
	x := &exportSpy{calls: map[string][]string{}, err: errors.New("etcd down")}
	g := graphOf([]Res{newFake(&journal{}, "a")})
	g.Nodes[0].Meta.Export = []string{"*"}
	e := startEngine(t, Config{ConvergerTimeout: 0, Exporter: x}, g)
	waitConverged(t, e)
	if err := e.Failures()["fake[a]"]; err == nil || !strings.Contains(err.Error(), "etcd down") {
		t.Errorf("export failure not reported: %v", err)
	}
}
