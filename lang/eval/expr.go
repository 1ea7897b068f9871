package eval

import (
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/scope"
)

// maxDepth bounds nested function calls, so a runaway program fails with
// an error instead of exhausting the stack.
const maxDepth = 10000

// expr evaluates e in frame f.
func (r *run) expr(f *frame, e ast.Expr) hostabi.Value {
	switch x := e.(type) {
	case *ast.ExprBool:
		return hostabi.BoolValue(x.Value)
	case *ast.ExprStr:
		return hostabi.StrValue(x.Value)
	case *ast.ExprInt:
		return hostabi.IntValue(x.Value)
	case *ast.ExprFloat:
		return hostabi.FloatValue(x.Value)
	case *ast.ExprVar:
		return r.variable(f, r.e.prog.Uses[x], x)
	case *ast.ExprParen:
		return r.expr(f, x.X)
	case *ast.ExprInterp:
		var b strings.Builder
		for _, p := range x.Parts {
			b.WriteString(r.str(f, p))
		}
		return hostabi.StrValue(b.String())
	case *ast.ExprList:
		items := make([]hostabi.Value, len(x.Elems))
		for i, el := range x.Elems {
			items[i] = r.expr(f, el)
		}
		return newList(r.e.types.Of(x), items)
	case *ast.ExprMap:
		return r.mapLiteral(f, x)
	case *ast.ExprStruct:
		fields := make([]hostabi.Field, len(x.Fields))
		vals := make([]hostabi.Value, len(x.Fields))
		for i, fl := range x.Fields {
			vals[i] = r.expr(f, fl.Value)
			fields[i] = hostabi.Field{Name: fl.Name.Name, Type: vals[i].Type()}
		}
		t := r.e.types.Of(x)
		if !concrete(t) {
			t = hostabi.NewStruct(fields...)
		}
		return &hostabi.StructValue{T: t, Fields: vals}
	case *ast.ExprIf:
		if r.boolean(f, x.Cond) {
			return r.expr(f, x.Then)
		}
		return r.expr(f, x.Else)
	case *ast.ExprUnary:
		return hostabi.BoolValue(!r.boolean(f, x.X))
	case *ast.ExprBinary:
		return r.binary(f, x)
	case *ast.ExprExcept:
		var v hostabi.Value
		if err := try(func() { v = r.expr(f, x.X) }); err != nil {
			if !err.Catchable {
				panic(abort{err})
			}
			return r.expr(f, x.Default)
		}
		return v
	case *ast.ExprIndex:
		return r.index(f, x)
	case *ast.ExprStructLookup:
		return r.structLookup(f, x)
	case *ast.ExprFunc:
		t := r.e.types.Of(x)
		if t == nil {
			t = &hostabi.Type{Kind: hostabi.KindFunc, Out: variant}
		}
		return &funcValue{t: t, fn: x, frame: f}
	case *ast.ExprCall:
		return r.call(f, x, nil)
	}
	fatalf(e, "cannot evaluate a %T", e)
	return nil
}

// exprWant evaluates e, whose type the caller knows to be want (nil when
// it does not), for the expressions whose own type the checker could not
// pin down: the result of a polymorphic function depends on each call.
func (r *run) exprWant(f *frame, e ast.Expr, want *hostabi.Type) hostabi.Value {
	if !concrete(want) || concrete(r.e.types.Of(e)) {
		return r.expr(f, e)
	}
	switch x := e.(type) {
	case *ast.ExprParen:
		return r.exprWant(f, x.X, want)
	case *ast.ExprIf:
		if r.boolean(f, x.Cond) {
			return r.exprWant(f, x.Then, want)
		}
		return r.exprWant(f, x.Else, want)
	case *ast.ExprCall:
		return r.call(f, x, want)
	case *ast.ExprList:
		if len(x.Elems) == 0 {
			return newList(want, nil)
		}
	case *ast.ExprMap:
		if len(x.Entries) == 0 {
			if m, err := newMap(want, nil, nil); err == nil {
				return m
			}
		}
	}
	return r.expr(f, e)
}

// str evaluates e, which must give a str.
func (r *run) str(f *frame, e ast.Expr) string {
	v := r.expr(f, e)
	s, ok := v.(hostabi.StrValue)
	if !ok {
		fatalf(e, "expected a str, got %s", typeOf(v))
	}
	return string(s)
}

// boolean evaluates e, which must give a bool.
func (r *run) boolean(f *frame, e ast.Expr) bool {
	v := r.expr(f, e)
	b, ok := v.(hostabi.BoolValue)
	if !ok {
		fatalf(e, "expected a bool, got %s", typeOf(v))
	}
	return bool(b)
}

// mapLiteral evaluates a map literal; a key given twice is an error.
func (r *run) mapLiteral(f *frame, x *ast.ExprMap) hostabi.Value {
	keys := make([]hostabi.Value, 0, len(x.Entries))
	vals := make([]hostabi.Value, 0, len(x.Entries))
	at := map[string]int{} // a key given again replaces the earlier value
	for _, en := range x.Entries {
		k, v := r.expr(f, en.Key), r.expr(f, en.Value)
		ks := k.String()
		if i, dup := at[ks]; dup {
			vals[i] = v
			continue
		}
		at[ks] = len(keys)
		keys, vals = append(keys, k), append(vals, v)
	}
	m, err := newMap(r.e.types.Of(x), keys, vals)
	if err != nil {
		fatalf(x, "%v", err)
	}
	return m
}

// index evaluates `x[i]`.
func (r *run) index(f *frame, x *ast.ExprIndex) hostabi.Value {
	v, i := r.expr(f, x.X), r.expr(f, x.Index)
	switch c := v.(type) {
	case *hostabi.ListValue:
		n, ok := i.(hostabi.IntValue)
		if !ok {
			fatalf(x.Index, "a list index is an int, not %s", typeOf(i))
		}
		if n < 0 || int(n) >= len(c.Items) {
			failf(x, "list index %d out of range (length %d)", n, len(c.Items))
		}
		return c.Items[n]
	case *hostabi.MapValue:
		if got, ok := c.Lookup(i); ok {
			return got
		}
		failf(x, "map key %s not found", i)
	}
	fatalf(x, "cannot index a %s", typeOf(v))
	return nil
}

// structLookup evaluates `x->field` and `x->field <|> default`.
func (r *run) structLookup(f *frame, x *ast.ExprStructLookup) hostabi.Value {
	v := r.expr(f, x.X)
	s, ok := v.(*hostabi.StructValue)
	if !ok {
		fatalf(x, "cannot look up field %s in a %s", x.Field.Name, typeOf(v))
	}
	if got, ok := s.Field(x.Field.Name); ok {
		return got
	}
	if x.Default != nil {
		return r.expr(f, x.Default)
	}
	failf(x, "field %s not found in %s", x.Field.Name, s.T)
	return nil
}

// call evaluates a call: of a function value, of a StmtFunc or of a
// registry function.
func (r *run) call(f *frame, x *ast.ExprCall, want *hostabi.Type) hostabi.Value {
	args := make([]hostabi.Value, len(x.Args))
	for i, a := range x.Args {
		args[i] = r.expr(f, a)
	}
	out := r.e.types.Of(x)
	if !concrete(out) {
		out = want
	}
	if x.Func != nil {
		v := r.expr(f, x.Func)
		fv, ok := v.(*funcValue)
		if !ok {
			fatalf(x, "cannot call a %s", typeOf(v))
		}
		return r.apply(x, fv, args, out)
	}
	ref := r.e.prog.Uses[x]
	switch d := ref.Decl; d.Kind {
	case scope.KindFunc:
		fn := d.Node.(*ast.StmtFunc).Func
		return r.apply(x, &funcValue{fn: fn, frame: r.ownerFrame(f, ref)}, args, out)
	case scope.KindBuiltinFunc:
		return r.builtin(x, d.Builtin, args, out)
	}
	fatalf(x, "`%s` is not a function", x.Name.Name)
	return nil
}

// apply calls a function value with args at the node at; out is the
// result type when known.
func (r *run) apply(at ast.Node, fv *funcValue, args []hostabi.Value, out *hostabi.Type) hostabi.Value {
	if fv.builtin != "" {
		return r.builtin(at, fv.builtin, args, out)
	}
	if len(args) != len(fv.fn.Params) {
		fatalf(at, "function takes %d args, got %d", len(fv.fn.Params), len(args))
	}
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxDepth {
		fatalf(at, "calls nested more than %d deep", maxDepth)
	}
	if err := r.ctx.Err(); err != nil {
		panic(abort{&Error{Pos: at.Pos(), Msg: "evaluation stopped", Err: err}})
	}
	pf := newFrame(r.e.prog.Scopes[fv.fn], fv.frame)
	for i, p := range fv.fn.Params {
		pf.vals[pf.scope.Var(p.Name.Name)] = args[i]
	}
	return r.exprWant(pf, fv.fn.Body, out)
}
