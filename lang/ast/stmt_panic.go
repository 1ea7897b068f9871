package ast

// StmtPanic is the panic statement: `panic($x != 42)` or
// `panic($cond, "message")`. Upstream treats it as sugar for an if over the
// panic (or panic_debug) function containing an internal `_panic` resource.
type StmtPanic struct {
	Span
	// Args are the arguments between the parentheses.
	Args []Expr
}

func (*StmtPanic) stmtNode() {}
