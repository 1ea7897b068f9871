package scope

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Error is a scope error at a position in the source.
type Error struct {
	// Span is the range of the offending node; its start is the error's
	// position.
	Span ast.Span
	// Msg describes the problem.
	Msg string
}

// Error formats the error as "file:line:col: scope: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s: scope: %s", e.Span.StartPos, e.Msg)
}

// Position returns where the error is.
func (e *Error) Position() ast.Pos { return e.Span.StartPos }

// errorf returns an *Error at n.
func errorf(n ast.Node, format string, args ...any) *Error {
	return &Error{Span: ast.Span{StartPos: n.Pos(), EndPos: n.End()}, Msg: fmt.Sprintf(format, args...)}
}
