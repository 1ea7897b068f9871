package ast

// ExprCall is a function call. A named call, `len($l)` or
// `fmt.printf("%d", 3)`, has Func == nil and the (possibly dotted) name in
// Name. A call of a function value, `$f(4)`, `$ns.f(4)`,
// `func($x) { $x }(3)` or `$make()()`, has the called expression in Func
// and an empty Name.
type ExprCall struct {
	Span
	// Name is the function name of a named call; empty otherwise.
	Name Ident
	// Func is the called expression of a value call; nil otherwise.
	Func Expr
	// Args are the arguments in order.
	Args []Expr
}

// Named reports whether c calls a function by name.
func (c *ExprCall) Named() bool { return c.Func == nil }

func (*ExprCall) exprNode() {}
