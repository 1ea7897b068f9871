package runtime

import (
	"cmp"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// compareRes orders resources by kind, then name.
func compareRes(a, b Res) int {
	if c := cmp.Compare(a.Kind(), b.Kind()); c != 0 {
		return c
	}
	return cmp.Compare(a.Name(), b.Name())
}

// autoGroup merges groupable resources into the first compatible resource of
// their kind (in kind[name] order) when no path joins the two, so the graph
// stays acyclic. Only resources with equal metaparams are merged, and not
// hidden ones, nor those taking part in send/recv. It returns the merged
// graph; the groups are handed to their parents with SetGroup.
func autoGroup(g *Graph) *Graph {
	n := len(g.Nodes)
	rep := make([]int, n) // the node each one was merged into (itself if none)
	members := make([][]int, n)
	for i := range rep {
		rep[i] = i
	}
	inRecv := make([]bool, n)
	for i, node := range g.Nodes {
		for _, s := range node.Recv {
			inRecv[i], inRecv[s.From] = true, true
		}
	}
	eligible := func(i int) bool {
		node := g.Nodes[i]
		_, ok := node.Res.(hostabi.Groupable)
		return ok && node.Meta.AutoGroup && !node.Meta.Hidden && !inRecv[i]
	}
	candidates := 0
	for i := range g.Nodes {
		if eligible(i) {
			candidates++
		}
	}
	if candidates < 2 {
		return g // nothing to merge: skip the sort
	}
	out := g.outgoing()
	r := newReacher(n)
	parents := map[string][]int{} // by kind
	merged := false
	for _, i := range sortedIDs(g) {
		if !eligible(i) {
			continue
		}
		child := g.Nodes[i]
		kind := child.Res.Kind()
		joined := false
		for _, p := range parents[kind] {
			parent := g.Nodes[p]
			if !parent.Meta.Equal(&child.Meta) || !parent.Res.(hostabi.Groupable).GroupCmp(child.Res) {
				continue
			}
			if groupReaches(out, rep, members, r, p, i) || groupReaches(out, rep, members, r, i, p) {
				continue
			}
			rep[i] = p
			members[p] = append(members[p], i)
			joined, merged = true, true
			break
		}
		if !joined {
			parents[kind] = append(parents[kind], i)
			members[i] = []int{i}
		}
	}
	if !merged {
		return g
	}
	return collapse(g, rep, members)
}

// groupReaches reports whether group b is reachable from group a, treating
// every group as one vertex.
func groupReaches(out [][]int, rep []int, members [][]int, r *reacher, a, b int) bool {
	r.gen++
	r.stack = r.stack[:0]
	push := func(group int) {
		r.mark[group] = r.gen
		if len(members[group]) == 0 {
			r.stack = append(r.stack, group)
			return
		}
		r.stack = append(r.stack, members[group]...)
	}
	push(a)
	for len(r.stack) > 0 {
		v := r.stack[len(r.stack)-1]
		r.stack = r.stack[:len(r.stack)-1]
		for _, w := range out[v] {
			gw := rep[w]
			if gw == b {
				return true
			}
			if r.mark[gw] != r.gen {
				push(gw)
			}
		}
	}
	return false
}

// collapse builds the graph in which each group is one node.
func collapse(g *Graph, rep []int, members [][]int) *Graph {
	out := &Graph{}
	index := make([]int, len(g.Nodes))
	for i, node := range g.Nodes {
		if rep[i] != i {
			continue
		}
		index[i] = out.Add(node)
		if len(members[i]) > 1 {
			for _, m := range members[i][1:] {
				node.Group = append(node.Group, g.Nodes[m])
			}
			children := make([]Res, 0, len(node.Group))
			for _, c := range node.Group {
				children = append(children, c.Res)
			}
			node.Res.(hostabi.Groupable).SetGroup(children)
		}
	}
	for i := range g.Nodes {
		index[i] = index[rep[i]]
	}
	type pair struct{ from, to int }
	seen := map[pair]int{}
	for _, e := range g.Edges {
		e.From, e.To = index[e.From], index[e.To]
		if e.From == e.To {
			continue
		}
		if j, dup := seen[pair{e.From, e.To}]; dup {
			out.Edges[j].Notify = out.Edges[j].Notify || e.Notify
			continue
		}
		seen[pair{e.From, e.To}] = len(out.Edges)
		out.Edges = append(out.Edges, e)
	}
	for _, node := range out.Nodes {
		if len(node.Recv) == 0 {
			continue
		}
		recv := make(map[string]SendRef, len(node.Recv))
		for f, s := range node.Recv {
			recv[f] = SendRef{From: index[s.From], Key: s.Key}
		}
		node.Recv = recv
	}
	return out
}
