// Package parser parses mcl source into the syntax tree of package
// lang/ast. It is a hand-written recursive-descent parser; expressions are
// parsed by precedence climbing with upstream mgmt's operator precedence
// (see [ast.Op.Precedence]).
//
// The grammar is upstream's (lang/parser/parser.y), including its line
// structure: a statement ends at the end of its line (or at the `}` that
// closes its block, or at the end of the file). Lists, maps, structs, call
// arguments and parameter lists come in two forms: on one line, with commas
// between the elements and no trailing comma, `[1, 2, 3]`; or with a line
// break right after the opening bracket, in which case every element is
// followed by a comma, the last one included:
//
//	$l = [
//		1,
//		2,
//	]
//
// Resource bodies are different: every entry ends with a comma, on one line
// or on many.
package parser

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/lexer"
)

// maxDepth bounds the nesting of blocks and expressions, so that hostile
// input cannot exhaust the stack.
const maxDepth = 500

// ParseFile parses the mcl source src of the file called name (the name is
// only used in positions). It returns the module, or an *Error describing
// the first lexical or syntax error, whichever comes first in the source.
// It does not process string escapes or interpolation: see package
// lang/interpolate.
func ParseFile(name string, src []byte) (mod *ast.Module, err error) {
	p := &parser{file: name, lx: lexer.New(name, src)}
	defer func() {
		if r := recover(); r != nil {
			mod = nil
			if _, ok := r.(bailout); ok && p.err != nil {
				err = p.err
				return
			}
			// Last line of defence: a bug must not crash the caller.
			err = &Error{Pos: p.pos(p.tok), Msg: fmt.Sprintf("internal parser error: %v", r)}
		}
	}()
	p.next()
	mod = p.parseModule()
	for _, c := range p.lx.Comments() {
		start := ast.Pos{File: name, Line: c.Line, Col: c.Col}
		end := ast.Pos{File: name, Line: c.Line, Col: c.Col + len(c.Text)}
		mod.Comments = append(mod.Comments, &ast.Comment{Span: ast.Span{StartPos: start, EndPos: end}, Text: c.Text[1:]})
	}
	return mod, nil
}

// bailout is the panic value the parser uses to unwind after recording an
// error.
type bailout struct{}

// parser holds the state of one parse. It reads tokens from the lexer as
// it goes, so a lexical error is reported when the parser reaches it.
type parser struct {
	file  string
	lx    *lexer.Lexer
	tok   lexer.Token   // the current token
	prev  lexer.Token   // the last consumed token
	ahead []lexer.Token // tokens read past tok, for peek
	depth int
	err   *Error
}

// read returns the next token from the lexer, failing on a lexical error.
func (p *parser) read() lexer.Token {
	t, err := p.lx.Next()
	if err != nil {
		var le *lexer.Error
		errors.As(err, &le)
		p.failAt(le.Pos, "%s", le.Msg)
	}
	return t
}

// next consumes the current token.
func (p *parser) next() {
	p.prev = p.tok
	if len(p.ahead) > 0 {
		p.tok = p.ahead[0]
		p.ahead = p.ahead[1:]
		return
	}
	p.tok = p.read()
}

// peek returns the kind of the token n (at least 1) places after the
// current one.
func (p *parser) peek(n int) lexer.Kind {
	for len(p.ahead) < n {
		p.ahead = append(p.ahead, p.read())
	}
	return p.ahead[n-1].Kind
}

// at reports whether the current token is of kind k.
func (p *parser) at(k lexer.Kind) bool { return p.tok.Kind == k }

// accept consumes the current token if it is of kind k.
func (p *parser) accept(k lexer.Kind) bool {
	if p.tok.Kind == k {
		p.next()
		return true
	}
	return false
}

// skipNewlines consumes any line breaks.
func (p *parser) skipNewlines() {
	for p.tok.Kind == lexer.Newline {
		p.next()
	}
}

// pos returns the start position of a token.
func (p *parser) pos(t lexer.Token) ast.Pos {
	return ast.Pos{File: p.file, Line: t.Line, Col: t.Col}
}

// end returns the position just after a token.
func (p *parser) end(t lexer.Token) ast.Pos {
	return ast.Pos{File: p.file, Line: t.EndLine, Col: t.EndCol}
}

// span returns the span from the start of token from to the end of the
// last consumed token.
func (p *parser) span(from lexer.Token) ast.Span {
	return ast.Span{StartPos: p.pos(from), EndPos: p.end(p.prev)}
}

// spanFrom returns the span from start to the end of the last consumed
// token.
func (p *parser) spanFrom(start ast.Pos) ast.Span {
	return ast.Span{StartPos: start, EndPos: p.end(p.prev)}
}

// ident returns an Ident for a token with the given name.
func (p *parser) ident(t lexer.Token, name string) ast.Ident {
	return ast.Ident{Span: ast.Span{StartPos: p.pos(t), EndPos: p.end(t)}, Name: name}
}

// failAt records an error at pos and unwinds the parse.
func (p *parser) failAt(pos ast.Pos, format string, args ...any) {
	if p.err == nil {
		p.err = &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
	}
	panic(bailout{})
}

// unexpected fails at the current token, saying what was expected there.
func (p *parser) unexpected(expected string) {
	hint := ""
	if (p.tok.Kind == lexer.Int || p.tok.Kind == lexer.Float) && p.tok.Text[0] == '-' {
		hint = " (a `-` right before a digit is the sign of the number: subtract with a space, `a - 1`)"
	}
	p.failAt(p.pos(p.tok), "unexpected %s, expected %s%s", p.tok.Describe(), expected, hint)
}

// expect consumes a token of kind k, or fails saying what was expected.
func (p *parser) expect(k lexer.Kind, expected string) lexer.Token {
	if p.tok.Kind != k {
		p.unexpected(expected)
	}
	t := p.tok
	p.next()
	return t
}

// enter guards against runaway nesting; every call must be paired with a
// deferred leave.
func (p *parser) enter() {
	p.depth++
	if p.depth > maxDepth {
		p.failAt(p.pos(p.tok), "nesting deeper than %d levels", maxDepth)
	}
}

func (p *parser) leave() { p.depth-- }

// commaList parses the elements of a bracketed list whose opening bracket
// has just been consumed, up to and including the closing token of kind
// close. It calls elem for each element. what names the list in errors.
//
// A line break right after the opening bracket selects the multi-line
// form, in which every element is followed by a comma; otherwise the list
// must stay on one line and has no trailing comma.
func (p *parser) commaList(close lexer.Kind, what string, elem func()) {
	if p.at(lexer.Newline) {
		p.skipNewlines()
		for !p.at(close) {
			elem()
			if !p.at(lexer.Comma) {
				p.failAt(p.pos(p.tok), "unexpected %s, expected `,`: in a multi-line %s every element ends with a comma", p.tok.Describe(), what)
			}
			p.next()
			p.skipNewlines()
		}
		p.next()
		return
	}
	if p.accept(close) {
		return
	}
	for {
		elem()
		switch p.tok.Kind {
		case close:
			p.next()
			return
		case lexer.Comma:
			p.next()
			switch p.tok.Kind {
			case close:
				if what == "struct" {
					// The project's origin wrote struct{a => 1, b => 2,}
					// (older mcl); it still parses.
					p.next()
					return
				}
				p.failAt(p.pos(p.tok), "unexpected `%s`: a one-line %s has no trailing comma", close, what)
			case lexer.Newline:
				p.failAt(p.pos(p.tok), "unexpected newline in a one-line %s: to spread it over lines, break the line after `%s` and end every element with a comma", what, openOf(close))
			}
		default:
			p.unexpected(fmt.Sprintf("`,` or `%s`", close))
		}
	}
}

// openOf returns the opening bracket that matches a closing one.
func openOf(close lexer.Kind) string {
	switch close {
	case lexer.RParen:
		return "("
	case lexer.RBrack:
		return "["
	}
	return "{"
}
