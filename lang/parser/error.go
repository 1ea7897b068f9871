package parser

import (
	"bytes"
	"fmt"
	"strings"

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
	msg := e.Error()
	line, ok := sourceLine(src, e.Pos.Line)
	if !ok {
		return msg
	}
	var b strings.Builder
	b.WriteString(msg)
	b.WriteByte('\n')
	b.WriteString(line)
	b.WriteByte('\n')
	col := e.Pos.Col
	if col < 1 {
		col = 1
	}
	for i := 0; i < col-1 && i < len(line); i++ {
		if line[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteByte(' ')
		}
	}
	for i := len(line); i < col-1; i++ {
		b.WriteByte(' ')
	}
	b.WriteByte('^')
	return b.String()
}

// sourceLine returns line n (1-based) of src without its line break.
func sourceLine(src []byte, n int) (string, bool) {
	if n < 1 {
		return "", false
	}
	start := 0
	for i := 1; i < n; i++ {
		j := bytes.IndexByte(src[start:], '\n')
		if j < 0 {
			return "", false
		}
		start += j + 1
	}
	end := start
	for end < len(src) && src[end] != '\n' {
		end++
	}
	return strings.TrimSuffix(string(src[start:end]), "\r"), true
}
