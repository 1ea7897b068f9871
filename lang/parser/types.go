package parser

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/lexer"
)

// atTypeStart reports whether the current token can start a type.
func (p *parser) atTypeStart() bool {
	switch p.tok.Kind {
	case lexer.BoolType, lexer.StrType, lexer.IntType, lexer.FloatType,
		lexer.VariantType, lexer.MapType, lexer.StructType, lexer.Func,
		lexer.LBrack:
		return true
	}
	return false
}

// parseType parses a type: bool, str, int, float, variant, []T,
// map{K: V}, struct{a T; b U} or func(T, $name U) R.
func (p *parser) parseType() *ast.TypeExpr {
	start := p.tok
	t := p.parseTypeValue()
	return &ast.TypeExpr{Span: p.span(start), Type: t}
}

// parseTypeValue parses a type and returns its value.
func (p *parser) parseTypeValue() *hostabi.Type {
	p.enter()
	defer p.leave()
	switch p.tok.Kind {
	case lexer.BoolType:
		p.next()
		return hostabi.TypeBool
	case lexer.StrType:
		p.next()
		return hostabi.TypeStr
	case lexer.IntType:
		p.next()
		return hostabi.TypeInt
	case lexer.FloatType:
		p.next()
		return hostabi.TypeFloat
	case lexer.VariantType:
		p.next()
		return &hostabi.Type{Kind: hostabi.KindVariant}
	case lexer.LBrack:
		p.next()
		p.expect(lexer.RBrack, "`]` of a list type `[]T`")
		return hostabi.NewList(p.parseTypeValue())
	case lexer.MapType:
		p.next()
		p.expect(lexer.LBrace, "`{` of a map type `map{K: V}`")
		p.skipNewlines()
		k := p.parseTypeValue()
		p.expect(lexer.Colon, "`:` between the key and value types")
		v := p.parseTypeValue()
		p.skipNewlines()
		p.expect(lexer.RBrace, "`}` to end the map type")
		return hostabi.NewMap(k, v)
	case lexer.StructType:
		return p.parseStructType()
	case lexer.Func:
		return p.parseFuncType()
	}
	p.unexpected("a type")
	return nil
}

// parseStructType parses `struct{a T; b U}` (a `;` after the last field
// and line breaks between fields are accepted).
func (p *parser) parseStructType() *hostabi.Type {
	p.next()
	p.expect(lexer.LBrace, "`{` of a struct type")
	var fields []hostabi.Field
	seen := map[string]bool{}
	for {
		p.skipNewlines()
		if p.accept(lexer.RBrace) {
			break
		}
		nt := p.expect(lexer.Ident, "a struct field name or `}`")
		if seen[nt.Text] {
			p.failAt(p.pos(nt), "duplicate struct field `%s`", nt.Text)
		}
		seen[nt.Text] = true
		fields = append(fields, hostabi.Field{Name: nt.Text, Type: p.parseTypeValue()})
		p.skipNewlines()
		if !p.accept(lexer.Semicolon) && !p.at(lexer.RBrace) {
			p.unexpected("`;` or `}` in the struct type")
		}
	}
	return hostabi.NewStruct(fields...)
}

// parseFuncType parses `func(T, $name U) R`; argument names are optional
// and may be written with or without a '$'.
func (p *parser) parseFuncType() *hostabi.Type {
	p.next()
	p.expect(lexer.LParen, "`(` of a function type")
	var in []hostabi.Field
	seen := map[string]bool{}
	p.commaList(lexer.RParen, "function type", func() {
		name := ""
		if p.at(lexer.Var) || p.at(lexer.Ident) {
			nt := p.tok
			name = nt.Name()
			if p.at(lexer.Var) {
				name = p.varIdent("an argument name").Name
			} else {
				p.next()
			}
			if seen[name] {
				p.failAt(p.pos(nt), "duplicate argument name `%s` in a function type", name)
			}
			seen[name] = true
		}
		in = append(in, hostabi.Field{Name: name, Type: p.parseTypeValue()})
	})
	return hostabi.NewFunc(p.parseTypeValue(), in...)
}
