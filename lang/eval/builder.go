package eval

import (
	"fmt"
	"sort"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// builder gathers the resources and edges of one evaluation.
type builder struct {
	res   []*Resource
	byID  map[string]*Resource
	edges []Edge
	seen  map[Edge]bool
}

func newBuilder() *builder {
	return &builder{byID: map[string]*Resource{}, seen: map[Edge]bool{}}
}

// add declares a resource; a second declaration of the same kind and name
// merges with the first when it is identical, and is an error otherwise.
func (b *builder) add(res *Resource, at ast.Node) {
	id := res.ID()
	old := b.byID[id]
	if old == nil {
		b.byID[id] = res
		b.res = append(b.res, res)
		return
	}
	if why := differs(old, res); why != "" {
		fatalf(at, "inequivalent duplicate resource `%s` found: %s (first declared at %s)", id, why, old.Pos)
	}
}

// differs says how two declarations of one resource differ, or "".
func differs(a, b *Resource) string {
	if why := differsIn("param", a.Params, b.Params); why != "" {
		return why
	}
	return differsIn("metaparam", a.Meta, b.Meta)
}

// differsIn compares two sets of params.
func differsIn(what string, a, b map[string]hostabi.Value) string {
	names := make([]string, 0, len(a)+len(b))
	for k := range a {
		names = append(names, k)
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	for _, k := range names {
		x, okx := a[k]
		y, oky := b[k]
		switch {
		case !okx || !oky:
			return fmt.Sprintf("%s %s is set in one declaration only", what, k)
		case !x.Equal(y):
			return fmt.Sprintf("%s %s differs: %s vs %s", what, k, x, y)
		}
	}
	return ""
}

// edge declares an edge once.
func (b *builder) edge(e Edge) {
	key := e
	key.Pos = ast.Pos{}
	if b.seen[key] {
		return
	}
	b.seen[key] = true
	b.edges = append(b.edges, e)
}

// output checks the edges' ends and returns the graph.
func (b *builder) output() (*Output, error) {
	for _, e := range b.edges {
		for _, end := range []ResID{e.From, e.To} {
			if b.byID[end.String()] == nil {
				return nil, &Error{Pos: e.Pos, Msg: fmt.Sprintf("edge %s -> %s: resource %s is not declared", e.From, e.To, end)}
			}
		}
		if e.SendKey != "" {
			if from := b.byID[e.From.String()]; hidden(from) {
				return nil, &Error{Pos: e.Pos, Msg: "cannot send from hidden resource: " + e.From.String()}
			}
		}
	}
	return &Output{Resources: b.res, Edges: b.edges}, nil
}

// hidden reports whether a resource has Meta:hidden set.
func hidden(r *Resource) bool {
	v, ok := r.Meta["hidden"].(hostabi.BoolValue)
	return ok && bool(v)
}
