package scope

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// space is one of the name spaces of a scope.
type space uint8

const (
	spaceVar space = iota
	spaceFunc
	spaceClass
)

// notFound is the error for a name that resolves to nothing.
func notFound(sp space, name string, at ast.Node) *Error {
	switch sp {
	case spaceVar:
		return errorf(at, "var `$%s` %s", name, errNotFound)
	case spaceFunc:
		return errorf(at, "func `%s` %s", name, errNotFound)
	}
	return errorf(at, "class `%s` %s", name, errNotFound)
}

// table returns the map of a name space of s.
func (s *Scope) table(sp space) map[string]*Decl {
	switch sp {
	case spaceVar:
		return s.vars
	case spaceFunc:
		return s.funcs
	}
	return s.classes
}

// lookupVar resolves a variable name as used in s.
func (r *resolver) lookupVar(s *Scope, name string, at ast.Node) *Ref {
	return r.lookup(s, spaceVar, name, at)
}

// lookupFunc resolves a function name as called in s.
func (r *resolver) lookupFunc(s *Scope, name string, at ast.Node) *Ref {
	return r.lookup(s, spaceFunc, name, at)
}

// lookupClass resolves a class name as included in s, with the
// `base:inner` form for a class nested in another.
func (r *resolver) lookupClass(s *Scope, name string, at ast.Node) *Ref {
	base, inner, nested := strings.Cut(name, ":")
	if !nested {
		return r.lookup(s, spaceClass, name, at)
	}
	ref := r.lookupClass(s, base, at)
	for _, part := range strings.Split(inner, ":") {
		d := r.classBody(ref.Decl).classes[part]
		if d == nil {
			r.fail(notFound(spaceClass, name, at))
		}
		ref = &Ref{Via: ref.Via, Decl: d}
	}
	return ref
}

// lookup resolves name in one name space as seen from s: the scope chain
// first, then namespaces for a dotted name, then the registry.
func (r *resolver) lookup(s *Scope, sp space, name string, at ast.Node) *Ref {
	for sc := s; sc != nil; sc = sc.Parent {
		if d := sc.table(sp)[name]; d != nil {
			return &Ref{Decl: d}
		}
	}
	if head, rest, dotted := strings.Cut(name, "."); dotted {
		for sc := s; sc != nil; sc = sc.Parent {
			if ns := sc.names[head]; ns != nil {
				return r.member([]*Decl{ns}, ns, sp, rest, name, at)
			}
		}
	} else if sp == spaceFunc {
		for sc := s; sc != nil; sc = sc.Parent {
			for _, pkg := range sc.stars {
				if d := r.registryDecl(sp, pkg+"."+name); d != nil {
					return &Ref{Decl: d}
				}
			}
		}
	}
	// A registry function needs its package imported; a built-in
	// variable ($const.res...) does not.
	if sp == spaceVar || !strings.Contains(name, ".") {
		if d := r.registryDecl(sp, name); d != nil {
			return &Ref{Decl: d}
		}
	}
	r.fail(notFound(sp, name, at))
	return nil
}

// registryDecl returns the registry's variable or function name, or nil.
func (r *resolver) registryDecl(sp space, name string) *Decl {
	switch sp {
	case spaceVar:
		if _, ok := r.reg.Var(name); ok {
			return r.builtinDecl(KindBuiltinVar, name)
		}
	case spaceFunc:
		if _, _, ok := r.reg.Func(name); ok {
			return r.builtinDecl(KindBuiltinFunc, name)
		}
	}
	return nil
}

// member resolves rest inside the namespace ns (reached through via).
func (r *resolver) member(via []*Decl, ns *Decl, sp space, rest, full string, at ast.Node) *Ref {
	var target *Scope
	switch {
	case ns.Kind == KindImport && ns.Import.Module == nil:
		if d := r.registryDecl(sp, ns.Import.Package+"."+rest); d != nil {
			return &Ref{Via: via, Decl: d}
		}
		r.fail(notFound(sp, full, at))
	case ns.Kind == KindImport:
		target = ns.Import.Module.Scope
	default:
		target = r.classBody(r.includeClass(ns))
	}
	if head, tail, dotted := strings.Cut(rest, "."); dotted {
		if d := target.table(sp)[rest]; d != nil {
			return &Ref{Via: via, Decl: d}
		}
		if inner := target.names[head]; inner != nil {
			return r.member(append(via[:len(via):len(via)], inner), inner, sp, tail, full, at)
		}
		r.fail(notFound(sp, full, at))
	}
	d := target.table(sp)[rest]
	if d == nil {
		r.fail(notFound(sp, full, at))
	}
	return &Ref{Via: via, Decl: d}
}

// includeClass returns the class of an include alias, resolving it on
// first use.
func (r *resolver) includeClass(alias *Decl) *Decl {
	if alias.Class != nil {
		return alias.Class
	}
	if alias.resolving {
		r.fail(errorf(alias.Node, "recursive reference while setting scope: not a dag"))
	}
	alias.resolving = true
	x := alias.Node.(*ast.StmtInclude)
	alias.Class = r.lookupClass(alias.Owner, x.Name.Name, x).Decl
	alias.resolving = false
	return alias.Class
}

// desugarClasses moves each `class base:inner` of stmts into the body of
// class base (as class inner), as upstream's sugar means, and returns the
// remaining statements.
func (r *resolver) desugarClasses(stmts []ast.Stmt) []ast.Stmt {
	out := stmts[:0:0]
	var sugar []*ast.StmtClass
	byName := map[string]*ast.StmtClass{}
	for _, st := range stmts {
		if c, ok := st.(*ast.StmtClass); ok {
			if strings.Contains(c.Name.Name, ":") {
				sugar = append(sugar, c)
				continue
			}
			byName[c.Name.Name] = c
		}
		out = append(out, st)
	}
	for _, c := range sugar {
		base, inner, _ := strings.Cut(c.Name.Name, ":")
		parent := byName[base]
		if parent == nil {
			r.fail(errorf(c, "class `%s` does not exist in this scope, so `%s` cannot be nested in it", base, c.Name.Name))
		}
		moved := *c
		moved.Name.Name = inner
		parent.Body.Body = append(parent.Body.Body, &moved)
	}
	return out
}

// String describes a reference for debugging: its namespaces and name.
func (ref *Ref) String() string {
	var b strings.Builder
	for _, v := range ref.Via {
		fmt.Fprintf(&b, "%s.", v.Name)
	}
	b.WriteString(ref.Decl.Name)
	return b.String()
}
