package unify

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// typeTerm converts a type written in the source or given by the registry.
func (c *checker) typeTerm(t *hostabi.Type) *Term {
	if !t.HasVars() {
		if p := c.params[t]; p != nil {
			return p
		}
		p := fromType(t, nil, c.fresh)
		c.params[t] = p
		return p
	}
	return fromType(t, map[string]*Term{}, c.fresh)
}

// exprs returns the types of a list of expressions.
func (c *checker) exprs(f *frame, list []ast.Expr) []*Term {
	out := make([]*Term, len(list))
	for i, e := range list {
		out[i] = c.expr(f, e)
	}
	return out
}

// expr infers the type of e in frame f and records it for Types.
func (c *checker) expr(f *frame, e ast.Expr) *Term {
	t := c.exprType(f, e)
	c.record(e, t)
	return t
}

// exprType infers the type of e in frame f.
func (c *checker) exprType(f *frame, e ast.Expr) *Term {
	switch x := e.(type) {
	case *ast.ExprBool:
		return tBool
	case *ast.ExprStr:
		return tStr
	case *ast.ExprInt:
		return tInt
	case *ast.ExprFloat:
		return tFloat
	case *ast.ExprVar:
		return c.varType(f, c.prog.Uses[x], x)
	case *ast.ExprParen:
		return c.expr(f, x.X)
	case *ast.ExprInterp:
		for _, p := range x.Parts {
			c.unify(x, tStr, c.expr(f, p))
		}
		return tStr
	case *ast.ExprList:
		elem := c.fresh()
		for _, el := range x.Elems {
			c.unify(el, elem, c.expr(f, el))
		}
		return listOf(elem)
	case *ast.ExprMap:
		k, v := c.fresh(), c.fresh()
		for _, en := range x.Entries {
			c.unify(en.Key, k, c.expr(f, en.Key))
			c.unify(en.Value, v, c.expr(f, en.Value))
		}
		c.hashable(x, k)
		return mapOf(k, v)
	case *ast.ExprStruct:
		s := &Term{kind: hostabi.KindStruct, names: make([]string, len(x.Fields)), args: make([]*Term, len(x.Fields))}
		for i, fl := range x.Fields {
			s.names[i] = fl.Name.Name
			s.args[i] = c.expr(f, fl.Value)
		}
		return s
	case *ast.ExprIf:
		c.unify(x.Cond, tBool, c.expr(f, x.Cond))
		t := c.expr(f, x.Then)
		c.unify(x, t, c.expr(f, x.Else))
		return t
	case *ast.ExprUnary:
		c.unify(x, tBool, c.expr(f, x.X))
		return tBool
	case *ast.ExprBinary:
		return c.binary(f, x)
	case *ast.ExprExcept:
		t := c.expr(f, x.X)
		c.unify(x, t, c.expr(f, x.Default))
		return t
	case *ast.ExprIndex:
		return c.index(f, x)
	case *ast.ExprStructLookup:
		return c.structLookup(f, x)
	case *ast.ExprFunc:
		return c.lambda(f, x)
	case *ast.ExprCall:
		return c.call(f, x)
	}
	c.failf(e, "cannot type a %T", e)
	return nil
}

// lambda types a function value: its parameters are new variables of a
// new frame under f.
func (c *checker) lambda(f *frame, fn *ast.ExprFunc) *Term {
	pf := newFrame(c.prog.Scopes[fn], f)
	args := make([]*Term, len(fn.Params))
	for i, p := range fn.Params {
		t := c.fresh()
		if p.Type != nil {
			t = c.typeTerm(p.Type.Type)
		}
		args[i] = t
		pf.types[pf.scope.Var(p.Name.Name)] = t
	}
	out := c.expr(pf, fn.Body)
	if fn.Result != nil {
		c.unify(fn.Body, c.typeTerm(fn.Result.Type), out)
	}
	return funcOf(out, args...)
}
