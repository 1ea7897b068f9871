package unify

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/scope"
)

// call types a call: of a function value, of a function defined by a
// StmtFunc (typed anew at every call, so it is polymorphic), or of a
// registry function (its signature's variables are fresh at every call,
// or its infer hook computes its type).
func (c *checker) call(f *frame, x *ast.ExprCall) *Term {
	args := c.exprs(f, x.Args)
	out := c.fresh()
	want := funcOf(out, args...)
	if x.Func != nil {
		c.unify(x, c.expr(f, x.Func), want)
		return out
	}
	ref := c.prog.Uses[x]
	switch d := ref.Decl; d.Kind {
	case scope.KindFunc:
		g := c.ownerFrame(f, ref)
		c.unify(x, c.lambda(g, d.Node.(*ast.StmtFunc).Func), want)
	case scope.KindBuiltinFunc:
		c.builtinCall(f, x, d.Builtin, args, out)
	default:
		c.failf(x, "`%s` is not a function", x.Name.Name)
	}
	return out
}

// builtinCall types a call of a registry function.
func (c *checker) builtinCall(f *frame, x *ast.ExprCall, name string, args []*Term, out *Term) {
	sig, infer, _ := c.reg.Func(name)
	if infer == nil {
		if sig.Kind != hostabi.KindFunc {
			c.failf(x, "`%s` is not a function (%s)", name, sig)
		}
		if len(sig.In) != len(args) {
			c.failf(x, "func `%s` takes %d args, got %d (%s)", name, len(sig.In), len(args), sig)
		}
		t := c.typeTerm(sig)
		for i, a := range args {
			c.unify(x.Args[i], t.args[i], a)
		}
		c.unify(x, t.out, out)
		if sig.HasVars() {
			c.resolved(x, fmt.Sprintf("the call of `%s`", name), t)
		}
		return
	}
	values := make([]any, len(args))
	for i, a := range x.Args {
		values[i] = c.static(f, a, 0)
	}
	c.later(x, fmt.Sprintf("the call of `%s`", name), func() (bool, error) {
		call := &builtin.Call{Name: name, Args: make([]builtin.Arg, len(args))}
		for i, a := range args {
			call.Args[i] = builtin.Arg{Value: values[i]}
			if find(a).kind != hostabi.KindVar {
				call.Args[i].Type = toType(a)
			}
		}
		if find(out).kind != hostabi.KindVar {
			call.Out = toType(out)
		}
		sig, err := infer(call)
		if errors.Is(err, builtin.ErrNeedMore) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("func `%s` infer error: %w", name, err)
		}
		if sig.Kind != hostabi.KindFunc || len(sig.In) != len(args) {
			return false, fmt.Errorf("func `%s` infer error: got type %s for %d args", name, sig, len(args))
		}
		t := c.typeTerm(sig)
		for i, a := range args {
			if err := unify(t.args[i], a); err != nil {
				return false, fmt.Errorf("func `%s` infer error: inconsistent type at arg index %d: %w", name, i, err)
			}
		}
		return true, unify(t.out, out)
	})
}

// static returns the value of e when it is a constant (following variables
// bound to constants), or nil.
func (c *checker) static(f *frame, e ast.Expr, depth int) any {
	switch x := e.(type) {
	case *ast.ExprStr:
		return x.Value
	case *ast.ExprInt:
		return x.Value
	case *ast.ExprFloat:
		return x.Value
	case *ast.ExprBool:
		return x.Value
	case *ast.ExprParen:
		return c.static(f, x.X, depth)
	case *ast.ExprInterp:
		var b strings.Builder
		for _, p := range x.Parts {
			s, ok := c.static(f, p, depth+1).(string)
			if !ok {
				return nil
			}
			b.WriteString(s)
		}
		return b.String()
	case *ast.ExprVar:
		ref := c.prog.Uses[x]
		switch d := ref.Decl; {
		case d.Kind == scope.KindBuiltinVar:
			v, _ := c.reg.Var(d.Builtin)
			return v.Value
		case d.Kind == scope.KindBind && depth < 16:
			return c.static(c.ownerFrame(f, ref), d.Node.(*ast.StmtBind).Value, depth+1)
		}
	}
	return nil
}
