package ast

// StmtRes declares a resource: `file "/tmp/a" { content => "hi", }`. The
// name may be any expression; upstream accepts a str or a []str there.
type StmtRes struct {
	Span
	// Kind is the resource kind, such as "file" or "http:server:flag".
	Kind Ident
	// Name is the resource name expression.
	Name Expr
	// Body holds the entries between the braces in source order.
	Body []ResEntry
}

func (*StmtRes) stmtNode() {}

// ResField sets a parameter of a resource: `param => value,`, or the
// conditional form `param => $cond ?: value,` which sets it only when
// $cond is true.
type ResField struct {
	Span
	// Field is the parameter name.
	Field Ident
	// Cond is the condition of the `?:` form, or nil.
	Cond Expr
	// Value is the parameter value.
	Value Expr
}

// ResEdge declares an edge from inside a resource body:
// `Before => Kind["name"],` (also Depend, Notify and Listen), optionally
// conditional: `Notify => $b ?: Svc["x"],`. Before and Notify point from
// this resource to Target; Depend and Listen point from Target to it.
type ResEdge struct {
	Span
	// Property is "before", "depend", "notify" or "listen" (lower-cased
	// from the capitalized keyword written in the source).
	Property Ident
	// Cond is the condition of the `?:` form, or nil.
	Cond Expr
	// Target is the other end of the edge.
	Target *EdgeHalf
}

// ResMeta sets metaparameters: one of them with `Meta:noop => true,`, or
// all of them with `Meta => struct{...},`; either may be conditional with
// `?:`.
type ResMeta struct {
	Span
	// Meta is the "Meta" keyword, stored lower-cased as "meta".
	Meta Ident
	// Property is the metaparameter after the colon ("noop"), or nil for
	// the whole-struct form.
	Property *Ident
	// Cond is the condition of the `?:` form, or nil.
	Cond Expr
	// Value is the metaparameter value, or the struct of all of them.
	Value Expr
}

func (*ResField) resEntryNode() {}
func (*ResEdge) resEntryNode()  {}
func (*ResMeta) resEntryNode()  {}
