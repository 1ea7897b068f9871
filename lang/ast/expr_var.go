package ast

// ExprVar is a variable reference: `$x`, or a dotted one that reaches into
// an import, an include alias or the built-in constants, such as `$i1.x`,
// `$const.res.file.state.exists` or `$os.family_debian`. Its span includes
// the '$'.
type ExprVar struct {
	Span
	// Name is the variable name without the '$'.
	Name string
}

func (*ExprVar) exprNode() {}
