package parser

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Error is a syntax error (or a lexical one: they are reported alike) at a
// position in the source.
type Error struct {
	// Pos is where the problem is: usually the first byte of the token
	// the parser did not expect.
	Pos ast.Pos
	// Msg describes the problem.
	Msg string
}

// Error formats the error as "file:line:col: parse: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s: parse: %s", e.Pos, e.Msg)
}

// Format returns the error message followed by the offending line of src
// and a caret under the column, for showing to a person:
//
//	main.mcl:1:12: parse: unexpected `]`, expected newline after the statement
//	$x = [1, 2]]
//	           ^
//
// Tabs before the column are kept in the caret line so that the caret
// lines up in a terminal. If the line is not in src, only the message is
// returned.
func (e *Error) Format(src []byte) string {
	return e.Error() + e.Pos.Excerpt(src)
}
