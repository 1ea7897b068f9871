package scope

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
)

// resolver holds the state of one Resolve.
type resolver struct {
	reg      builtin.Registry
	pkgs     map[string]bool
	prog     *Program
	builtins map[string]*Decl
	deps     map[*Decl][]dep
	order    []*Decl
	// owner is the declaration whose definition is being resolved: the
	// names used there are its dependencies.
	owner *Decl
	// loop names the innermost loop statement, for the import check.
	loop string
	// read reads a file.
	read func(path string) ([]byte, error)
}

// dep is a dependency of a declaration: the declaration it uses, and
// where.
type dep struct {
	to *Decl
	at ast.Node
}

// abort carries the first error out of the resolver.
type abort struct{ err error }

// fail stops the resolver with err.
func (r *resolver) fail(err error) { panic(abort{err}) }

// Resolve resolves the names of the program whose entry file is main (read
// from path, with text src; imports are relative to its folder), loading
// the files and modules it imports, and checks them. reg gives the core
// packages, built-in functions and variables. Errors are *Error, or parse
// and interpolation errors of imported files.
func Resolve(path string, src []byte, main *ast.Module, reg builtin.Registry) (prog *Program, err error) {
	r := &resolver{
		reg:      reg,
		pkgs:     map[string]bool{},
		builtins: map[string]*Decl{},
		deps:     map[*Decl][]dep{},
		read:     readFile,
	}
	for _, p := range reg.Packages() {
		r.pkgs[p] = true
	}
	r.prog = &Program{Modules: map[string]*Module{}, Uses: map[ast.Node]*Ref{}, Scopes: map[ast.Node]*Scope{}}
	defer func() {
		if x := recover(); x != nil {
			a, ok := x.(abort)
			if !ok {
				panic(x)
			}
			prog, err = nil, a.err
		}
	}()
	m := &Module{File: path, Dir: dirOf(path), Src: src, AST: main}
	r.prog.Modules[cleanPath(path)] = m
	r.prog.Main = m
	r.module(m, false)
	r.checkCycles()
	return r.prog, nil
}

// module declares and resolves a file's top level.
func (r *resolver) module(m *Module, imported bool) {
	m.Scope = newScope(nil, m.AST, m)
	r.prog.Scopes[m.AST] = m.Scope
	m.AST.Body = r.desugarClasses(m.AST.Body)
	if imported {
		for _, s := range m.AST.Body {
			switch s.(type) {
			case *ast.StmtBind, *ast.StmtFunc, *ast.StmtClass, *ast.StmtImport:
			default:
				r.fail(errorf(s, "an imported file may only declare (binds, functions, classes and imports): this statement would never run"))
			}
		}
	}
	r.declare(m.Scope, m.AST.Body)
	r.stmts(m.Scope, m.AST.Body)
}

// block declares and resolves a block in a new scope under parent.
func (r *resolver) block(parent *Scope, b *ast.Block) *Scope {
	if s := r.prog.Scopes[b]; s != nil {
		r.stmts(s, b.Body)
		return s
	}
	s := newScope(parent, b, parent.Module)
	r.prog.Scopes[b] = s
	b.Body = r.desugarClasses(b.Body)
	r.declare(s, b.Body)
	r.stmts(s, b.Body)
	return s
}

// addDecl adds d to one name space of s, rejecting a duplicate.
func (r *resolver) addDecl(space map[string]*Decl, what string, d *Decl, at ast.Node) {
	if old := space[d.Name]; old != nil {
		r.fail(errorf(at, "duplicate assignment to `%s:%s`, have: %s", what, d.Name, describe(old)))
	}
	space[d.Name] = d
}

// describe names a declaration for messages.
func describe(d *Decl) string {
	switch d.Kind {
	case KindImport:
		return fmt.Sprintf("import(%s)", d.Import.Path)
	case KindInclude:
		return fmt.Sprintf("include(%s)", d.Node.(*ast.StmtInclude).Name.Name)
	}
	if p := d.Pos(); p.IsValid() {
		return "declared at " + p.String()
	}
	return "a built-in"
}

// declare adds the declarations of stmts to s.
func (r *resolver) declare(s *Scope, stmts []ast.Stmt) {
	s.vars, s.funcs, s.classes, s.names = map[string]*Decl{}, map[string]*Decl{}, map[string]*Decl{}, map[string]*Decl{}
	for _, st := range stmts {
		switch x := st.(type) {
		case *ast.StmtBind:
			r.addDecl(s.vars, "var", &Decl{Kind: KindBind, Name: x.Name.Name, Node: x, Owner: s}, x)
		case *ast.StmtFunc:
			r.addDecl(s.funcs, "func", &Decl{Kind: KindFunc, Name: x.Name.Name, Node: x, Owner: s}, x)
		case *ast.StmtClass:
			r.addDecl(s.classes, "class", &Decl{Kind: KindClass, Name: x.Name.Name, Node: x, Owner: s}, x)
		case *ast.StmtImport:
			r.declareImport(s, x)
		case *ast.StmtInclude:
			if x.Alias == nil {
				continue
			}
			if x.Alias.Name == "*" {
				r.fail(errorf(x, "`include ... as *` is not supported"))
			}
			r.addDecl(s.names, "scoped", &Decl{Kind: KindInclude, Name: x.Alias.Name, Node: x, Owner: s}, x)
		}
	}
}

// stmts resolves the names used by stmts, declared in s.
func (r *resolver) stmts(s *Scope, stmts []ast.Stmt) {
	for _, st := range stmts {
		r.stmt(s, st)
	}
}

// withOwner runs f with d as the dependency owner.
func (r *resolver) withOwner(d *Decl, f func()) {
	saved := r.owner
	r.owner = d
	f()
	r.owner = saved
}

// use records that the current owner depends on the declarations of ref.
func (r *resolver) use(n ast.Node, ref *Ref) {
	r.prog.Uses[n] = ref
	if r.owner == nil {
		return
	}
	for _, d := range ref.Via {
		r.addDep(r.owner, d, n)
	}
	r.addDep(r.owner, ref.Decl, n)
}

// addDep records that from uses to at n.
func (r *resolver) addDep(from, to *Decl, n ast.Node) {
	if len(r.deps[from]) == 0 {
		r.order = append(r.order, from)
	}
	r.deps[from] = append(r.deps[from], dep{to: to, at: n})
}

// builtinDecl returns the declaration of a registry name.
func (r *resolver) builtinDecl(kind Kind, name string) *Decl {
	key := fmt.Sprint(kind, name)
	d := r.builtins[key]
	if d == nil {
		d = &Decl{Kind: kind, Name: name, Builtin: name}
		r.builtins[key] = d
	}
	return d
}

// errNotFound is the base of the "does not exist" errors.
var errNotFound = errors.New("does not exist in this scope")
