package ast

// Op is an operator of a binary or unary expression, spelled as in the
// source.
type Op string

// The operators. Upstream evaluates all but `in` with its `_operator`
// function; `in` is a call of `contains`.
const (
	OpOr  Op = "or"
	OpAnd Op = "and"
	OpEq  Op = "=="
	OpNe  Op = "!="
	OpLt  Op = "<"
	OpGt  Op = ">"
	OpLe  Op = "<="
	OpGe  Op = ">="
	OpIn  Op = "in"
	OpAdd Op = "+"
	OpSub Op = "-"
	OpMul Op = "*"
	OpDiv Op = "/"
	OpNot Op = "not"
)

// Binding levels of the binary operators, from loosest to tightest, as in
// upstream's grammar. The default operator `<|>` ([ExprExcept]) binds
// loosest; `not` binds tighter than every binary operator, and the postfix
// forms (`->field`, `[index]`, calls) tighter still.
const (
	PrecExcept  = 1 // <|>, left-associative
	PrecOr      = 2 // or, left-associative
	PrecAnd     = 3 // and, left-associative
	PrecCompare = 4 // == != < > <= >= in, non-associative
	PrecAdd     = 5 // + -, left-associative
	PrecMul     = 6 // * /, left-associative
	PrecNot     = 7 // not (prefix)
)

// Precedence returns the binding level of a binary operator (one of the
// Prec constants), or 0 if op is not a binary operator.
func (op Op) Precedence() int {
	switch op {
	case OpOr:
		return PrecOr
	case OpAnd:
		return PrecAnd
	case OpEq, OpNe, OpLt, OpGt, OpLe, OpGe, OpIn:
		return PrecCompare
	case OpAdd, OpSub:
		return PrecAdd
	case OpMul, OpDiv:
		return PrecMul
	}
	return 0
}

// ExprBinary is a binary operation such as `$a + 1`, `$x == "y"`,
// `$a and $b` or `"a" in $list`.
type ExprBinary struct {
	Span
	// Op is the operator.
	Op Op
	// OpPos is the position of the operator.
	OpPos Pos
	// X is the left operand.
	X Expr
	// Y is the right operand.
	Y Expr
}

// ExprUnary is a prefix operation: `not $b`. (mcl has no unary minus: a
// sign directly before digits is part of a number literal.)
type ExprUnary struct {
	Span
	// Op is the operator (OpNot).
	Op Op
	// X is the operand.
	X Expr
}

// ExprExcept is the default operator: `X <|> Default` has the value of X,
// or of Default when X fails with a catchable error (a missing list index
// or map key, a division by zero, ...). It chains to the left:
// `$a <|> $b <|> "c"` is `($a <|> $b) <|> "c"`.
type ExprExcept struct {
	Span
	// X is the guarded expression.
	X Expr
	// OpPos is the position of the `<|>`.
	OpPos Pos
	// Default is the fallback expression.
	Default Expr
}

// ExprIndex is a list index or map key lookup: `$l[0]`, `$m["k"]`.
type ExprIndex struct {
	Span
	// X is the list or map.
	X Expr
	// Index is the index or key.
	Index Expr
}

// ExprStructLookup is a struct field lookup: `$s->field`. Written directly
// followed by `<|>`, as in `$s->field <|> "dflt"`, it is upstream's optional
// lookup (decided statically from the struct type), and Default holds the
// expression after the `<|>`, which binds like the right operand of any
// `<|>`. A parenthesized lookup, `($s->field) <|> "dflt"`, is an
// [ExprExcept] instead.
type ExprStructLookup struct {
	Span
	// X is the struct.
	X Expr
	// Field is the field name.
	Field Ident
	// Default is the default of the optional form, or nil.
	Default Expr
}

// ExprParen is a parenthesized expression, kept for its positions.
type ExprParen struct {
	Span
	// X is the inner expression.
	X Expr
}

func (*ExprBinary) exprNode()       {}
func (*ExprUnary) exprNode()        {}
func (*ExprExcept) exprNode()       {}
func (*ExprIndex) exprNode()        {}
func (*ExprStructLookup) exprNode() {}
func (*ExprParen) exprNode()        {}
