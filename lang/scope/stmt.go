package scope

import (
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// stmt resolves the names used by one statement of scope s.
func (r *resolver) stmt(s *Scope, st ast.Stmt) {
	switch x := st.(type) {
	case *ast.StmtBind:
		r.withOwner(s.vars[x.Name.Name], func() { r.expr(s, x.Value) })
	case *ast.StmtFunc:
		r.withOwner(s.funcs[x.Name.Name], func() { r.lambda(s, x.Func) })
	case *ast.StmtClass:
		d := s.classes[x.Name.Name]
		r.withOwner(d, func() { r.block(r.classParams(d), x.Body) })
	case *ast.StmtImport:
		if r.loop != "" {
			r.fail(errorf(x, "a StmtImport can't be contained inside a %s", r.loop))
		}
	case *ast.StmtInclude:
		r.include(s, x)
	case *ast.StmtRes:
		r.expr(s, x.Name)
		r.entries(s, x.Body)
	case *ast.StmtCollect:
		r.expr(s, x.Names)
		r.entries(s, x.Body)
	case *ast.StmtEdge:
		if len(x.Halves) < 2 {
			r.fail(errorf(x, "an edge needs two resources or more"))
		}
		if x.SendRecv() && len(x.Halves) != 2 {
			r.fail(errorf(x, "a send/recv edge joins exactly two resource fields"))
		}
		for _, h := range x.Halves {
			if (h.Field != nil) != x.SendRecv() {
				r.fail(errorf(h, "an edge chain must name a field on every resource (send/recv) or on none"))
			}
			r.expr(s, h.Name)
		}
	case *ast.StmtIf:
		r.expr(s, x.Cond)
		r.block(s, x.Then)
		if x.Else != nil {
			r.block(s, x.Else)
		}
	case *ast.StmtFor:
		r.expr(s, x.List)
		r.loopBody(s, x, "StmtFor", x.Index, x.Value, x.Body)
	case *ast.StmtForKV:
		r.expr(s, x.Map)
		r.loopBody(s, x, "StmtForKV", x.Key, x.Value, x.Body)
	case *ast.StmtPanic:
		if len(x.Args) < 1 || len(x.Args) > 2 {
			r.fail(errorf(x, "panic takes one or two arguments, got %d", len(x.Args)))
		}
		r.exprs(s, x.Args)
	}
}

// loopBody declares a loop's two variables and resolves its body.
func (r *resolver) loopBody(s *Scope, loop ast.Stmt, kind string, a, b ast.Ident, body *ast.Block) {
	ls := newScope(s, loop, s.Module)
	r.prog.Scopes[loop] = ls
	ls.vars = map[string]*Decl{}
	r.addDecl(ls.vars, "var", &Decl{Kind: KindLoop, Name: a.Name, Node: loop, Owner: ls}, loop)
	if b.Name == a.Name {
		r.fail(errorf(&b, "the loop's two variables have the same name `$%s`", a.Name))
	}
	r.addDecl(ls.vars, "var", &Decl{Kind: KindLoop, Name: b.Name, Node: loop, Owner: ls, Slot: 1}, loop)
	saved := r.loop
	r.loop = kind
	r.block(ls, body)
	r.loop = saved
}

// classParams returns the parameter scope of a class, creating it (and
// declaring the class body) on first use.
func (r *resolver) classParams(d *Decl) *Scope {
	c := d.Node.(*ast.StmtClass)
	if ps := r.prog.Scopes[c]; ps != nil {
		return ps
	}
	ps := newScope(d.Owner, c, d.Owner.Module)
	r.prog.Scopes[c] = ps
	ps.vars = map[string]*Decl{}
	for _, p := range c.Params {
		r.addDecl(ps.vars, "var", &Decl{Kind: KindParam, Name: p.Name.Name, Node: p, Owner: ps}, p)
	}
	bs := newScope(ps, c.Body, ps.Module)
	r.prog.Scopes[c.Body] = bs
	c.Body.Body = r.desugarClasses(c.Body.Body)
	r.declare(bs, c.Body.Body)
	return ps
}

// classBody returns the body scope of a class (declared, maybe not yet
// resolved).
func (r *resolver) classBody(d *Decl) *Scope {
	r.classParams(d)
	return r.prog.Scopes[d.Node.(*ast.StmtClass).Body]
}

// include resolves an include statement.
func (r *resolver) include(s *Scope, x *ast.StmtInclude) {
	ref := r.lookupClass(s, x.Name.Name, x)
	r.use(x, ref)
	c := ref.Decl.Node.(*ast.StmtClass)
	if len(x.Args) != len(c.Params) {
		r.fail(errorf(x, "class `%s` takes %d args, got %d", x.Name.Name, len(c.Params), len(x.Args)))
	}
	r.exprs(s, x.Args)
	if x.Alias != nil {
		alias := s.names[x.Alias.Name]
		alias.Class = ref.Decl
		r.addDep(alias, ref.Decl, x)
	}
}

// entries resolves a resource or collect body and rejects duplicate
// entries.
func (r *resolver) entries(s *Scope, body []ast.ResEntry) {
	seen := map[string]bool{}
	for _, e := range body {
		key := ""
		switch x := e.(type) {
		case *ast.ResField:
			key = x.Field.Name
			r.expr(s, x.Cond)
			r.expr(s, x.Value)
		case *ast.ResEdge:
			r.expr(s, x.Cond)
			r.expr(s, x.Target.Name)
		case *ast.ResMeta:
			key = "Meta"
			if x.Property != nil {
				key += ":" + x.Property.Name
			}
			r.expr(s, x.Cond)
			r.expr(s, x.Value)
		}
		if key != "" && seen[key] {
			r.fail(errorf(e, "resource has duplicate field of: %s", key))
		}
		seen[key] = true
	}
	if seen["Meta"] && len(seen) > 1 {
		for k := range seen {
			if len(k) > 5 && k[:5] == "Meta:" {
				r.fail(errorf(body[0], "resource sets both the whole Meta struct and Meta:%s", k[5:]))
			}
		}
	}
}
