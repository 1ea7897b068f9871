package eval

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/scope"
)

// moduleFrame returns the single instance of a file's top level.
func (r *run) moduleFrame(s *scope.Scope) *frame {
	f := r.modules[s]
	if f == nil {
		f = newFrame(s, nil)
		r.modules[s] = f
	}
	return f
}

// frameFor returns the instance of scope s that f sees: the nearest
// enclosing one, the file's for a top-level scope, or a new instance for a
// scope f cannot see (a nested class reached by name).
func (r *run) frameFor(f *frame, s *scope.Scope) *frame {
	if s == nil {
		return nil
	}
	for g := f; g != nil; g = g.parent {
		if g.scope == s {
			return g
		}
	}
	if s.IsTop() {
		return r.moduleFrame(s)
	}
	return newFrame(s, r.frameFor(f, s.Parent))
}

// ownerFrame returns the frame in which the declaration of ref lives, as
// seen from f through ref's namespaces; nil for a registry name.
func (r *run) ownerFrame(f *frame, ref *scope.Ref) *frame {
	if len(ref.Via) == 0 {
		return r.frameFor(f, ref.Decl.Owner)
	}
	g := r.frameFor(f, ref.Via[0].Owner)
	for _, v := range ref.Via {
		switch {
		case v.Kind == scope.KindInclude:
			g = r.aliasFrame(g, v)
		case v.Import.Module == nil:
			return nil
		default:
			g = r.moduleFrame(v.Import.Module.Scope)
		}
	}
	return g
}

// aliasFrame returns the class instance of an `include ... as` of g's
// scope, instantiating it (and declaring its resources) on first use.
func (r *run) aliasFrame(g *frame, alias *scope.Decl) *frame {
	if inst := g.aliases[alias]; inst != nil {
		return inst
	}
	if g.aliases == nil {
		g.aliases = map[*scope.Decl]*frame{}
	}
	inst := r.include(g, alias.Node.(*ast.StmtInclude))
	g.aliases[alias] = inst
	return inst
}

// variable returns the value of the variable that ref names, as used from
// f at the node at.
func (r *run) variable(f *frame, ref *scope.Ref, at ast.Node) hostabi.Value {
	d := ref.Decl
	if d.Kind == scope.KindBuiltinVar {
		return r.builtinVar(d.Builtin, at)
	}
	g := r.ownerFrame(f, ref)
	if v, ok := g.vals[d]; ok {
		return v
	}
	if d.Kind != scope.KindBind {
		fatalf(at, "`$%s` has no value here", d.Name)
	}
	if g.busy[d] {
		fatalf(at, "recursive reference to `$%s`", d.Name)
	}
	if g.busy == nil {
		g.busy = map[*scope.Decl]bool{}
	}
	g.busy[d] = true
	st := d.Node.(*ast.StmtBind)
	v := r.expr(g, st.Value)
	g.vals[d] = v
	delete(g.busy, d)
	return v
}

// builtinVar returns a built-in variable's value.
func (r *run) builtinVar(name string, at ast.Node) hostabi.Value {
	if name == "hostname" {
		return hostabi.StrValue(r.e.opts.Hostname)
	}
	v, ok := r.e.opts.Registry.Var(name)
	if !ok || v.Value == nil {
		fatalf(at, "built-in variable `$%s` has no value", name)
	}
	switch x := v.Value.(type) {
	case string:
		return hostabi.StrValue(x)
	case int64:
		return hostabi.IntValue(x)
	case float64:
		return hostabi.FloatValue(x)
	case bool:
		return hostabi.BoolValue(x)
	}
	fatalf(at, "built-in variable `$%s` has a value of unknown type %T", name, v.Value)
	return nil
}
