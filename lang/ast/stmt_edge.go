package ast

// StmtEdge is an edge statement. Either a chain of two or more resource
// references, `Pkg["a"] -> File["b"] -> Svc["c"]`, or a send/recv pair of
// exactly two halves that both name a field:
// `Exec["e"].output -> File["/tmp/o"].content`. The parser also accepts a
// lone reference, as upstream's grammar does, leaving its rejection to a
// later pass.
type StmtEdge struct {
	Span
	// Halves are the resource references in source order.
	Halves []*EdgeHalf
}

func (*StmtEdge) stmtNode() {}

// SendRecv reports whether e is a send/recv edge (its halves name fields).
func (e *StmtEdge) SendRecv() bool {
	return len(e.Halves) > 0 && e.Halves[0].Field != nil
}

// EdgeHalf is a reference to a resource in an edge: `File["/tmp/a"]`, or
// with a send/recv field, `File["/tmp/a"].content`.
type EdgeHalf struct {
	Span
	// Kind is the resource kind, lower-cased from the capitalized source
	// form and colon-joined: `Http:Server` gives "http:server".
	Kind Ident
	// Name is the expression between the brackets (a str or a []str).
	Name Expr
	// Field is the send/recv field after the dot, or nil.
	Field *Ident
}
