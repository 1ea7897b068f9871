package yamlgraph

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/runtime"
)

const file = "test.yaml"

// validDoc exercises every feature; the line numbers matter to the test.
const validDoc = `---
graph: mygraph
comment: a test graph
collect: ignored
remote: ignored
resources:
  file:
  - name: file1
    path: "/tmp/mgmt/f1"
    content: |
      i am f1
    state: exists
    meta:
      noop: true
      retry: 3
      sema: ["lock:2"]
      limit: 0.5
      burst: 1
  - name: file2
    path: /tmp/mgmt/f2
  - name: file2
    meta: {hidden: true, delay: 100}
  exec:
  - name: e
    cmd: echo hi
    args: [a, b]
    timeout: 5
    env: {A: "1"}
    codes: {0: ok, 1: bad}
  "http:server":
  - name: srv
    meta:
      limit: 2
      burst: 3
      export: ["*"]
edges:
- name: e1
  from: {kind: file, name: file1}
  to: {kind: file, name: file2}
  notify: true
- from: {kind: exec, name: e, send: output}
  to: {kind: file, name: file2, recv: content}
`

// anchorDoc shares params and metaparams with anchors, aliases, merge keys
// and tags.
const anchorDoc = `graph: anchors
resources:
  file:
  - &base
    name: a
    state: exists
    mode: !!str 0644
    meta: &m {retry: -1, poll: !!int "10"}
  - <<: *base
    name: b
    meta: *m
  noop:
  - name: n
    comment: null
  exec:
  - name: e
    timeout: !!float 3
edges:
- {from: {kind: file, name: a}, to: {kind: noop, name: n}}
- {from: {kind: file, name: a}, to: {kind: noop, name: n}, notify: true}
`

func mustParse(t *testing.T, doc string) *runtime.Graph {
	t.Helper()
	g, err := Parse(file, []byte(doc), testKinds)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return g
}

func params(n *runtime.Node) map[string]hostabi.Value { return n.Res.(*fakeRes).params }

func strs(ss ...string) hostabi.Value {
	l := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)}
	for _, s := range ss {
		l.Items = append(l.Items, hostabi.StrValue(s))
	}
	return l
}

func TestParseValid(t *testing.T) {
	g := mustParse(t, validDoc)
	type want struct {
		id, pos string
		params  map[string]hostabi.Value
		meta    func(*runtime.Meta)
	}
	codes, err := hostabi.NewMapValue(hostabi.NewMap(hostabi.TypeInt, hostabi.TypeStr),
		[]hostabi.Value{hostabi.IntValue(0), hostabi.IntValue(1)},
		[]hostabi.Value{hostabi.StrValue("ok"), hostabi.StrValue("bad")})
	if err != nil {
		t.Fatal(err)
	}
	env, err := hostabi.NewMapValue(hostabi.NewMap(hostabi.TypeStr, hostabi.TypeStr),
		[]hostabi.Value{hostabi.StrValue("A")}, []hostabi.Value{hostabi.StrValue("1")})
	if err != nil {
		t.Fatal(err)
	}
	wants := []want{
		{"file[file1]", "test.yaml:8:5", map[string]hostabi.Value{
			"path": hostabi.StrValue("/tmp/mgmt/f1"), "content": hostabi.StrValue("i am f1\n"), "state": hostabi.StrValue("exists"),
		}, func(m *runtime.Meta) { m.Noop, m.Retry, m.Sema, m.Limit, m.Burst = true, 3, []string{"lock:2"}, 0.5, 1 }},
		{"file[file2]", "test.yaml:19:5", map[string]hostabi.Value{"path": hostabi.StrValue("/tmp/mgmt/f2")}, nil},
		{"file[file2]", "test.yaml:21:5", map[string]hostabi.Value{}, func(m *runtime.Meta) { m.Hidden, m.Delay = true, 100 }},
		{"exec[e]", "test.yaml:24:5", map[string]hostabi.Value{
			"cmd": hostabi.StrValue("echo hi"), "args": strs("a", "b"), "timeout": hostabi.IntValue(5), "env": env, "codes": codes,
		}, nil},
		{"http:server[srv]", "test.yaml:31:5", map[string]hostabi.Value{},
			func(m *runtime.Meta) { m.Limit, m.Burst, m.Export = 2, 3, []string{"*"} }},
	}
	if len(g.Nodes) != len(wants) {
		t.Fatalf("got %d nodes, want %d", len(g.Nodes), len(wants))
	}
	for i, w := range wants {
		n := g.Nodes[i]
		if id := runtime.ID(n.Res); id != w.id || n.Pos != w.pos {
			t.Errorf("node %d: got %s at %s, want %s at %s", i, id, n.Pos, w.id, w.pos)
		}
		got := params(n)
		if len(got) != len(w.params) {
			t.Errorf("%s: got params %v, want %v", w.id, got, w.params)
		}
		for k, v := range w.params {
			if !v.Equal(got[k]) {
				t.Errorf("%s: param %s = %v, want %v", w.id, k, got[k], v)
			}
		}
		m := runtime.DefaultMeta()
		if w.meta != nil {
			w.meta(&m)
		}
		if !n.Meta.Equal(&m) {
			t.Errorf("%s: meta %+v, want %+v", w.id, n.Meta, m)
		}
	}
	wantEdges := []runtime.Edge{{From: 0, To: 1, Notify: true}, {From: 3, To: 1}}
	if len(g.Edges) != len(wantEdges) {
		t.Fatalf("edges %+v, want %+v", g.Edges, wantEdges)
	}
	for i, e := range wantEdges {
		if g.Edges[i] != e {
			t.Errorf("edge %d: %+v, want %+v", i, g.Edges[i], e)
		}
	}
	if r := g.Nodes[1].Recv; len(r) != 1 || r["content"] != (runtime.SendRef{From: 3, Key: "output"}) {
		t.Errorf("file2 Recv = %v", r)
	}
	for _, i := range []int{0, 2, 3, 4} {
		if g.Nodes[i].Recv != nil {
			t.Errorf("%s receives %v", runtime.ID(g.Nodes[i].Res), g.Nodes[i].Recv)
		}
	}
}

func TestParseAnchors(t *testing.T) {
	g := mustParse(t, anchorDoc)
	if len(g.Nodes) != 4 {
		t.Fatalf("got %d nodes", len(g.Nodes))
	}
	a, b, n, e := g.Nodes[0], g.Nodes[1], g.Nodes[2], g.Nodes[3]
	if runtime.ID(b.Res) != "file[b]" {
		t.Fatalf("second node is %s", runtime.ID(b.Res))
	}
	for _, x := range []*runtime.Node{a, b} {
		if m := params(x)["mode"]; !hostabi.StrValue("0644").Equal(m) {
			t.Errorf("%s: mode = %v", runtime.ID(x.Res), m)
		}
		if s := params(x)["state"]; !hostabi.StrValue("exists").Equal(s) {
			t.Errorf("%s: state = %v", runtime.ID(x.Res), s)
		}
		if x.Meta.Retry != -1 || x.Meta.Poll != 10 {
			t.Errorf("%s: meta %+v", runtime.ID(x.Res), x.Meta)
		}
	}
	if b.Pos != "test.yaml:9:5" {
		t.Errorf("b at %s", b.Pos)
	}
	if c, ok := params(n)["comment"]; !ok || !hostabi.StrValue("").Equal(c) {
		t.Errorf("null comment = %v, %v", c, ok)
	}
	if to := params(e)["timeout"]; !hostabi.IntValue(3).Equal(to) {
		t.Errorf("timeout = %v", to)
	}
	// Repeated edges are merged, notify or-ed.
	if len(g.Edges) != 1 || g.Edges[0] != (runtime.Edge{From: 0, To: 2, Notify: true}) {
		t.Errorf("edges %+v", g.Edges)
	}
}

func TestParseEmptySections(t *testing.T) {
	for _, doc := range []string{
		"graph: g\n",
		"graph: g\nresources:\nedges:\n",
		"graph: g\nresources: {file: }\nedges: []\n# trailing comment\n",
		"---\ngraph: g\n...\n",
	} {
		g, err := Parse(file, []byte(doc), testKinds)
		if err != nil || len(g.Nodes) != 0 || len(g.Edges) != 0 {
			t.Errorf("%q: %v, %+v", doc, err, g)
		}
	}
}

func TestLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "g.yaml")
	if err := os.WriteFile(path, []byte(validDoc), 0o644); err != nil {
		t.Fatal(err)
	}
	g, err := Load(path, testKinds)
	if err != nil {
		t.Fatal(err)
	}
	if want := path + ":8:5"; g.Nodes[0].Pos != want {
		t.Errorf("Pos %q, want %q", g.Nodes[0].Pos, want)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.yaml"), testKinds); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if err := os.WriteFile(path, []byte("graph: g\nbad: 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(path, testKinds); err == nil || !strings.HasPrefix(err.Error(), path+":2:1: ") {
		t.Errorf("error %v, want it at %s:2:1", err, path)
	}
}

func TestCycle(t *testing.T) {
	doc := `graph: g
resources:
  noop:
  - name: a
  - name: b
  - name: c
edges:
- {from: {kind: noop, name: a}, to: {kind: noop, name: b}}
- {from: {kind: noop, name: b}, to: {kind: noop, name: c}}
- {from: {kind: noop, name: c}, to: {kind: noop, name: a}}
`
	_, err := Parse(file, []byte(doc), testKinds)
	if !errors.Is(err, runtime.ErrCycle) {
		t.Fatalf("got %v, want a cycle", err)
	}
	msg := err.Error()
	if !strings.HasPrefix(msg, "test.yaml: ") {
		t.Errorf("%q does not start with the file name", msg)
	}
	for _, s := range []string{"test.yaml:4:5: noop[a]", "test.yaml:5:5: noop[b]", "test.yaml:6:5: noop[c]"} {
		if !strings.Contains(msg, s) {
			t.Errorf("%q does not mention %q", msg, s)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"content", "conten", 1}, {"kitten", "sitting", 3}, {"abc", "", 3}, {"flaw", "lawn", 2}} {
		if got := editDistance(c.a, c.b, 10); got != c.d {
			t.Errorf("editDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
	if got := didYouMean("contnet", []string{"path", "content"}); got != `; did you mean "content"?` {
		t.Errorf("didYouMean: %q", got)
	}
	if got := didYouMean("xyz", []string{"path", "content"}); got != "" {
		t.Errorf("didYouMean: %q", got)
	}
	_ = math.Inf
}
