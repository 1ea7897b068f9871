package ast

// StmtFor runs its body once per element of a list:
// `for $i, $v in $list { ... }`, binding the index and the value.
type StmtFor struct {
	Span
	// Index is the variable bound to the element index.
	Index Ident
	// Value is the variable bound to the element.
	Value Ident
	// List is the iterated expression.
	List Expr
	// Body is the loop body.
	Body *Block
}

// StmtForKV runs its body once per entry of a map:
// `forkv $k, $v in $map { ... }`.
type StmtForKV struct {
	Span
	// Key is the variable bound to the entry key.
	Key Ident
	// Value is the variable bound to the entry value.
	Value Ident
	// Map is the iterated expression.
	Map Expr
	// Body is the loop body.
	Body *Block
}

func (*StmtFor) stmtNode()   {}
func (*StmtForKV) stmtNode() {}
