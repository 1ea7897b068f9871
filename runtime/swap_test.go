package runtime

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

func TestSwapKeepsUnchangedAndCleansRemoved(t *testing.T) {
	j := &journal{}
	keep, drop := newFake(j, "keep"), newFake(j, "drop")
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{keep, drop}, [2]int{0, 1}))
	waitConverged(t, e)

	// The new graph has an equal "keep", a changed "drop" is gone, and "new" arrives.
	keep2, added := newFake(j, "keep"), newFake(j, "new")
	if err := e.Commit(graphOf([]Res{keep2, added}, [2]int{0, 1})); err != nil {
		t.Fatal(err)
	}
	waitConverged(t, e)
	if w, watched, closed := keep.stats(); w != 1 || watched != 1 || closed != 0 {
		t.Errorf("kept resource: %d active watches, %d Watch calls, %d closes; want 1, 1, 0", w, watched, closed)
	}
	if _, watched, _ := keep2.stats(); watched != 0 {
		t.Errorf("the replacement of an unchanged resource was started")
	}
	if j.count("apply keep") != 1 {
		t.Errorf("the kept resource was applied again: %v", j.list())
	}
	eventually(t, "removed resource's watch cancelled", func() bool { w, _, _ := drop.stats(); return w == 0 })
	if _, _, closed := drop.stats(); closed != 1 {
		t.Errorf("removed resource closed %d times", closed)
	}
	if j.count("apply new") != 1 {
		t.Errorf("the added resource did not run: %v", j.list())
	}
	// The kept watch still drives the kept resource.
	keep.drift()
	eventually(t, "kept resource reacts", func() bool { return j.count("apply keep") == 2 })
	if e.Len() != 2 {
		t.Errorf("%d vertices running, want 2", e.Len())
	}
}

func TestSwapReplacesChangedParamsAndMeta(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{a}))
	waitConverged(t, e)
	changed := newFake(j, "a")
	changed.param = "different"
	if err := e.Commit(graphOf([]Res{changed})); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the changed resource applied", func() bool { return j.count("apply a") == 2 })
	if _, _, closed := a.stats(); closed != 1 {
		t.Errorf("old version closed %d times", closed)
	}
	same := newFake(j, "a")
	same.param = "different"
	g := graphOf([]Res{same})
	g.Nodes[0].Meta.Noop = true
	if err := e.Commit(g); err != nil {
		t.Fatal(err)
	}
	eventually(t, "metaparam change replaces", func() bool { _, w, _ := same.stats(); return w == 1 })
}

func TestBadGraphLeavesTheRunningOne(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{a}))
	waitConverged(t, e)
	bad := graphOf([]Res{newFake(j, "x"), newFake(j, "y")}, [2]int{0, 1}, [2]int{1, 0})
	if err := e.Commit(bad); !errors.Is(err, ErrCycle) {
		t.Fatalf("Commit of a cycle: %v", err)
	}
	if w, _, closed := a.stats(); w != 1 || closed != 0 || e.Len() != 1 {
		t.Errorf("a rejected graph disturbed the running one")
	}
}

func TestReverseOnRemoval(t *testing.T) {
	j := &journal{}
	a := revFake{newFake(j, "a")}
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Reverse = true
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	if err := e.Commit(graphOf(nil)); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the reversal ran", func() bool { return j.count("apply a-reversed") == 1 })
}

// revFake reverses into a fake named NAME-reversed.
type revFake struct{ *fake }

func (r revFake) Reversed() (Res, error) { return newFake(r.j, r.name+"-reversed"), nil }

func TestRealizeRunsOnceBeforeRemoval(t *testing.T) {
	j := &journal{}
	blocker := newFake(j, "blocker")
	blocker.failFirst.Store(1000)
	a := newFake(j, "a")
	g := graphOf([]Res{blocker, a}, [2]int{0, 1}) // a never gets to run
	g.Nodes[0].Meta.Retry = -1
	g.Nodes[0].Meta.Delay = 50
	g.Nodes[1].Meta.Realize = true
	e := startEngine(t, Config{ConvergerTimeout: -1}, g)
	eventually(t, "the blocker failed", func() bool { return j.count("fail blocker") > 0 })
	if err := e.Commit(graphOf(nil)); err != nil {
		t.Fatal(err)
	}
	if j.count("apply a") != 1 {
		t.Errorf("Meta:realize did not run a before removal: %v", j.list())
	}
}

func TestWatchFailureRetriesThenRewatch(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	a.watchErr = errors.New("no inotify")
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Retry = 1
	g.Nodes[0].Meta.Rewatch = true
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	if e.Failures()["fake[a]"] == nil {
		t.Fatal("a watch that always fails did not fail the resource")
	}
	// The same resource again: Meta:rewatch replaces the failed watch.
	a2 := newFake(j, "a")
	g2 := graphOf([]Res{a2})
	g2.Nodes[0].Meta.Retry = 1
	g2.Nodes[0].Meta.Rewatch = true
	if err := e.Commit(g2); err != nil {
		t.Fatal(err)
	}
	eventually(t, "rewatched", func() bool { return j.count("apply a") == 1 })
	if len(e.Failures()) != 0 {
		t.Errorf("failures after rewatch: %v", e.Failures())
	}
}

func TestWatchFailureRecovers(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Retry = 2
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	a.mu.Lock()
	sink := a.sink
	a.mu.Unlock()
	sink.Fail(errors.New("lost the watch"))
	eventually(t, "watched again", func() bool { _, n, _ := a.stats(); return n == 2 })
	a.drift() // through the new watch
	eventually(t, "reacts after rewatch", func() bool { return j.count("apply a") == 2 })
	n := len(j.list())
	sink.Event() // the broken watch's sink is dead
	time.Sleep(50 * time.Millisecond)
	if len(j.list()) != n {
		t.Errorf("an event from a replaced watch was delivered: %v", j.list())
	}
}

func TestRetryBudgetSurvivesChangeUnlessReset(t *testing.T) {
	for _, reset := range []bool{false, true} {
		j := &journal{}
		a := newFake(j, "a")
		a.failFirst.Store(1)
		g := graphOf([]Res{a})
		g.Nodes[0].Meta.Retry = 1
		g.Nodes[0].Meta.Reset = reset
		e := startEngine(t, Config{ConvergerTimeout: 0}, g)
		waitConverged(t, e) // one failure spent the only retry
		b := newFake(j, "a")
		b.param = "changed"
		b.failFirst.Store(1)
		g2 := graphOf([]Res{b})
		g2.Nodes[0].Meta.Retry = 1
		g2.Nodes[0].Meta.Reset = reset
		if err := e.Commit(g2); err != nil {
			t.Fatal(err)
		}
		waitConverged(t, e)
		failed := e.Failures()["fake[a]"] != nil
		if failed == reset {
			t.Errorf("reset=%v: failed=%v; the budget must carry over only without reset", reset, failed)
		}
	}
}

// journaledFake is a fake that journals when its watch starts, when its
// watch context ends and when it is closed.
type journaledFake struct{ *fake }

func (f journaledFake) Watch(ctx context.Context, ev hostabi.Events) error {
	f.j.add("watch " + f.param)
	context.AfterFunc(ctx, func() { f.j.add("unwatch " + f.param) })
	return f.fake.Watch(ctx, ev)
}

func (f journaledFake) Close() error {
	f.j.add("close " + f.param)
	return f.fake.Close()
}

func (f journaledFake) Equal(o hostabi.Resource) bool {
	g, ok := o.(journaledFake)
	return ok && f.fake.Equal(g.fake)
}

// A resource that replaces another starts watching before the old one's
// watch ends and before the old one is closed: host watches on the same
// path are taken over, never dropped and set again, and no change between
// the two goes unwatched.
func TestReplacementWatchesBeforeTheOldCloses(t *testing.T) {
	j := &journal{}
	old := journaledFake{newFake(j, "a")}
	old.param = "old"
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf([]Res{old}))
	waitConverged(t, e)
	repl := journaledFake{newFake(j, "a")}
	repl.param = "new"
	if err := e.Commit(graphOf([]Res{repl})); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the old watch ended", func() bool { return j.index("unwatch old") >= 0 })
	w, u, c := j.index("watch new"), j.index("unwatch old"), j.index("close old")
	if w < 0 || c < 0 || w > u || w > c {
		t.Errorf("journal %q: want watch new before unwatch old and close old", j.list())
	}
}
