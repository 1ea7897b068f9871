package ast

// ExprInterp is an interpolated string, made by package lang/interpolate
// from a string literal that contains ${name} references (the parser never
// produces it). Its span is the span of the literal it replaces. Upstream
// desugars the same thing to a chain of concat calls.
type ExprInterp struct {
	Span
	// Parts are the pieces in order: *ExprStr for literal text (with Value
	// decoded) and *ExprVar for each ${name}.
	Parts []Expr
}

func (*ExprInterp) exprNode() {}
