package ast

// StmtFunc defines a named function: `func name($a str, $b) str { body }`.
type StmtFunc struct {
	Span
	// Name is the function name.
	Name Ident
	// Func holds the parameters, the optional result type and the body.
	// Its span runs from the opening parenthesis to the closing brace.
	Func *ExprFunc
}

func (*StmtFunc) stmtNode() {}
