package ast

// ExprFunc is a function value (a lambda): `func($x) { $x + 1 }` or, with
// types, `func($x int) int { $x }`. It is also the body of a [StmtFunc].
type ExprFunc struct {
	Span
	// Params are the parameters in order.
	Params []*Param
	// Result is the declared result type, or nil.
	Result *TypeExpr
	// Body is the expression the function returns.
	Body Expr
}

func (*ExprFunc) exprNode() {}
