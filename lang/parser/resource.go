package parser

import (
	"strings"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/lexer"
)

// parseResource parses `kind name { entries }`.
func (p *parser) parseResource() ast.Stmt {
	start := p.tok
	s := &ast.StmtRes{Kind: p.colonName(lexer.Ident, "a resource kind")}
	s.Name = p.parseExpr()
	s.Body = p.parseResBody("resource")
	s.Span = p.span(start)
	return s
}

// parseCollect parses `collect kind names { entries }`.
func (p *parser) parseCollect() ast.Stmt {
	start := p.expect(lexer.Collect, "`collect`")
	s := &ast.StmtCollect{Kind: p.colonName(lexer.Ident, "a resource kind")}
	s.Names = p.parseExpr()
	s.Body = p.parseResBody("collect")
	s.Span = p.span(start)
	return s
}

// parseResBody parses `{ entry, entry, ... }`: every entry ends with a
// comma; line breaks may appear between entries.
func (p *parser) parseResBody(what string) []ast.ResEntry {
	p.enter()
	defer p.leave()
	p.expect(lexer.LBrace, "`{` to start the "+what+" body")
	entries := []ast.ResEntry{}
	for {
		p.skipNewlines()
		if p.accept(lexer.RBrace) {
			return entries
		}
		entries = append(entries, p.parseResEntry())
		if !p.accept(lexer.Comma) {
			p.failAt(p.pos(p.tok), "unexpected %s, expected `,`: every entry of a %s body ends with a comma", p.tok.Describe(), what)
		}
	}
}

// valueWithCond parses `expr` or `cond ?: expr` after a `=>`.
func (p *parser) valueWithCond() (cond, value ast.Expr) {
	value = p.parseExpr()
	if p.accept(lexer.Elvis) {
		cond, value = value, p.parseExpr()
	}
	return cond, value
}

// parseResEntry parses one resource body entry, without its comma.
func (p *parser) parseResEntry() ast.ResEntry {
	start := p.tok
	switch p.tok.Kind {
	case lexer.Ident:
		f := &ast.ResField{Field: p.ident(p.tok, p.tok.Text)}
		p.next()
		p.expect(lexer.Rocket, "`=>`")
		f.Cond, f.Value = p.valueWithCond()
		f.Span = p.span(start)
		return f
	case lexer.CapIdent:
		key := strings.ToLower(p.tok.Text)
		switch key {
		case "meta":
			return p.parseResMeta()
		case "before", "depend", "notify", "listen":
			e := &ast.ResEdge{Property: p.ident(p.tok, key)}
			p.next()
			p.expect(lexer.Rocket, "`=>`")
			if !p.at(lexer.CapIdent) {
				e.Cond = p.parseExpr()
				p.expect(lexer.Elvis, "`?:` after the condition, then the resource")
			}
			e.Target = p.parseEdgeHalf()
			if e.Target.Field != nil {
				p.failAt(e.Target.Field.Pos(), "an edge in a resource body can't name a send/recv field")
			}
			e.Span = p.span(start)
			return e
		}
		p.failAt(p.pos(p.tok), "invalid resource field `%s`: the capitalized keys are Meta, Before, Depend, Notify and Listen", p.tok.Text)
	}
	if p.tok.Kind.IsKeyword() {
		p.failAt(p.pos(p.tok), "unexpected %s: a reserved word can't be a resource parameter name", p.tok.Describe())
	}
	p.unexpected("a parameter name, Meta, an edge keyword or `}`")
	return nil
}

// parseResMeta parses `Meta:name => value` or `Meta => struct{...}`, either
// with an optional condition.
func (p *parser) parseResMeta() ast.ResEntry {
	start := p.tok
	m := &ast.ResMeta{Meta: p.ident(p.tok, "meta")}
	p.next()
	if p.accept(lexer.Colon) {
		t := p.expect(lexer.Ident, "a metaparameter name")
		prop := p.ident(t, t.Text)
		m.Property = &prop
	}
	p.expect(lexer.Rocket, "`=>`")
	m.Cond, m.Value = p.valueWithCond()
	m.Span = p.span(start)
	return m
}

// parseEdge parses an edge statement: a chain `A["a"] -> B["b"] -> ...` or
// a send/recv pair `A["a"].out -> B["b"].in`.
func (p *parser) parseEdge() ast.Stmt {
	start := p.tok
	s := &ast.StmtEdge{Halves: []*ast.EdgeHalf{p.parseEdgeHalf()}}
	for p.accept(lexer.Arrow) {
		s.Halves = append(s.Halves, p.parseEdgeHalf())
	}
	if s.SendRecv() || len(s.Halves) > 1 && s.Halves[1].Field != nil {
		if len(s.Halves) != 2 || s.Halves[0].Field == nil || s.Halves[1].Field == nil {
			p.failAt(p.pos(start), "a send/recv edge joins exactly two fields: `Kind[\"a\"].out -> Kind[\"b\"].in`")
		}
	} else {
		for _, h := range s.Halves {
			if h.Field != nil {
				p.failAt(h.Field.Pos(), "a chain of edges can't name send/recv fields")
			}
		}
	}
	s.Span = p.span(start)
	return s
}

// parseEdgeHalf parses `Kind[name]` with an optional `.field`.
func (p *parser) parseEdgeHalf() *ast.EdgeHalf {
	start := p.tok
	if p.at(lexer.Ident) {
		p.failAt(p.pos(p.tok), "unexpected %s: the kind of a resource in an edge is capitalized, as in `%s[...]`", p.tok.Describe(), capitalize(p.tok.Text))
	}
	h := &ast.EdgeHalf{Kind: p.colonName(lexer.CapIdent, "a capitalized resource kind")}
	p.expect(lexer.LBrack, "`[` after the resource kind")
	h.Name = p.parseExpr()
	p.expect(lexer.RBrack, "`]`")
	if p.accept(lexer.Dot) {
		t := p.expect(lexer.Ident, "a send/recv field name")
		f := p.ident(t, t.Text)
		h.Field = &f
	}
	h.Span = p.span(start)
	return h
}

// capitalize upper-cases the first letter of each colon-separated part.
func capitalize(s string) string {
	parts := strings.Split(s, ":")
	for i, part := range parts {
		if part != "" {
			parts[i] = strings.ToUpper(part[:1]) + part[1:]
		}
	}
	return strings.Join(parts, ":")
}
