package runtime

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Graph is a resource graph as a front end (YAML, mcl) builds it and hands it
// to the engine. Nodes and edges refer to each other by index, which keeps a
// graph of 100,000 resources compact.
type Graph struct {
	// Nodes are the resources.
	Nodes []*Node
	// Edges order the resources: Edges[i].From runs before Edges[i].To.
	Edges []Edge
}

// Node is one resource in a Graph.
type Node struct {
	// Res is the resource itself.
	Res Res
	// Meta holds its metaparams.
	Meta Meta
	// Recv maps a param of this resource to the field of another node
	// that sends its value. Every sender must also be a predecessor.
	Recv map[string]SendRef
	// Pos is where the resource was declared ("graph.yaml:12:5"), for errors.
	Pos string
	// Group holds the resources that autogroup merged into this one.
	Group []*Node
}

// SendRef names a sent field: the Key sent by node From.
type SendRef struct {
	From int
	Key  string
}

// Edge is an ordering between two nodes. With Notify, a change made by From
// sends a refresh notification to To.
type Edge struct {
	From, To int
	Notify   bool
	// Auto marks an edge added by autoedge rather than declared.
	Auto bool
}

// ErrCycle is wrapped by the error Check returns for a graph with a cycle.
var ErrCycle = errors.New("the graph has a cycle")

// ErrDuplicate is wrapped by the error Check returns for two resources with
// the same kind and name.
var ErrDuplicate = errors.New("duplicate resource")

// ID is the identity of a resource as users write it: kind[name].
func ID(r Res) string { return r.Kind() + "[" + r.Name() + "]" }

// Add appends a node and returns its index.
func (g *Graph) Add(n *Node) int {
	g.Nodes = append(g.Nodes, n)
	return len(g.Nodes) - 1
}

// AddEdge appends an edge between two node indexes.
func (g *Graph) AddEdge(from, to int, notify bool) {
	g.Edges = append(g.Edges, Edge{From: from, To: to, Notify: notify})
}

// Find returns the index of the visible node kind[name], or -1.
func (g *Graph) Find(kind, name string) int {
	for i, n := range g.Nodes {
		if !n.Meta.Hidden && n.Res.Kind() == kind && n.Res.Name() == name {
			return i
		}
	}
	return -1
}

// where prefixes a message with a node's position and identity.
func (n *Node) where() string {
	if n.Pos != "" {
		return n.Pos + ": " + ID(n.Res)
	}
	return ID(n.Res)
}

// Check rejects a graph the engine cannot run: an invalid identity or
// metaparam, two visible resources with the same kind and name, an edge or
// send/recv reference out of range, a receiver not downstream of its sender's
// edge, or a cycle. Errors name the resources and where they were declared.
func (g *Graph) Check() error {
	seen := make(map[string]int, len(g.Nodes))
	for i, n := range g.Nodes {
		if n == nil || n.Res == nil {
			return fmt.Errorf("node %d has no resource", i)
		}
		if err := checkIdentity(n); err != nil {
			return err
		}
		if n.Meta.Hidden {
			continue
		}
		id := ID(n.Res)
		if j, dup := seen[id]; dup {
			return fmt.Errorf("%s: %w (first declared at %s)", n.where(), ErrDuplicate, orUnknown(g.Nodes[j].Pos))
		}
		seen[id] = i
	}
	for _, e := range g.Edges {
		if e.From < 0 || e.From >= len(g.Nodes) || e.To < 0 || e.To >= len(g.Nodes) {
			return fmt.Errorf("edge %d -> %d: node index out of range (%d nodes)", e.From, e.To, len(g.Nodes))
		}
		if e.From == e.To {
			return fmt.Errorf("%s: edge to itself: %w", g.Nodes[e.From].where(), ErrCycle)
		}
	}
	for _, n := range g.Nodes {
		for field, s := range n.Recv {
			if s.From < 0 || s.From >= len(g.Nodes) {
				return fmt.Errorf("%s: param %s receives from node %d, which does not exist", n.where(), field, s.From)
			}
			if g.Nodes[s.From].Meta.Hidden {
				return fmt.Errorf("%s: param %s receives from hidden %s, which cannot send", n.where(), field, ID(g.Nodes[s.From].Res))
			}
			if _, ok := g.Nodes[s.From].Res.(hostabi.Sender); !ok {
				return fmt.Errorf("%s: param %s receives from %s, which sends nothing", n.where(), field, ID(g.Nodes[s.From].Res))
			}
			if _, ok := n.Res.(hostabi.Recver); !ok {
				return fmt.Errorf("%s: cannot receive values (param %s)", n.where(), field)
			}
		}
	}
	if cycle := g.findCycle(); cycle != nil {
		names := make([]string, len(cycle))
		for i, idx := range cycle {
			names[i] = g.Nodes[idx].where()
		}
		return fmt.Errorf("%w: %s", ErrCycle, strings.Join(names, " -> "))
	}
	return nil
}

func orUnknown(pos string) string {
	if pos == "" {
		return "an unknown position"
	}
	return pos
}

// checkIdentity validates a node's kind, name and metaparams.
func checkIdentity(n *Node) error {
	if n.Res.Kind() == "" {
		return fmt.Errorf("%s: empty kind", orUnknown(n.Pos))
	}
	if n.Res.Name() == "" {
		return fmt.Errorf("%s: %s has an empty name", orUnknown(n.Pos), n.Res.Kind())
	}
	if strings.HasPrefix(n.Res.Name(), "$") && !n.Meta.Dollar {
		return fmt.Errorf("%s: the name starts with '$', which is usually a variable left unexpanded (set Meta:dollar to allow it)", n.where())
	}
	if err := n.Meta.Validate(); err != nil {
		return fmt.Errorf("%s: %w", n.where(), err)
	}
	return nil
}

// findCycle returns the node indexes of one cycle, closed (first == last),
// or nil. It is iterative, so a chain of 100,000 nodes is fine.
func (g *Graph) findCycle() []int {
	out := g.outgoing()
	const (
		white = iota
		grey
		black
	)
	color := make([]uint8, len(g.Nodes))
	parent := make([]int, len(g.Nodes))
	next := make([]int, len(g.Nodes)) // next outgoing edge to look at
	for root := range g.Nodes {
		if color[root] != white {
			continue
		}
		stack := []int{root}
		color[root] = grey
		parent[root] = -1
		for len(stack) > 0 {
			v := stack[len(stack)-1]
			if next[v] == len(out[v]) {
				color[v] = black
				stack = stack[:len(stack)-1]
				continue
			}
			w := out[v][next[v]]
			next[v]++
			switch color[w] {
			case white:
				color[w] = grey
				parent[w] = v
				stack = append(stack, w)
			case grey: // back edge v -> w closes a cycle w -> ... -> v -> w
				cycle := []int{w}
				for x := v; x != w; x = parent[x] {
					cycle = append(cycle, x)
				}
				cycle = append(cycle, w)
				// reverse the middle so it reads in edge order
				for i, j := 1, len(cycle)-2; i < j; i, j = i+1, j-1 {
					cycle[i], cycle[j] = cycle[j], cycle[i]
				}
				return cycle
			}
		}
	}
	return nil
}

// outgoing returns each node's successors.
func (g *Graph) outgoing() [][]int {
	out := make([][]int, len(g.Nodes))
	for _, e := range g.Edges {
		out[e.From] = append(out[e.From], e.To)
	}
	return out
}
