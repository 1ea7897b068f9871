package ast

// ExprBool is `true` or `false`.
type ExprBool struct {
	Span
	// Value is the literal value.
	Value bool
}

// ExprStr is a string literal. The parser keeps its raw text; package
// lang/interpolate later processes escapes and ${var} references, setting
// Value (or replacing the literal with an [ExprInterp]). ExprStr nodes made
// by that pass for the literal parts of an interpolated string have Raw set
// to the matching slice of the source and Value decoded.
type ExprStr struct {
	Span
	// Raw is the text between the quotes exactly as written.
	Raw string
	// Value is the decoded string; empty until interpolation has run.
	Value string
	// Decoded reports whether Value has been set by interpolation.
	Decoded bool
}

// ExprInt is an integer literal such as `42` or `-13` (the sign belongs to
// the literal).
type ExprInt struct {
	Span
	// Raw is the literal as written.
	Raw string
	// Value is the literal value.
	Value int64
}

// ExprFloat is a float literal such as `3.14` or `-0.5`.
type ExprFloat struct {
	Span
	// Raw is the literal as written.
	Raw string
	// Value is the literal value.
	Value float64
}

func (*ExprBool) exprNode()  {}
func (*ExprStr) exprNode()   {}
func (*ExprInt) exprNode()   {}
func (*ExprFloat) exprNode() {}
