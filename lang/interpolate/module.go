package interpolate

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Error is an interpolation error at a position in the source.
type Error struct {
	// Pos is the position of the offending part of the string literal.
	Pos ast.Pos
	// Span is the range of the whole string literal.
	Span ast.Span
	// Msg describes the problem.
	Msg string
}

// Error formats the error as "file:line:col: interpolate: message".
func (e *Error) Error() string {
	return fmt.Sprintf("%s: interpolate: %s", e.Pos, e.Msg)
}

// Module interpolates every string literal of m in place. A literal
// without ${...} references keeps its *ast.ExprStr node, with Value set to
// its decoded text and Decoded set; a literal with references is replaced
// by an *ast.ExprInterp. It stops at the first error, an *Error. Literals
// that are already decoded are left alone, so running it twice is harmless.
func Module(m *ast.Module) error {
	var first error
	ast.RewriteExprs(m, func(e ast.Expr) ast.Expr {
		s, ok := e.(*ast.ExprStr)
		if !ok || s.Decoded || first != nil {
			return e
		}
		out, err := String(s)
		if err != nil {
			first = err
			return e
		}
		return out
	})
	return first
}

// String interpolates one string literal (it does not modify s). It
// returns a decoded copy of s when the literal holds no references, and an
// *ast.ExprInterp otherwise; on error it returns an *Error.
func String(s *ast.ExprStr) (ast.Expr, error) {
	segs, err := Parse(s.Raw)
	if err != nil {
		var se *SyntaxError
		errors.As(err, &se)
		return nil, &Error{Pos: posAt(s, se.Off), Span: s.Span, Msg: se.Msg}
	}
	hasVar := false
	for _, seg := range segs {
		hasVar = hasVar || seg.IsVar
	}
	if !hasVar {
		out := *s
		out.Value, out.Decoded = "", true
		if len(segs) == 1 {
			out.Value = segs[0].Text
		}
		return &out, nil
	}
	x := &ast.ExprInterp{Span: s.Span, Parts: make([]ast.Expr, 0, len(segs))}
	for _, seg := range segs {
		span := ast.Span{StartPos: posAt(s, seg.Off), EndPos: posAt(s, seg.End)}
		if seg.IsVar {
			x.Parts = append(x.Parts, &ast.ExprVar{Span: span, Name: seg.Text})
			continue
		}
		x.Parts = append(x.Parts, &ast.ExprStr{Span: span, Raw: s.Raw[seg.Off:seg.End], Value: seg.Text, Decoded: true})
	}
	return x, nil
}

// posAt returns the source position of byte off of the raw text of s,
// which starts just after the opening quote.
func posAt(s *ast.ExprStr, off int) ast.Pos {
	p := s.Pos()
	p.Col++ // the opening quote
	for i := 0; i < off && i < len(s.Raw); i++ {
		if s.Raw[i] == '\n' {
			p.Line++
			p.Col = 1
		} else {
			p.Col++
		}
	}
	return p
}
