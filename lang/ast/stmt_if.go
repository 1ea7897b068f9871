package ast

// StmtIf is a conditional statement: `if $b { ... }`, optionally followed by
// `else { ... }`. There is no `else if`.
type StmtIf struct {
	Span
	// Cond is the condition, a bool expression.
	Cond Expr
	// Then is the branch taken when Cond is true.
	Then *Block
	// Else is the branch taken when Cond is false, or nil.
	Else *Block
}

func (*StmtIf) stmtNode() {}
