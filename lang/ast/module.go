package ast

import "github.com/mgmt-wasm/mgmt/hostabi"

// Module is one parsed mcl file: its top-level statements in source order,
// plus the comments found in it.
type Module struct {
	Span
	// File is the name the file was parsed under.
	File string
	// Body holds the top-level statements in source order.
	Body []Stmt
	// Comments holds every comment of the file in source order. Comments
	// are not part of the grammar; they are kept for tools such as a
	// formatter.
	Comments []*Comment
}

// Comment is a `#` comment, which runs to the end of its line.
type Comment struct {
	Span
	// Text is the comment without its leading '#' (and without the line
	// break that ends it).
	Text string
}

// Block is a `{ ... }` list of statements: the body of a class, an if
// branch, or a for or forkv loop. Its span covers both braces.
type Block struct {
	Span
	// Body holds the statements in source order.
	Body []Stmt
}

// Ident is a name together with its source range. Which names it may hold
// depends on where it is used: a variable name (without its '$', but the
// span includes it), a dotted name such as "fmt.printf" or "i1.c0", a
// colon-joined kind or class name such as "http:server" or "base:inner", or
// a capitalized keyword in a resource body, stored lower-cased ("notify",
// "meta") as upstream's lexer does.
type Ident struct {
	Span
	// Name is the identifier text (see the type comment for its forms).
	Name string
}

// Param is a parameter of a function, lambda or class: `$name` or
// `$name type`. Its span covers the name and the type, if any.
type Param struct {
	Span
	// Name is the parameter name without the '$'; its span includes the '$'.
	Name Ident
	// Type is the declared type, or nil when it is left to inference.
	Type *TypeExpr
}

// TypeExpr is a type written in the source, such as `[]str` or
// `func(int) str`, as in `$x []str = ...` or a typed parameter.
type TypeExpr struct {
	Span
	// Type is the parsed type.
	Type *hostabi.Type
}
