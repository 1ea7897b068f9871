package parser

import (
	"strings"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/lexer"
)

// parseModule parses a whole file.
func (p *parser) parseModule() *ast.Module {
	body := p.parseStmts(false)
	start := ast.Pos{File: p.file, Line: 1, Col: 1}
	return &ast.Module{Span: ast.Span{StartPos: start, EndPos: p.end(p.tok)}, File: p.file, Body: body}
}

// parseStmts parses statements up to the end of the file (top level) or up
// to, but not including, the `}` that closes a block.
func (p *parser) parseStmts(inBlock bool) []ast.Stmt {
	var body []ast.Stmt
	for {
		p.skipNewlines()
		switch p.tok.Kind {
		case lexer.EOF:
			if inBlock {
				p.unexpected("`}`")
			}
			return body
		case lexer.RBrace:
			if inBlock {
				return body
			}
			p.failAt(p.pos(p.tok), "unexpected `}` with no block to close")
		}
		body = append(body, p.parseStmt())
		switch p.tok.Kind {
		case lexer.Newline:
			p.next()
		case lexer.EOF:
		case lexer.RBrace:
			if !inBlock {
				p.failAt(p.pos(p.tok), "unexpected `}` with no block to close")
			}
		default:
			p.unexpected("newline after the statement")
		}
	}
}

// parseBlock parses `{ statements }`.
func (p *parser) parseBlock(what string) *ast.Block {
	p.enter()
	defer p.leave()
	open := p.expect(lexer.LBrace, "`{` to start the "+what)
	body := p.parseStmts(true)
	p.next() // the `}`
	return &ast.Block{Span: p.span(open), Body: body}
}

// parseStmt parses one statement.
func (p *parser) parseStmt() ast.Stmt {
	switch p.tok.Kind {
	case lexer.Var:
		return p.parseBind()
	case lexer.If:
		return p.parseIfStmt()
	case lexer.For, lexer.ForKV:
		return p.parseFor()
	case lexer.Func:
		return p.parseFuncStmt()
	case lexer.Class:
		return p.parseClass()
	case lexer.Include:
		return p.parseInclude()
	case lexer.Import:
		return p.parseImport()
	case lexer.Collect:
		return p.parseCollect()
	case lexer.Panic:
		return p.parsePanic()
	case lexer.CapIdent:
		return p.parseEdge()
	case lexer.Ident:
		return p.parseResource()
	}
	p.unexpected("a statement")
	return nil
}

// varIdent consumes a Var token naming a variable to bind, which must not
// be dotted.
func (p *parser) varIdent(what string) ast.Ident {
	t := p.expect(lexer.Var, what)
	name := t.Name()
	if strings.Contains(name, ".") {
		p.failAt(p.pos(t), "%s can't be the dotted name `%s`", what, t.Text)
	}
	return p.ident(t, name)
}

// parseBind parses `$x = expr` or `$x type = expr`.
func (p *parser) parseBind() ast.Stmt {
	start := p.tok
	name := p.varIdent("a variable to bind")
	s := &ast.StmtBind{Name: name}
	if !p.at(lexer.Assign) {
		if p.at(lexer.Eq) {
			p.failAt(p.pos(p.tok), "unexpected `==` in a bind: a bind is `$x = value`")
		}
		if !p.atTypeStart() {
			p.unexpected("`=` or a type")
		}
		s.Type = p.parseType()
		p.expect(lexer.Assign, "`=`")
	} else {
		p.next()
	}
	s.Value = p.parseExpr()
	s.Span = p.span(start)
	return s
}

// parseIfStmt parses `if cond { ... }` with an optional `else { ... }`.
func (p *parser) parseIfStmt() ast.Stmt {
	start := p.expect(lexer.If, "`if`")
	s := &ast.StmtIf{Cond: p.parseExpr()}
	s.Then = p.parseBlock("if branch")
	if p.accept(lexer.Else) {
		if p.at(lexer.If) {
			p.failAt(p.pos(p.tok), "unexpected `if` after `else`: there is no `else if`, nest another if inside `else { }`")
		}
		s.Else = p.parseBlock("else branch")
	}
	s.Span = p.span(start)
	return s
}

// parseFor parses `for $i, $v in expr { ... }` and
// `forkv $k, $v in expr { ... }`.
func (p *parser) parseFor() ast.Stmt {
	start := p.tok
	kv := p.at(lexer.ForKV)
	p.next()
	first := p.varIdent("a loop variable")
	p.expect(lexer.Comma, "`,` between the two loop variables")
	second := p.varIdent("a loop variable")
	p.expect(lexer.In, "`in`")
	x := p.parseExpr()
	body := p.parseBlock("loop body")
	if kv {
		return &ast.StmtForKV{Span: p.span(start), Key: first, Value: second, Map: x, Body: body}
	}
	return &ast.StmtFor{Span: p.span(start), Index: first, Value: second, List: x, Body: body}
}

// parseFuncStmt parses `func name(params) [type] { expr }`.
func (p *parser) parseFuncStmt() ast.Stmt {
	start := p.expect(lexer.Func, "`func`")
	if p.at(lexer.LParen) {
		p.failAt(p.pos(start), "a function value can't stand as a statement: name it (`func name(...) {...}`) or bind it (`$f = func(...) {...}`)")
	}
	nt := p.expect(lexer.Ident, "a function name")
	s := &ast.StmtFunc{Name: p.ident(nt, nt.Text)}
	s.Func = p.parseFuncRest(p.tok)
	s.Span = p.span(start)
	return s
}

// parseParams parses a parenthesized parameter list, `($a, $b str)`.
// Duplicate names are left to a later pass, as upstream reports them when
// it initializes the tree, not when it parses.
func (p *parser) parseParams() []*ast.Param {
	p.expect(lexer.LParen, "`(`")
	params := []*ast.Param{}
	p.commaList(lexer.RParen, "parameter list", func() {
		t := p.tok
		name := p.varIdent("a parameter")
		param := &ast.Param{Name: name}
		if p.atTypeStart() {
			param.Type = p.parseType()
		}
		param.Span = p.span(t)
		params = append(params, param)
	})
	return params
}

// colonName parses a colon-joined name such as `http:server` or
// `base:inner` made of tokens of kind k. Capitalized names (edge kinds) are
// lower-cased, as upstream's lexer does.
func (p *parser) colonName(k lexer.Kind, what string) ast.Ident {
	first := p.expect(k, what)
	name := first.Text
	for p.at(lexer.Colon) && p.peek(1) == k {
		p.next()
		name += ":" + p.tok.Text
		p.next()
	}
	if k == lexer.CapIdent {
		name = strings.ToLower(name)
	}
	return ast.Ident{Span: p.span(first), Name: name}
}

// parseClass parses `class name { ... }` and `class name(params) { ... }`.
func (p *parser) parseClass() ast.Stmt {
	start := p.expect(lexer.Class, "`class`")
	s := &ast.StmtClass{Name: p.colonName(lexer.Ident, "a class name")}
	if p.at(lexer.LParen) {
		s.Params = p.parseParams()
	}
	s.Body = p.parseBlock("class body")
	s.Span = p.span(start)
	return s
}

// dottedName parses a dotted name such as `fmt.printf` or `i1.inner`.
// Its parts are identifiers, or the reserved words `map` and `collect`
// (a package may be called map). With colons set, parts may also be joined
// by colons, as in `base:inner`.
func (p *parser) dottedName(what string, colons bool) ast.Ident {
	first := p.tok
	var b strings.Builder
	for {
		if !isNamePart(p.tok.Kind) {
			p.unexpected(what)
		}
		b.WriteString(p.tok.Text)
		p.next()
		if !p.at(lexer.Dot) && !(colons && p.at(lexer.Colon)) {
			break
		}
		b.WriteString(p.tok.Text)
		p.next()
	}
	return ast.Ident{Span: p.span(first), Name: b.String()}
}

// isNamePart reports whether a token can be part of a dotted name.
func isNamePart(k lexer.Kind) bool {
	return k == lexer.Ident || k == lexer.MapType || k == lexer.Collect
}

// parseInclude parses `include name`, `include name(args)` and either of
// them followed by `as alias`. The name may be dotted (`alias.inner`, a
// class of an included one) or colon-joined (`base:inner`, the name that
// `class base:inner` defines).
func (p *parser) parseInclude() ast.Stmt {
	start := p.expect(lexer.Include, "`include`")
	s := &ast.StmtInclude{Name: p.dottedName("a class name", true)}
	if p.accept(lexer.LParen) {
		s.Args = p.parseArgs()
	}
	if p.accept(lexer.As) {
		if p.at(lexer.Star) {
			p.failAt(p.pos(p.tok), "`include ... as *` is not supported: give the include a name")
		}
		t := p.expect(lexer.Ident, "an alias name")
		alias := p.ident(t, t.Text)
		s.Alias = &alias
	}
	s.Span = p.span(start)
	return s
}

// parseImport parses `import "path"` with an optional `as name` or `as *`.
func (p *parser) parseImport() ast.Stmt {
	start := p.expect(lexer.Import, "`import`")
	path := p.expect(lexer.String, "the quoted name of what to import")
	s := &ast.StmtImport{Path: path.Name(), PathSpan: p.span(path)}
	if p.accept(lexer.As) {
		if !p.at(lexer.Ident) && !p.at(lexer.Star) {
			p.unexpected("an alias name or `*`")
		}
		alias := p.ident(p.tok, p.tok.Text)
		s.Alias = &alias
		p.next()
	}
	s.Span = p.span(start)
	return s
}

// parsePanic parses `panic(args)`.
func (p *parser) parsePanic() ast.Stmt {
	start := p.expect(lexer.Panic, "`panic`")
	p.expect(lexer.LParen, "`(` after panic")
	s := &ast.StmtPanic{Args: p.parseArgs()}
	s.Span = p.span(start)
	return s
}
