package runtime

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// exportSpy is an Exporter that records what it was given.
type exportSpy struct {
	mu    sync.Mutex
	calls map[string][]string
	err   error
}

func (x *exportSpy) Export(_ context.Context, res Res, hosts []string) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	x.calls[ID(res)] = hosts
	return x.err
}

func TestSendRecvCopiesAndRechecks(t *testing.T) {
	j := &journal{}
	s := sendFake{newFake(j, "sender")}
	s.param = "hello"
	r := recvFake{newFake(j, "receiver")}
	g := graphOf([]Res{s, r})
	g.Nodes[1].Recv = map[string]SendRef{"param": {From: 0, Key: "out"}}
	e := startEngine(t, Config{ConvergerTimeout: 0}, g)
	waitConverged(t, e)
	if r.param != "hello" {
		t.Fatalf("receiver param = %q, want the sent %q", r.param, "hello")
	}
	if j.index("recv receiver hello") > j.index("apply receiver") {
		t.Errorf("the receiver was applied before it received: %v", j.list())
	}
	// The receiver is in its good state; a new sent value makes it dirty
	// even though nothing happened to it.
	r.dirty.Store(false)
	s.mu.Lock()
	s.param = "world"
	s.mu.Unlock()
	s.drift()
	eventually(t, "receiver rechecked", func() bool { return j.index("recv receiver world") >= 0 && j.count("apply receiver") == 2 })
}

func TestSendRecvImpliesAnEdge(t *testing.T) {
	j := &journal{}
	s, r := sendFake{newFake(j, "s")}, recvFake{newFake(j, "r")}
	g := graphOf([]Res{r, s}) // the receiver first, and no declared edge
	g.Nodes[0].Recv = map[string]SendRef{"param": {From: 1, Key: "out"}}
	p, err := Prepare(g, PrepareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Edges) != 1 || p.Edges[0].From != 1 || p.Edges[0].To != 0 {
		t.Fatalf("edges %+v, want s -> r", p.Edges)
	}
}

func TestRecvFromNonSenderIsRejected(t *testing.T) {
	j := &journal{}
	g := graphOf([]Res{newFake(j, "plain"), recvFake{newFake(j, "r")}})
	g.Nodes[1].Recv = map[string]SendRef{"param": {From: 0, Key: "out"}}
	if err := g.Check(); err == nil || !strings.Contains(err.Error(), "sends nothing") {
		t.Fatalf("got %v", err)
	}
}

func TestNotifyRefreshes(t *testing.T) {
	tests := []struct {
		name        string
		notify      bool
		parentDirty bool
		wantRefresh bool
	}{
		{"change over a notify edge", true, true, true},
		{"no change, no refresh", true, false, false},
		{"change over a plain edge", false, true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			j := &journal{}
			a := newFake(j, "a")
			a.dirty.Store(tc.parentDirty)
			b := refreshFake{newFake(j, "b")}
			b.dirty.Store(false)
			g := graphOf([]Res{a, b})
			g.AddEdge(0, 1, tc.notify)
			e := startEngine(t, Config{ConvergerTimeout: 0}, g)
			waitConverged(t, e)
			got := j.index("refresh b") >= 0
			if got != tc.wantRefresh {
				t.Fatalf("refreshed = %v, want %v: %v", got, tc.wantRefresh, j.list())
			}
			if tc.wantRefresh && j.count("apply b") != 1 {
				t.Errorf("a refreshed b whose state was good must still run: %v", j.list())
			}
		})
	}
}

func TestAutoEdges(t *testing.T) {
	j := &journal{}
	dir := edgeFake{fake: newFake(j, "/a/")}
	sub := edgeFake{fake: newFake(j, "/a/b/"), parents: []string{"/a/", "/"}}
	file := edgeFake{fake: newFake(j, "/a/b/c"), parents: []string{"/a/b/", "/a/", "/"}}
	other := edgeFake{fake: newFake(j, "/x/y"), parents: []string{"/x/", "/"}}
	g := graphOf([]Res{file, other, sub, dir})
	p, err := Prepare(g, PrepareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := edgeNames(p)
	want := "/a/->/a/b/ /a/b/->/a/b/c"
	if got != want {
		t.Errorf("autoedges %q, want %q (the nearest parent only)", got, want)
	}
	if p, _ := Prepare(g, PrepareOptions{NoAutoEdges: true}); len(p.Edges) != 0 {
		t.Errorf("--no-autoedges still added %v", edgeNames(p))
	}
	g.Nodes[0].Meta.AutoEdge = false
	p, _ = Prepare(g, PrepareOptions{})
	if got := edgeNames(p); got != "/a/->/a/b/" {
		t.Errorf("Meta:autoedge false still linked the file: %q", got)
	}
}

func TestAutoEdgeNeverClosesACycle(t *testing.T) {
	j := &journal{}
	dir := edgeFake{fake: newFake(j, "/a/")}
	file := edgeFake{fake: newFake(j, "/a/f"), parents: []string{"/a/"}}
	g := graphOf([]Res{dir, file})
	g.AddEdge(1, 0, false) // the user put the file first
	p, err := Prepare(g, PrepareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := edgeNames(p); got != "/a/f->/a/" {
		t.Errorf("edges %q", got)
	}
}

func edgeNames(g *Graph) string {
	var out []string
	for _, e := range g.Edges {
		out = append(out, g.Nodes[e.From].Res.Name()+"->"+g.Nodes[e.To].Res.Name())
	}
	sortStrings(out)
	return strings.Join(out, " ")
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for k := i; k > 0 && s[k] < s[k-1]; k-- {
			s[k], s[k-1] = s[k-1], s[k]
		}
	}
}

func TestAutoGroup(t *testing.T) {
	j := &journal{}
	mk := func(name string) *groupFake { return &groupFake{fake: newFake(j, name)} }
	a, b, c, d := mk("a"), mk("b"), mk("c"), mk("d")
	plain := newFake(j, "plain")
	// c -> plain -> d: c and d cannot merge (a path joins them).
	g := graphOf([]Res{a, b, c, d, plain}, [2]int{2, 4}, [2]int{4, 3})
	p, err := Prepare(g, PrepareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Nodes) != 3 {
		t.Fatalf("%d nodes after grouping, want 3 (a+b+c, d, plain)", len(p.Nodes))
	}
	if len(a.children) != 2 || a.children[0] != b || a.children[1] != c {
		t.Errorf("a's group = %v, want [b c]", a.children)
	}
	if got := edgeNames(p); got != "a->plain plain->d" {
		t.Errorf("edges %q: c's edge must move to its group", got)
	}
	// Different metaparams, or autogroup off, keep resources apart.
	a.children = nil
	g2 := graphOf([]Res{a, b})
	g2.Nodes[1].Meta.Noop = true
	if p, _ := Prepare(g2, PrepareOptions{}); len(p.Nodes) != 2 {
		t.Errorf("resources with different metaparams were grouped")
	}
	g3 := graphOf([]Res{a, b})
	if p, _ := Prepare(g3, PrepareOptions{NoAutoGroup: true}); len(p.Nodes) != 2 {
		t.Errorf("--no-autogroup still grouped")
	}
	g3.Nodes[0].Meta.AutoGroup = false
	if p, _ := Prepare(g3, PrepareOptions{}); len(p.Nodes) != 2 {
		t.Errorf("Meta:autogroup false still grouped")
	}
}

func TestCheckRejects(t *testing.T) {
	j := &journal{}
	tests := []struct {
		name  string
		graph func() *Graph
		want  string
	}{
		{"duplicate", func() *Graph {
			g := graphOf([]Res{newFake(j, "a"), newFake(j, "a")})
			g.Nodes[0].Pos, g.Nodes[1].Pos = "g.yaml:3:5", "g.yaml:9:5"
			return g
		}, "g.yaml:9:5: fake[a]: duplicate resource (first declared at g.yaml:3:5)"},
		{"cycle", func() *Graph {
			return graphOf([]Res{newFake(j, "a"), newFake(j, "b"), newFake(j, "c")}, [2]int{0, 1}, [2]int{1, 2}, [2]int{2, 0})
		}, "the graph has a cycle: fake[a] -> fake[b] -> fake[c] -> fake[a]"},
		{"self edge", func() *Graph { return graphOf([]Res{newFake(j, "a")}, [2]int{0, 0}) }, "edge to itself"},
		{"bad sema", func() *Graph {
			g := graphOf([]Res{newFake(j, "a")})
			g.Nodes[0].Meta.Sema = []string{"x:0"}
			return g
		}, `meta sema "x:0"`},
		{"empty name", func() *Graph { return graphOf([]Res{newFake(j, "")}) }, "empty name"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.graph().Check()
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
	// Hidden resources may share a visible resource's name.
	g := graphOf([]Res{newFake(j, "a"), newFake(j, "a")})
	g.Nodes[1].Meta.Hidden = true
	if err := g.Check(); err != nil {
		t.Errorf("a hidden duplicate was rejected: %v", err)
	}
}
