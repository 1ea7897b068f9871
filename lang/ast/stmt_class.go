package ast

// StmtClass defines a class: `class name { ... }` or
// `class name($a, $b str) { ... }`. A colon-joined name such as
// `base:inner` is upstream's sugar for a class `inner` nested in `base`; it
// is kept as written.
type StmtClass struct {
	Span
	// Name is the class name, possibly colon-joined.
	Name Ident
	// Params are the class parameters; nil without parentheses, empty
	// (non-nil) for `class name() { }`.
	Params []*Param
	// Body is the class body.
	Body *Block
}

func (*StmtClass) stmtNode() {}
