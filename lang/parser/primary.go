package parser

import (
	"strconv"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/lexer"
)

// parsePrimary parses an operand: a literal, a variable, a call, a lambda,
// an if expression or a parenthesized expression.
func (p *parser) parsePrimary() ast.Expr {
	t := p.tok
	tspan := ast.Span{StartPos: p.pos(t), EndPos: p.end(t)}
	switch t.Kind {
	case lexer.True, lexer.False:
		p.next()
		return &ast.ExprBool{Span: tspan, Value: t.Kind == lexer.True}
	case lexer.String:
		p.next()
		return &ast.ExprStr{Span: tspan, Raw: t.Name()}
	case lexer.Int:
		p.next()
		v, err := strconv.ParseInt(t.Text, 10, 64)
		if err != nil { // the lexer has checked it already
			p.failAt(p.pos(t), "integer %s overflows int64", t.Text)
		}
		return &ast.ExprInt{Span: tspan, Raw: t.Text, Value: v}
	case lexer.Float:
		p.next()
		v, err := strconv.ParseFloat(t.Text, 64)
		if err != nil {
			p.failAt(p.pos(t), "float %s overflows float64", t.Text)
		}
		return &ast.ExprFloat{Span: tspan, Raw: t.Text, Value: v}
	case lexer.Var:
		p.next()
		return &ast.ExprVar{Span: tspan, Name: t.Name()}
	case lexer.Ident, lexer.MapType, lexer.Collect:
		return p.parseNamedCall()
	case lexer.LBrack:
		return p.parseList()
	case lexer.LBrace:
		return p.parseMap()
	case lexer.StructType:
		return p.parseStruct()
	case lexer.Func:
		p.next()
		return p.parseFuncRest(t)
	case lexer.If:
		return p.parseIfExpr()
	case lexer.LParen:
		p.enter()
		defer p.leave()
		p.next()
		x := p.parseExpr()
		p.expect(lexer.RParen, "`)`")
		return &ast.ExprParen{Span: p.span(t), X: x}
	case lexer.CapIdent:
		p.failAt(p.pos(t), "unexpected %s: a resource reference such as `%s[...]` belongs in an edge, not in an expression", t.Describe(), t.Text)
	}
	p.unexpected("an expression")
	return nil
}

// parseNamedCall parses `name(args)` or `pkg.name(args)`.
func (p *parser) parseNamedCall() ast.Expr {
	start := p.tok
	name := p.dottedName("a function name", false)
	if !p.at(lexer.LParen) {
		p.failAt(p.pos(start), "`%s` is not a value: variables start with `$` and functions are called with `(...)`", name.Name)
	}
	p.next()
	args := p.parseArgs()
	return &ast.ExprCall{Span: p.span(start), Name: name, Args: args}
}

// parseFuncRest parses the part of a function after `func` (and after the
// name of a function statement): `(params) [type] { body }`. start is the
// token its span begins at.
func (p *parser) parseFuncRest(start lexer.Token) *ast.ExprFunc {
	p.enter()
	defer p.leave()
	f := &ast.ExprFunc{Params: p.parseParams()}
	if p.atTypeStart() {
		f.Result = p.parseType()
	}
	f.Body = p.parseExprBody("function body")
	f.Span = p.span(start)
	return f
}

// parseExprBody parses `{ expr }`, where line breaks may surround expr.
func (p *parser) parseExprBody(what string) ast.Expr {
	p.expect(lexer.LBrace, "`{` to start the "+what)
	p.skipNewlines()
	x := p.parseExpr()
	p.skipNewlines()
	if !p.at(lexer.RBrace) {
		p.unexpected("`}` to end the " + what + " (it holds a single expression)")
	}
	p.next()
	return x
}

// parseIfExpr parses `if cond { expr } else { expr }`.
func (p *parser) parseIfExpr() ast.Expr {
	p.enter()
	defer p.leave()
	start := p.expect(lexer.If, "`if`")
	x := &ast.ExprIf{Cond: p.parseExpr()}
	x.Then = p.parseExprBody("if branch")
	if !p.at(lexer.Else) {
		p.unexpected("`else`: an if expression needs an else branch")
	}
	p.next()
	if p.at(lexer.If) {
		p.failAt(p.pos(p.tok), "unexpected `if` after `else`: there is no `else if`, nest another if inside `else { }`")
	}
	x.Else = p.parseExprBody("else branch")
	x.Span = p.span(start)
	return x
}

// parseList parses `[a, b, c]`.
func (p *parser) parseList() ast.Expr {
	p.enter()
	defer p.leave()
	start := p.expect(lexer.LBrack, "`[`")
	elems := []ast.Expr{}
	p.commaList(lexer.RBrack, "list", func() {
		elems = append(elems, p.parseExpr())
	})
	return &ast.ExprList{Span: p.span(start), Elems: elems}
}

// parseMap parses `{k => v, ...}`.
func (p *parser) parseMap() ast.Expr {
	p.enter()
	defer p.leave()
	start := p.expect(lexer.LBrace, "`{`")
	entries := []*ast.MapEntry{}
	p.commaList(lexer.RBrace, "map", func() {
		k := p.parseExpr()
		p.expect(lexer.Rocket, "`=>` between a map key and its value")
		v := p.parseExpr()
		entries = append(entries, &ast.MapEntry{Span: ast.SpanOf(k, v), Key: k, Value: v})
	})
	return &ast.ExprMap{Span: p.span(start), Entries: entries}
}

// parseStruct parses `struct{name => v, ...}`.
func (p *parser) parseStruct() ast.Expr {
	p.enter()
	defer p.leave()
	start := p.expect(lexer.StructType, "`struct`")
	p.expect(lexer.LBrace, "`{` of a struct value")
	fields := []*ast.StructField{}
	p.commaList(lexer.RBrace, "struct", func() {
		nt := p.expect(lexer.Ident, "a struct field name")
		p.expect(lexer.Rocket, "`=>` between a struct field name and its value")
		v := p.parseExpr()
		f := &ast.StructField{Span: ast.Span{StartPos: p.pos(nt), EndPos: v.End()}, Name: p.ident(nt, nt.Text), Value: v}
		fields = append(fields, f)
	})
	return &ast.ExprStruct{Span: p.span(start), Fields: fields}
}
