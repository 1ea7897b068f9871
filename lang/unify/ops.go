package unify

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// binary types an operator: both operands have one type, which the
// operator restricts (+ on str, int and float; - * / < > <= >= on int and
// float; and, or on bool); / gives a float, comparisons a bool, and `in`
// is contains(needle ?1, haystack []?1) bool.
func (c *checker) binary(f *frame, x *ast.ExprBinary) *Term {
	l, r := c.expr(f, x.X), c.expr(f, x.Y)
	if x.Op == ast.OpIn {
		c.unify(x, listOf(l), r)
		return tBool
	}
	c.unify(x, l, r)
	what := fmt.Sprintf("the operands of `%s`", x.Op)
	switch x.Op {
	case ast.OpAnd, ast.OpOr:
		c.unify(x, tBool, l)
		return tBool
	case ast.OpEq, ast.OpNe:
		return tBool
	case ast.OpLt, ast.OpGt, ast.OpLe, ast.OpGe:
		c.kindIn(x, what, l, hostabi.KindInt, hostabi.KindFloat)
		return tBool
	case ast.OpAdd:
		c.kindIn(x, what, l, hostabi.KindStr, hostabi.KindInt, hostabi.KindFloat)
		return l
	case ast.OpDiv:
		c.kindIn(x, what, l, hostabi.KindInt, hostabi.KindFloat)
		return tFloat
	}
	c.kindIn(x, what, l, hostabi.KindInt, hostabi.KindFloat)
	return l
}

// index types `x[i]`: a list's element at an int, or a map's value at a
// key, once x's type is known.
func (c *checker) index(f *frame, x *ast.ExprIndex) *Term {
	xt, it, out := c.expr(f, x.X), c.expr(f, x.Index), c.fresh()
	c.later(x, "the indexed value", func() (bool, error) {
		switch r := find(xt); r.kind {
		case hostabi.KindVar:
			return false, nil
		case hostabi.KindList:
			if err := unify(tInt, it); err != nil {
				return false, fmt.Errorf("list index: %w", err)
			}
			return true, unify(r.elem, out)
		case hostabi.KindMap:
			if err := unify(r.key, it); err != nil {
				return false, fmt.Errorf("map key: %w", err)
			}
			return true, unify(r.val, out)
		default:
			return false, fmt.Errorf("type error: cannot index a %s (only lists and maps)", r)
		}
	})
	return out
}

// structLookup types `x->field` (the field's type) and
// `x->field <|> default` (the default's type, which must be the field's
// when the struct has it), once x's type is known.
func (c *checker) structLookup(f *frame, x *ast.ExprStructLookup) *Term {
	xt := c.expr(f, x.X)
	out := c.fresh()
	var def *Term
	if x.Default != nil {
		def = c.expr(f, x.Default)
		c.unify(x.Default, out, def)
	}
	name := x.Field.Name
	c.later(x, "the struct of the field lookup", func() (bool, error) {
		r := find(xt)
		switch r.kind {
		case hostabi.KindVar:
			return false, nil
		case hostabi.KindStruct:
		default:
			return false, fmt.Errorf("type error: cannot look up field %s in a %s (only in structs)", name, r)
		}
		for i, n := range r.names {
			if n == name {
				if err := unify(r.args[i], out); err != nil {
					if def != nil {
						return false, fmt.Errorf("the default must have the type of field %s: %w", name, err)
					}
					return false, err
				}
				return true, nil
			}
		}
		if def == nil {
			return false, fmt.Errorf("field %s was not found in struct %s", name, r)
		}
		return true, nil
	})
	return out
}
