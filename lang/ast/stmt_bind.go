package ast

// StmtBind binds an expression to a variable in the current scope:
// `$x = 42` or, with a type annotation, `$x int = 42`.
type StmtBind struct {
	Span
	// Name is the bound variable, without '$' (its span includes it).
	Name Ident
	// Type is the optional type annotation; nil when absent.
	Type *TypeExpr
	// Value is the bound expression.
	Value Expr
}

func (*StmtBind) stmtNode() {}
