package runtime

import (
	"fmt"
)

// PrepareOptions turns the automatic parts of Prepare off.
type PrepareOptions struct {
	NoAutoEdges bool
	NoAutoGroup bool
}

// Prepare checks a graph and completes it as the engine will run it: it adds
// the edge implied by each send/recv link, the automatic edges, and merges
// automatic groups. It returns a new graph and leaves g untouched, except
// that grouped resources receive their children (hostabi.Groupable.SetGroup).
// mgmt graph prints its result; Commit runs it.
func Prepare(g *Graph, opts PrepareOptions) (*Graph, error) {
	if err := g.Check(); err != nil {
		return nil, err
	}
	return prepareChecked(g, opts)
}

// PrepareValid is what Commit does to a graph before it swaps it in, and
// what mgmt graph prints: Check, then the validation of every resource,
// then Prepare. Validation comes before the automatic edges because a
// plugin with the prepare verb answers autoedges (and watch) in its
// validate call.
func PrepareValid(g *Graph, opts PrepareOptions) (*Graph, error) {
	if err := g.Check(); err != nil {
		return nil, err
	}
	if err := validateAll(g); err != nil {
		return nil, err
	}
	return prepareChecked(g, opts)
}

// prepareChecked is Prepare of a graph that passed Check.
func prepareChecked(g *Graph, opts PrepareOptions) (*Graph, error) {
	p := &Graph{Nodes: make([]*Node, len(g.Nodes)), Edges: make([]Edge, 0, len(g.Edges))}
	for i, n := range g.Nodes {
		c := *n
		p.Nodes[i] = &c
	}
	type pair struct{ from, to int }
	seen := make(map[pair]int, len(g.Edges))
	for _, e := range g.Edges {
		if j, dup := seen[pair{e.From, e.To}]; dup {
			p.Edges[j].Notify = p.Edges[j].Notify || e.Notify
			continue
		}
		seen[pair{e.From, e.To}] = len(p.Edges)
		p.Edges = append(p.Edges, e)
	}
	for to, n := range p.Nodes {
		for _, s := range n.Recv {
			if _, dup := seen[pair{s.From, to}]; !dup {
				seen[pair{s.From, to}] = len(p.Edges)
				p.Edges = append(p.Edges, Edge{From: s.From, To: to})
			}
		}
	}
	if cycle := p.findCycle(); cycle != nil { // send/recv edges can close one
		return nil, fmt.Errorf("send/recv: %w through %s", ErrCycle, p.Nodes[cycle[0]].where())
	}
	if !opts.NoAutoEdges {
		addAutoEdges(p)
	}
	if !opts.NoAutoGroup {
		p = autoGroup(p)
	}
	return p, nil
}
