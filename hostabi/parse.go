package hostabi

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// ParseType parses a type written in mcl syntax, the syntax that
// [Type.String] prints: bool, str, int, float, variant, []T, map{K: V},
// struct{a T; b U} (fields separated by ';', a trailing ';' allowed, struct{}
// allowed), func(T, U) R or func(a T, b U) R, and type variables ?1, ?2, ...
// Whitespace between tokens is ignored. Other identifiers, such as T, are not
// types. Errors wrap [ErrSyntax] and give the byte offset at which the input
// went wrong and what was expected there.
func ParseType(s string) (*Type, error) {
	p := &typeParser{s: s}
	t, err := p.parseType()
	if err == nil {
		p.skipSpace()
		if p.pos < len(p.s) {
			err = p.fail("end of input")
		}
	}
	if err != nil {
		return nil, fmt.Errorf("parse type %q: %w", s, err)
	}
	return t, nil
}

// typeParser is a recursive descent parser over the bytes of s.
type typeParser struct {
	s   string
	pos int
}

// fail returns an error saying what was expected at the current offset and
// what was found instead.
func (p *typeParser) fail(expected string) error {
	return fmt.Errorf("%w: at offset %d: expected %s, got %s", ErrSyntax, p.pos, expected, p.found())
}

// found describes the input at the current offset for error messages.
func (p *typeParser) found() string {
	if p.pos >= len(p.s) {
		return "end of input"
	}
	if isIdentStart(p.s[p.pos]) {
		end := p.pos
		for end < len(p.s) && isIdentPart(p.s[end]) {
			end++
		}
		return "identifier " + strconv.Quote(p.s[p.pos:end])
	}
	r, _ := utf8.DecodeRuneInString(p.s[p.pos:])
	return strconv.QuoteRune(r)
}

// skipSpace advances past spaces, tabs, carriage returns and newlines.
func (p *typeParser) skipSpace() {
	for p.pos < len(p.s) {
		switch p.s[p.pos] {
		case ' ', '\t', '\r', '\n':
			p.pos++
		default:
			return
		}
	}
}

// peek skips whitespace and returns the next byte, or 0 at end of input.
func (p *typeParser) peek() byte {
	p.skipSpace()
	if p.pos >= len(p.s) {
		return 0
	}
	return p.s[p.pos]
}

// expect skips whitespace and consumes the byte c, or fails.
func (p *typeParser) expect(c byte) error {
	if p.peek() != c {
		return p.fail(strconv.QuoteRune(rune(c)))
	}
	p.pos++
	return nil
}

// ident consumes an identifier at the current offset (which must not be
// whitespace) and returns it, or "" if there is none.
func (p *typeParser) ident() string {
	start := p.pos
	if p.pos >= len(p.s) || !isIdentStart(p.s[p.pos]) {
		return ""
	}
	for p.pos < len(p.s) && isIdentPart(p.s[p.pos]) {
		p.pos++
	}
	return p.s[start:p.pos]
}

// parseType parses one type.
func (p *typeParser) parseType() (*Type, error) {
	switch c := p.peek(); {
	case c == '[':
		p.pos++
		if err := p.expect(']'); err != nil {
			return nil, err
		}
		elem, err := p.parseType()
		if err != nil {
			return nil, err
		}
		return NewList(elem), nil
	case c == '?':
		p.pos++
		start := p.pos
		for p.pos < len(p.s) && p.s[p.pos] >= '0' && p.s[p.pos] <= '9' {
			p.pos++
		}
		if p.pos == start {
			return nil, p.fail("digit after '?'")
		}
		return &Type{Kind: KindVar, Name: p.s[start-1 : p.pos]}, nil
	case isIdentStart(c):
		start := p.pos
		switch name := p.ident(); name {
		case "bool":
			return TypeBool, nil
		case "str":
			return TypeStr, nil
		case "int":
			return TypeInt, nil
		case "float":
			return TypeFloat, nil
		case "variant":
			return &Type{Kind: KindVariant}, nil
		case "map":
			return p.parseMap()
		case "struct":
			return p.parseStruct()
		case "func":
			return p.parseFunc()
		default:
			p.pos = start
		}
	}
	return nil, p.fail("type")
}

// parseMap parses the rest of a map type after the "map" keyword.
func (p *typeParser) parseMap() (*Type, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	k, err := p.parseType()
	if err != nil {
		return nil, err
	}
	if err := p.expect(':'); err != nil {
		return nil, err
	}
	v, err := p.parseType()
	if err != nil {
		return nil, err
	}
	if err := p.expect('}'); err != nil {
		return nil, err
	}
	return NewMap(k, v), nil
}

// parseStruct parses the rest of a struct type after the "struct" keyword.
func (p *typeParser) parseStruct() (*Type, error) {
	if err := p.expect('{'); err != nil {
		return nil, err
	}
	t := &Type{Kind: KindStruct}
	if p.peek() == '}' {
		p.pos++
		return t, nil
	}
	seen := map[string]bool{}
	for {
		p.skipSpace()
		start := p.pos
		name := p.ident()
		if name == "" {
			return nil, p.fail("field name")
		}
		if seen[name] {
			p.pos = start
			return nil, p.fail("unique field name")
		}
		seen[name] = true
		ft, err := p.parseType()
		if err != nil {
			return nil, err
		}
		t.Fields = append(t.Fields, Field{Name: name, Type: ft})
		switch p.peek() {
		case ';':
			p.pos++
			if p.peek() == '}' {
				p.pos++
				return t, nil
			}
		case '}':
			p.pos++
			return t, nil
		default:
			return nil, p.fail("';' or '}'")
		}
	}
}

// parseFunc parses the rest of a function type after the "func" keyword.
func (p *typeParser) parseFunc() (*Type, error) {
	if err := p.expect('('); err != nil {
		return nil, err
	}
	t := &Type{Kind: KindFunc}
	if p.peek() == ')' {
		p.pos++
	} else {
		seen := map[string]bool{}
		for {
			arg, err := p.parseArg(seen)
			if err != nil {
				return nil, err
			}
			t.In = append(t.In, arg)
			c := p.peek()
			if c == ')' {
				p.pos++
				break
			}
			if c != ',' {
				return nil, p.fail("',' or ')'")
			}
			p.pos++
		}
	}
	out, err := p.parseType()
	if err != nil {
		return nil, err
	}
	t.Out = out
	return t, nil
}

// parseArg parses one function argument, "T" or "name T". An identifier
// directly followed by ',', ')', '{' or '(' starts a type, not a name.
func (p *typeParser) parseArg(seen map[string]bool) (Field, error) {
	p.skipSpace()
	start := p.pos
	name := p.ident()
	if name != "" {
		switch p.peek() {
		case ',', ')', '{', '(', 0:
			name = ""
			p.pos = start
		default:
			if seen[name] {
				p.pos = start
				return Field{}, p.fail("unique argument name")
			}
			seen[name] = true
		}
	}
	t, err := p.parseType()
	if err != nil {
		return Field{}, err
	}
	return Field{Name: name, Type: t}, nil
}

// isIdentStart reports whether c may start an identifier.
func isIdentStart(c byte) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
}

// isIdentPart reports whether c may continue an identifier.
func isIdentPart(c byte) bool {
	return isIdentStart(c) || (c >= '0' && c <= '9')
}
