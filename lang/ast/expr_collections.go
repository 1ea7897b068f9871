package ast

// ExprList is a list literal: `[1, 2, 3]`, or over several lines with a
// comma after every element.
type ExprList struct {
	Span
	// Elems are the elements in order.
	Elems []Expr
}

// ExprMap is a map literal: `{"a" => 1, "b" => 2}`.
type ExprMap struct {
	Span
	// Entries are the key/value pairs in source order.
	Entries []*MapEntry
}

// MapEntry is one `key => value` pair of a map literal.
type MapEntry struct {
	Span
	// Key is the key expression.
	Key Expr
	// Value is the value expression.
	Value Expr
}

// ExprStruct is a struct literal: `struct{a => 1, b => "x"}`.
type ExprStruct struct {
	Span
	// Fields are the fields in source order.
	Fields []*StructField
}

// StructField is one `name => value` field of a struct literal.
type StructField struct {
	Span
	// Name is the field name.
	Name Ident
	// Value is the field value.
	Value Expr
}

func (*ExprList) exprNode()   {}
func (*ExprMap) exprNode()    {}
func (*ExprStruct) exprNode() {}
