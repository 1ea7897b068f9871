package unify

import (
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/scope"
)

// frame is one instance of a static scope: a file's top level (once), a
// class body (once per include), a function's parameters (once per call),
// a lambda's (once), an if branch or a loop body. It holds the types of the
// scope's variables in that instance.
type frame struct {
	scope  *scope.Scope
	parent *frame
	types  map[*scope.Decl]*Term
	// aliases are the class instances of the scope's `include ... as`.
	aliases map[*scope.Decl]*frame
	busy    map[*scope.Decl]bool
}

// newFrame returns an instance of s under parent.
func newFrame(s *scope.Scope, parent *frame) *frame {
	return &frame{scope: s, parent: parent, types: map[*scope.Decl]*Term{}}
}

// moduleFrame returns the single instance of a file's top level.
func (c *checker) moduleFrame(s *scope.Scope) *frame {
	f := c.modules[s]
	if f == nil {
		f = newFrame(s, nil)
		c.modules[s] = f
	}
	return f
}

// frameFor returns the instance of scope s that f sees: the nearest
// enclosing one, the file's for a top-level scope, or a new instance for a
// scope that f cannot see (a nested class reached by name).
func (c *checker) frameFor(f *frame, s *scope.Scope) *frame {
	if s == nil {
		return nil
	}
	for g := f; g != nil; g = g.parent {
		if g.scope == s {
			return g
		}
	}
	if s.IsTop() {
		return c.moduleFrame(s)
	}
	return newFrame(s, c.frameFor(f, s.Parent))
}

// ownerFrame returns the frame in which the declaration of ref lives, as
// seen from f through ref's namespaces; nil for a registry name.
func (c *checker) ownerFrame(f *frame, ref *scope.Ref) *frame {
	if len(ref.Via) == 0 {
		return c.frameFor(f, ref.Decl.Owner)
	}
	g := c.frameFor(f, ref.Via[0].Owner)
	for _, v := range ref.Via {
		switch {
		case v.Kind == scope.KindInclude:
			g = c.aliasFrame(g, v)
		case v.Import.Module == nil:
			return nil
		default:
			g = c.moduleFrame(v.Import.Module.Scope)
		}
	}
	return g
}

// aliasFrame returns the class instance of an `include ... as` of g's
// scope, instantiating it on first use.
func (c *checker) aliasFrame(g *frame, alias *scope.Decl) *frame {
	if inst := g.aliases[alias]; inst != nil {
		return inst
	}
	if g.aliases == nil {
		g.aliases = map[*scope.Decl]*frame{}
	}
	inst := c.include(g, alias.Node.(*ast.StmtInclude))
	g.aliases[alias] = inst
	return inst
}

// varType returns the type of the variable that ref names, as used from f.
func (c *checker) varType(f *frame, ref *scope.Ref, at ast.Node) *Term {
	d := ref.Decl
	if d.Kind == scope.KindBuiltinVar {
		v, _ := c.reg.Var(d.Builtin)
		return c.typeTerm(v.Type)
	}
	g := c.ownerFrame(f, ref)
	if t := g.types[d]; t != nil {
		return t
	}
	if d.Kind != scope.KindBind {
		t := c.fresh() // a parameter of an instance nothing instantiated
		g.types[d] = t
		return t
	}
	if g.busy[d] {
		c.failf(at, "recursive reference to `$%s`", d.Name)
	}
	if g.busy == nil {
		g.busy = map[*scope.Decl]bool{}
	}
	g.busy[d] = true
	st := d.Node.(*ast.StmtBind)
	t := c.expr(g, st.Value)
	if st.Type != nil {
		c.unify(st, c.typeTerm(st.Type.Type), t)
	}
	g.types[d] = t
	delete(g.busy, d)
	return t
}
