package ast

// ExprIf is a conditional expression: `if $b { "a" } else { "b" }`. Unlike
// the statement, it requires its else branch.
type ExprIf struct {
	Span
	// Cond is the condition, a bool expression.
	Cond Expr
	// Then is the value when Cond is true.
	Then Expr
	// Else is the value when Cond is false.
	Else Expr
}

func (*ExprIf) exprNode() {}
