package ast

// StmtInclude instantiates a class: `include name`, `include name(args)`,
// `include name(args) as alias`, a class exported by an earlier include,
// `include alias.inner`, or a nested class by its colon-joined name,
// `include base:inner`.
type StmtInclude struct {
	Span
	// Name is the class name, possibly dotted ("i1.inner") or
	// colon-joined ("base:inner").
	Name Ident
	// Args are the class arguments; nil without parentheses.
	Args []Expr
	// Alias is the name after `as`, or nil.
	Alias *Ident
}

func (*StmtInclude) stmtNode() {}
