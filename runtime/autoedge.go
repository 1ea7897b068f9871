package runtime

import (
	"slices"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// addAutoEdges adds the edges resources ask for through hostabi.AutoEdger:
// for each group of candidate UIDs, the first one managed by another
// resource gets an edge from that resource, unless the edge exists or would
// close a cycle. Hidden resources and those with Meta:autoedge false take no
// part.
func addAutoEdges(g *Graph) {
	eligible := func(n *Node) bool { return n.Meta.AutoEdge && !n.Meta.Hidden }
	// Each resource's UIDs and edges are asked for once, in parallel
	// (plugin calls); then the edges are linked in node order.
	uids := make([][]hostabi.UID, len(g.Nodes))
	groups := make([][][]hostabi.UID, len(g.Nodes))
	_ = forEach(len(g.Nodes), func(i int) error {
		if ae, ok := g.Nodes[i].Res.(hostabi.AutoEdger); ok && eligible(g.Nodes[i]) {
			uids[i], groups[i] = ae.UIDs(), ae.AutoEdges()
		}
		return nil
	})
	owners := map[hostabi.UID][]int{}
	for i := range g.Nodes {
		for _, uid := range uids[i] {
			owners[uid] = append(owners[uid], i)
		}
	}
	if len(owners) == 0 {
		return
	}
	out := g.outgoing()
	has := make(map[[2]int]bool, len(g.Edges))
	for _, e := range g.Edges {
		has[[2]int{e.From, e.To}] = true
	}
	r := newReacher(len(g.Nodes))
	for i := range g.Nodes {
		for _, group := range groups[i] {
			linkFirst(g, out, has, r, i, group, owners)
		}
	}
}

// linkFirst links node to the first owner of a UID in group (an existing
// edge counts as the link).
func linkFirst(g *Graph, out [][]int, has map[[2]int]bool, r *reacher, node int, group []hostabi.UID, owners map[hostabi.UID][]int) {
	for _, uid := range group {
		for _, o := range owners[uid] {
			if o == node {
				continue
			}
			if has[[2]int{o, node}] || has[[2]int{node, o}] {
				return
			}
			if r.reaches(out, node, o) {
				continue // the edge would close a cycle
			}
			g.Edges = append(g.Edges, Edge{From: o, To: node, Auto: true})
			out[o] = append(out[o], node)
			has[[2]int{o, node}] = true
			return
		}
	}
}

// reacher answers reachability questions without allocating per query.
type reacher struct {
	mark  []uint32
	gen   uint32
	stack []int
}

func newReacher(n int) *reacher { return &reacher{mark: make([]uint32, n)} }

// reaches reports whether to is reachable from from along out.
func (r *reacher) reaches(out [][]int, from, to int) bool {
	if from == to {
		return true
	}
	r.gen++
	r.stack = append(r.stack[:0], from)
	r.mark[from] = r.gen
	for len(r.stack) > 0 {
		v := r.stack[len(r.stack)-1]
		r.stack = r.stack[:len(r.stack)-1]
		for _, w := range out[v] {
			if w == to {
				return true
			}
			if r.mark[w] != r.gen {
				r.mark[w] = r.gen
				r.stack = append(r.stack, w)
			}
		}
	}
	return false
}

// sortedIDs is used by tests and printers: node indexes ordered by kind[name].
func sortedIDs(g *Graph) []int {
	idx := make([]int, len(g.Nodes))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		return compareRes(g.Nodes[a].Res, g.Nodes[b].Res)
	})
	return idx
}
