package runtime

import (
	"testing"
	"time"
)

func TestConvergedWaitsForTheFirstGraphAndBuilds(t *testing.T) {
	e := New(Config{ConvergerTimeout: 20 * time.Millisecond})
	defer e.Close()
	// Compiling takes longer than the timeout: that is not idleness.
	time.Sleep(60 * time.Millisecond)
	select {
	case <-e.Converged():
		t.Fatal("converged before any graph was committed")
	default:
	}
	j := &journal{}
	a := newFake(j, "a")
	if err := e.Commit(graphOf([]Res{a})); err != nil {
		t.Fatal(err)
	}
	waitConverged(t, e)
	if j.count("apply a") != 1 {
		t.Fatalf("converged without applying: %v", j.list())
	}
	// A rebuild in progress holds convergence off too.
	e.BeginBuild()
	time.Sleep(60 * time.Millisecond)
	select {
	case <-e.Converged():
		t.Fatal("converged while a graph was being built")
	default:
	}
	e.EndBuild()
	waitConverged(t, e)
}

func TestConvergedIgnoresCachedPolls(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Poll = 1 // polls every second, finds nothing to do
	e := startEngine(t, Config{ConvergerTimeout: 1500 * time.Millisecond}, g)
	waitConverged(t, e)
	if j.count("check a") < 1 {
		t.Errorf("converged before a poll happened: %v", j.list())
	}
}

func TestConvergenceNeedsEveryResource(t *testing.T) {
	j := &journal{}
	a := newFake(j, "a")
	a.failFirst.Store(1 << 20)
	g := graphOf([]Res{a})
	g.Nodes[0].Meta.Retry = -1
	g.Nodes[0].Meta.Delay = 5
	e := startEngine(t, Config{ConvergerTimeout: 10 * time.Millisecond}, g)
	select {
	case <-e.Converged():
		t.Fatal("converged while a resource keeps failing")
	case <-time.After(200 * time.Millisecond):
	}
}
