package ast

// StmtCollect collects exported resources of a kind:
// `collect file ["/tmp/a"] { Meta:hidden => false, }`. Names is a str, a
// []str or a []struct{name str; host str}; the body entries are applied on
// top of every collected resource.
type StmtCollect struct {
	Span
	// Kind is the kind of the collected resources.
	Kind Ident
	// Names selects which resources to collect.
	Names Expr
	// Body holds the entries between the braces in source order.
	Body []ResEntry
}

func (*StmtCollect) stmtNode() {}
