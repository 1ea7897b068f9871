package eval

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Output is the resource graph of one complete evaluation.
type Output struct {
	// Resources are the declared resources, in declaration order, with
	// identical duplicates merged.
	Resources []*Resource
	// Edges are the declared edges (from resource statements' edge
	// properties and from edge statements), without duplicates.
	Edges []Edge
}

// Resource is one declared resource.
type Resource struct {
	// Kind and Name identify it.
	Kind, Name string
	// Params are the params the program set, by name.
	Params map[string]hostabi.Value
	// Meta are the metaparams the program set, by name ("noop",
	// "retry", ...).
	Meta map[string]hostabi.Value
	// Pos is where the resource statement is.
	Pos ast.Pos
}

// ID is kind[name].
func (r *Resource) ID() string { return r.Kind + "[" + r.Name + "]" }

// ResID names a resource of an edge.
type ResID struct {
	Kind, Name string
}

// String is kind[name].
func (r ResID) String() string { return r.Kind + "[" + r.Name + "]" }

// Edge orders two resources; with Notify a change of From refreshes To. A
// send/recv edge also sends From's SendKey to To's RecvKey.
type Edge struct {
	From, To         ResID
	Notify           bool
	SendKey, RecvKey string
	// Pos is where the edge was declared.
	Pos ast.Pos
}

// Equal reports whether o and p declare the same resources (kinds, names,
// params and metaparams, in the same order) and the same edges.
func (o *Output) Equal(p *Output) bool {
	if o == nil || p == nil {
		return o == p
	}
	if len(o.Resources) != len(p.Resources) || len(o.Edges) != len(p.Edges) {
		return false
	}
	for i, a := range o.Resources {
		b := p.Resources[i]
		if a.Kind != b.Kind || a.Name != b.Name || differs(a, b) != "" {
			return false
		}
	}
	for i, a := range o.Edges {
		b := p.Edges[i]
		if a.From != b.From || a.To != b.To || a.Notify != b.Notify || a.SendKey != b.SendKey || a.RecvKey != b.RecvKey {
			return false
		}
	}
	return true
}
