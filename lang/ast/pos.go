package ast

import (
	"bytes"
	"fmt"
	"strings"
)

// Pos is a position in an mcl source file. Line and Col are 1-based; Col
// counts bytes, so a tab or a multi-byte character advances it by its byte
// length. The zero Pos is "no position".
type Pos struct {
	// File is the name the file was parsed under.
	File string
	// Line is the 1-based line number.
	Line int
	// Col is the 1-based byte column.
	Col int
}

// IsValid reports whether p is a real position (Line is at least 1).
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as "file:line:col", or "line:col" without a file name.
func (p Pos) String() string {
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Before reports whether p comes strictly before q in the same file.
func (p Pos) Before(q Pos) bool {
	return p.Line < q.Line || (p.Line == q.Line && p.Col < q.Col)
}

// Span is the source range of a node: StartPos is the position of its first
// byte and EndPos the position just after its last byte (an exclusive end,
// as in upstream's "row:col-row:col" bylines). Nodes embed a Span, which gives
// them their Pos and End methods.
type Span struct {
	// StartPos is the position of the first byte of the node.
	StartPos Pos
	// EndPos is the position just after the last byte of the node.
	EndPos Pos
}

// Pos returns the position of the first byte of the node.
func (s Span) Pos() Pos { return s.StartPos }

// End returns the position just after the last byte of the node.
func (s Span) End() Pos { return s.EndPos }

// SpanOf returns the span from the start of first to the end of last.
func SpanOf(first, last Node) Span {
	return Span{StartPos: first.Pos(), EndPos: last.End()}
}

// Node is implemented by every syntax tree node.
type Node interface {
	// Pos returns the position of the first byte of the node.
	Pos() Pos
	// End returns the position just after the last byte of the node.
	End() Pos
}

// Stmt is a statement: the things a module, a class, an if branch or a
// loop body is made of.
type Stmt interface {
	Node
	stmtNode()
}

// Expr is an expression: anything that has a value.
type Expr interface {
	Node
	exprNode()
}

// ResEntry is one entry of a resource (or collect) body: a *ResField, a
// *ResEdge or a *ResMeta.
type ResEntry interface {
	Node
	resEntryNode()
}

// Excerpt returns the line of src that p is on and a caret under p's
// column, each preceded by a newline, for showing an error to a person:
//
//	$x = [1, 2]]
//	           ^
//
// Tabs before the column are kept in the caret line so that the caret
// lines up in a terminal. It returns "" when the line is not in src.
func (p Pos) Excerpt(src []byte) string {
	line, ok := sourceLine(src, p.Line)
	if !ok {
		return ""
	}
	var b strings.Builder
	b.WriteByte('\n')
	b.WriteString(line)
	b.WriteByte('\n')
	col := max(p.Col, 1)
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
