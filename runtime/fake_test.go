package runtime

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// journal records what fake resources were asked to do, in order.
type journal struct {
	mu      sync.Mutex
	entries []string
}

func (j *journal) add(s string) {
	j.mu.Lock()
	j.entries = append(j.entries, s)
	j.mu.Unlock()
}

func (j *journal) list() []string {
	j.mu.Lock()
	defer j.mu.Unlock()
	return append([]string(nil), j.entries...)
}

// index returns the position of the first entry equal to s, or -1.
func (j *journal) index(s string) int {
	for i, e := range j.list() {
		if e == s {
			return i
		}
	}
	return -1
}

func (j *journal) count(s string) int {
	n := 0
	for _, e := range j.list() {
		if e == s {
			n++
		}
	}
	return n
}

// fake is a resource whose state is a flag: dirty until applied. It journals
// "apply NAME" when it changes something and "check NAME" when it only looks.
type fake struct {
	kind, name, param string
	j                 *journal

	dirty     atomic.Bool
	failFirst atomic.Int32 // CheckApply errors this many times first
	watchErr  error        // Watch returns it
	hold      func()       // called inside CheckApply
	panicky   bool

	mu       sync.Mutex
	sink     hostabi.Events
	watches  int // active watches
	watched  int // Watch calls
	closed   int
	refresh  bool
	applyArg []bool
}

func newFake(j *journal, name string) *fake {
	f := &fake{kind: "fake", name: name, j: j}
	f.dirty.Store(true)
	return f
}

func (f *fake) Kind() string    { return f.kind }
func (f *fake) Name() string    { return f.name }
func (f *fake) Validate() error { return nil }

func (f *fake) Watch(ctx context.Context, ev hostabi.Events) error {
	if f.watchErr != nil {
		return f.watchErr
	}
	f.mu.Lock()
	f.sink = ev
	f.watches++
	f.watched++
	f.mu.Unlock()
	go func() {
		<-ctx.Done()
		f.mu.Lock()
		f.watches--
		f.mu.Unlock()
	}()
	return nil
}

func (f *fake) CheckApply(ctx context.Context, apply bool) (bool, error) {
	f.mu.Lock()
	f.applyArg = append(f.applyArg, apply)
	f.mu.Unlock()
	if f.panicky {
		panic("fake panic")
	}
	if f.hold != nil {
		f.hold()
	}
	if f.failFirst.Load() > 0 {
		f.failFirst.Add(-1)
		f.j.add("fail " + f.name)
		return false, errors.New("injected failure")
	}
	if !f.dirty.Load() && !f.refreshPending() {
		f.j.add("check " + f.name)
		return true, nil
	}
	if !apply {
		f.j.add("noop " + f.name)
		return false, nil
	}
	f.dirty.Store(false)
	f.j.add("apply " + f.name)
	return false, nil
}

func (f *fake) refreshPending() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.refresh
}

func (f *fake) Close() error {
	f.mu.Lock()
	f.closed++
	f.mu.Unlock()
	return nil
}

func (f *fake) Equal(o hostabi.Resource) bool {
	g, ok := o.(*fake)
	return ok && g.kind == f.kind && g.name == f.name && g.param == f.param
}

// drift makes the fake's state wrong and tells the engine.
func (f *fake) drift() {
	f.dirty.Store(true)
	f.mu.Lock()
	sink := f.sink
	f.mu.Unlock()
	sink.Event()
}

func (f *fake) stats() (watches, watched, closed int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.watches, f.watched, f.closed
}

// refreshFake is a fake that records refresh notifications.
type refreshFake struct{ *fake }

func (r refreshFake) SetRefresh(b bool) {
	r.mu.Lock()
	r.refresh = b
	r.mu.Unlock()
	if b {
		r.j.add("refresh " + r.name)
	}
}

// sendFake sends its param as "out".
type sendFake struct{ *fake }

func (s sendFake) Sends() map[string]hostabi.Value {
	s.mu.Lock()
	defer s.mu.Unlock()
	return map[string]hostabi.Value{"out": hostabi.StrValue(s.param)}
}

// recvFake receives into its param.
type recvFake struct{ *fake }

func (r recvFake) Recv(field string, v hostabi.Value) (bool, error) {
	if field != "param" {
		return false, fmt.Errorf("no param %q", field)
	}
	s := string(v.(hostabi.StrValue))
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.param == s {
		return false, nil
	}
	r.param = s
	r.dirty.Store(true) // the state no longer matches the new param
	r.j.add("recv " + r.name + " " + s)
	return true, nil
}

// groupFake groups with any other groupFake of the same kind.
type groupFake struct {
	*fake
	children []hostabi.Resource
}

func (g *groupFake) GroupCmp(o hostabi.Resource) bool { _, ok := o.(*groupFake); return ok }
func (g *groupFake) SetGroup(c []hostabi.Resource)    { g.children = c }
func (g *groupFake) Equal(o hostabi.Resource) bool {
	h, ok := o.(*groupFake)
	return ok && g.fake.Equal(h.fake)
}

// edgeFake manages the UID {path, name} and wants edges from the owners of
// its parent paths.
type edgeFake struct {
	*fake
	parents []string
}

func (e edgeFake) UIDs() []hostabi.UID { return []hostabi.UID{{Kind: "path", Key: e.name}} }
func (e edgeFake) AutoEdges() [][]hostabi.UID {
	var g []hostabi.UID
	for _, p := range e.parents {
		g = append(g, hostabi.UID{Kind: "path", Key: p})
	}
	return [][]hostabi.UID{g}
}

// graphOf builds a graph of resources with default metaparams and the given
// edges between them (by index).
func graphOf(rs []Res, edges ...[2]int) *Graph {
	g := &Graph{}
	for _, r := range rs {
		g.Add(&Node{Res: r, Meta: DefaultMeta()})
	}
	for _, e := range edges {
		g.AddEdge(e[0], e[1], false)
	}
	return g
}

// startEngine commits g to a new engine that is closed when the test ends.
func startEngine(t *testing.T, cfg Config, g *Graph) *Engine {
	t.Helper()
	e := New(cfg)
	t.Cleanup(func() { e.Close() })
	if err := e.Commit(g); err != nil {
		t.Fatalf("Commit: %v", err)
	}
	return e
}

// eventually waits (up to a generous bound) for cond; the bound is not a
// performance assertion, it only keeps a broken engine from hanging.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitConverged waits for the engine's converged signal.
func waitConverged(t *testing.T, e *Engine) {
	t.Helper()
	select {
	case <-e.Converged():
	case <-time.After(10 * time.Second):
		t.Fatal("the engine never converged")
	}
}
