package eval

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// block runs the statements of an instance of a scope: resources, edges,
// live if branches, loop bodies, includes and panics. Binds are evaluated
// when used, functions when called.
func (r *run) block(f *frame, stmts []ast.Stmt) {
	prog := r.e.prog
	for _, st := range stmts {
		switch x := st.(type) {
		case *ast.StmtRes:
			r.res(f, x)
		case *ast.StmtCollect:
			r.collect(f, x)
		case *ast.StmtEdge:
			r.edge(f, x)
		case *ast.StmtIf:
			if r.boolean(f, x.Cond) {
				r.block(newFrame(prog.Scopes[x.Then], f), x.Then.Body)
			} else if x.Else != nil {
				r.block(newFrame(prog.Scopes[x.Else], f), x.Else.Body)
			}
		case *ast.StmtFor:
			v := r.expr(f, x.List)
			l, ok := v.(*hostabi.ListValue)
			if !ok {
				fatalf(x.List, "for needs a list, got %s", typeOf(v))
			}
			for i, it := range l.Items {
				lf := newFrame(prog.Scopes[x], f)
				lf.vals[lf.scope.Var(x.Index.Name)] = hostabi.IntValue(i)
				lf.vals[lf.scope.Var(x.Value.Name)] = it
				r.block(newFrame(prog.Scopes[x.Body], lf), x.Body.Body)
			}
		case *ast.StmtForKV:
			v := r.expr(f, x.Map)
			m, ok := v.(*hostabi.MapValue)
			if !ok {
				fatalf(x.Map, "forkv needs a map, got %s", typeOf(v))
			}
			for i, k := range m.Keys {
				lf := newFrame(prog.Scopes[x], f)
				lf.vals[lf.scope.Var(x.Key.Name)] = k
				lf.vals[lf.scope.Var(x.Value.Name)] = m.Vals[i]
				r.block(newFrame(prog.Scopes[x.Body], lf), x.Body.Body)
			}
		case *ast.StmtInclude:
			if x.Alias != nil {
				r.aliasFrame(f, f.scope.Namespace(x.Alias.Name))
			} else {
				r.include(f, x)
			}
		case *ast.StmtPanic:
			r.panicStmt(f, x)
		}
	}
}

// include instantiates the class of an include statement run in f and
// runs its body; it returns the instance of the body.
func (r *run) include(f *frame, x *ast.StmtInclude) *frame {
	prog := r.e.prog
	ref := prog.Uses[x]
	class := ref.Decl.Node.(*ast.StmtClass)
	args := make([]hostabi.Value, len(x.Args))
	for i, a := range x.Args {
		args[i] = r.expr(f, a)
	}
	r.depth++
	defer func() { r.depth-- }()
	if r.depth > maxDepth {
		fatalf(x, "includes nested more than %d deep", maxDepth)
	}
	pf := newFrame(prog.Scopes[class], r.ownerFrame(f, ref))
	for i, p := range class.Params {
		pf.vals[pf.scope.Var(p.Name.Name)] = args[i]
	}
	bf := newFrame(prog.Scopes[class.Body], pf)
	r.block(bf, class.Body.Body)
	return bf
}

// panicStmt fails the evaluation when its argument says so: panic(true),
// panic("message") with a non-empty message, or panic(cond, message).
func (r *run) panicStmt(f *frame, x *ast.StmtPanic) {
	args := make([]hostabi.Value, len(x.Args))
	for i, a := range x.Args {
		args[i] = r.expr(f, a)
	}
	if msg, ok := panicking(args); ok {
		fatalf(x, "panic: %s", msg)
	}
}

// panicking decides a panic's arguments: a true bool, a non-empty str, or
// a true bool with a message.
func panicking(args []hostabi.Value) (string, bool) {
	switch len(args) {
	case 1:
		switch v := args[0].(type) {
		case hostabi.BoolValue:
			return "panic(true)", bool(v)
		case hostabi.StrValue:
			return string(v), v != ""
		}
	case 2:
		b, _ := args[0].(hostabi.BoolValue)
		s, _ := args[1].(hostabi.StrValue)
		return string(s), bool(b)
	}
	return "", false
}
