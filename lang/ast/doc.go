// Package ast defines the syntax tree of mcl, the language of mgmt, as
// produced by package lang/parser.
//
// The tree is a faithful picture of the source: nothing is desugared yet.
// Operators are [ExprBinary], [ExprUnary], [ExprExcept], [ExprIndex] and
// [ExprStructLookup] nodes rather than calls of internal functions; panic(...)
// is a [StmtPanic]; `class base:inner` keeps its colon-joined name; string
// literals keep their raw text with escapes and ${var} references unprocessed
// until package lang/interpolate fills in [ExprStr.Value] or replaces the
// literal with an [ExprInterp].
//
// Every node records its exact source range (see [Span]): the position of
// its first byte and the position just after its last byte. [Walk] and
// [Inspect] visit a tree; [RewriteExprs] replaces expressions in place.
package ast
