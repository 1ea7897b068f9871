package parser

import (
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/lexer"
)

// opExcept stands for `<|>` in binaryOp; it is not an ast.Op because it
// builds an ExprExcept.
const opExcept ast.Op = "<|>"

// binaryOp returns the operator of a binary operator token and its binding
// level, or a level of 0 if the token is not a binary operator.
func binaryOp(k lexer.Kind) (ast.Op, int) {
	var op ast.Op
	switch k {
	case lexer.Default:
		return opExcept, ast.PrecExcept
	case lexer.Or:
		op = ast.OpOr
	case lexer.And:
		op = ast.OpAnd
	case lexer.Eq:
		op = ast.OpEq
	case lexer.Ne:
		op = ast.OpNe
	case lexer.Lt:
		op = ast.OpLt
	case lexer.Gt:
		op = ast.OpGt
	case lexer.Le:
		op = ast.OpLe
	case lexer.Ge:
		op = ast.OpGe
	case lexer.In:
		op = ast.OpIn
	case lexer.Plus:
		op = ast.OpAdd
	case lexer.Minus:
		op = ast.OpSub
	case lexer.Star:
		op = ast.OpMul
	case lexer.Slash:
		op = ast.OpDiv
	default:
		return "", 0
	}
	return op, op.Precedence()
}

// parseExpr parses a whole expression.
func (p *parser) parseExpr() ast.Expr {
	return p.parseBinary(ast.PrecExcept)
}

// parseBinary parses an expression whose binary operators all bind at
// level min or tighter (precedence climbing). All binary operators are
// left-associative except the comparisons, which do not chain.
func (p *parser) parseBinary(min int) ast.Expr {
	p.enter()
	defer p.leave()
	x := p.parseUnary()
	for {
		op, prec := binaryOp(p.tok.Kind)
		if prec == 0 || prec < min {
			return x
		}
		opTok := p.tok
		p.next()
		y := p.parseBinary(prec + 1)
		span := ast.SpanOf(x, y)
		if op == opExcept {
			x = &ast.ExprExcept{Span: span, X: x, OpPos: p.pos(opTok), Default: y}
			continue
		}
		x = &ast.ExprBinary{Span: span, Op: op, OpPos: p.pos(opTok), X: x, Y: y}
		if _, next := binaryOp(p.tok.Kind); prec == ast.PrecCompare && next == ast.PrecCompare {
			p.failAt(p.pos(p.tok), "unexpected %s: comparison operators (== != < > <= >= in) don't chain, use parentheses", p.tok.Describe())
		}
	}
}

// parseUnary parses `not x` (which binds tighter than every binary
// operator) or a postfix expression.
func (p *parser) parseUnary() ast.Expr {
	if p.at(lexer.Not) {
		p.enter()
		defer p.leave()
		start := p.tok
		p.next()
		x := p.parseUnary()
		return &ast.ExprUnary{Span: ast.Span{StartPos: p.pos(start), EndPos: x.End()}, Op: ast.OpNot, X: x}
	}
	if p.at(lexer.Minus) {
		p.failAt(p.pos(p.tok), "unexpected `-`: mcl has no unary minus; a sign is part of a number literal only (`-3`), so write `0 - x`")
	}
	return p.parsePostfix(p.parsePrimary())
}

// parsePostfix parses the index, struct lookup and call suffixes that may
// follow an operand: `x[i]`, `x->field` and `x(args)`.
func (p *parser) parsePostfix(x ast.Expr) ast.Expr {
	for {
		switch p.tok.Kind {
		case lexer.LBrack:
			p.next()
			idx := p.parseExpr()
			p.expect(lexer.RBrack, "`]`")
			x = &ast.ExprIndex{Span: p.spanFrom(x.Pos()), X: x, Index: idx}
		case lexer.Arrow:
			p.next()
			ft := p.expect(lexer.Ident, "a struct field name after `->`")
			lookup := &ast.ExprStructLookup{X: x, Field: p.ident(ft, ft.Text)}
			if p.accept(lexer.Default) {
				// `$s->f <|> d` is the optional lookup; d binds like
				// the right operand of `<|>`.
				lookup.Default = p.parseBinary(ast.PrecExcept + 1)
				lookup.Span = ast.Span{StartPos: x.Pos(), EndPos: lookup.Default.End()}
				return lookup
			}
			lookup.Span = p.spanFrom(x.Pos())
			x = lookup
		case lexer.LParen:
			switch x.(type) {
			case *ast.ExprVar, *ast.ExprCall, *ast.ExprFunc, *ast.ExprParen, *ast.ExprIndex, *ast.ExprStructLookup:
			default:
				p.failAt(p.pos(p.tok), "unexpected `(`: only a function can be called")
			}
			p.next()
			args := p.parseArgs()
			x = &ast.ExprCall{Span: p.spanFrom(x.Pos()), Func: x, Args: args}
		default:
			return x
		}
	}
}

// parseArgs parses call arguments after the `(` up to and including `)`.
func (p *parser) parseArgs() []ast.Expr {
	args := []ast.Expr{}
	p.commaList(lexer.RParen, "argument list", func() {
		args = append(args, p.parseExpr())
	})
	return args
}
