package scope

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// exprs resolves a list of expressions.
func (r *resolver) exprs(s *Scope, list []ast.Expr) {
	for _, e := range list {
		r.expr(s, e)
	}
}

// expr resolves the names used by e (which may be nil) in scope s.
func (r *resolver) expr(s *Scope, e ast.Expr) {
	switch x := e.(type) {
	case nil:
	case *ast.ExprVar:
		r.use(x, r.lookupVar(s, x.Name, x))
	case *ast.ExprCall:
		if x.Func == nil {
			r.use(x, r.lookupFunc(s, x.Name.Name, x))
		} else {
			r.expr(s, x.Func)
		}
		r.exprs(s, x.Args)
	case *ast.ExprFunc:
		r.lambda(s, x)
	case *ast.ExprList:
		r.exprs(s, x.Elems)
	case *ast.ExprMap:
		seen := map[string]bool{}
		for _, en := range x.Entries {
			if k, ok := constKey(en.Key); ok {
				if seen[k] {
					r.fail(errorf(x, "duplicate map key: %s", k))
				}
				seen[k] = true
			}
			r.expr(s, en.Key)
			r.expr(s, en.Value)
		}
	case *ast.ExprStruct:
		seen := map[string]bool{}
		for _, f := range x.Fields {
			if seen[f.Name.Name] {
				r.fail(errorf(x, "duplicate struct field name of: `%s`", f.Name.Name))
			}
			seen[f.Name.Name] = true
			r.expr(s, f.Value)
		}
	case *ast.ExprIf:
		r.expr(s, x.Cond)
		r.expr(s, x.Then)
		r.expr(s, x.Else)
	case *ast.ExprInterp:
		r.exprs(s, x.Parts)
	case *ast.ExprBinary:
		r.expr(s, x.X)
		r.expr(s, x.Y)
	case *ast.ExprUnary:
		r.expr(s, x.X)
	case *ast.ExprExcept:
		r.expr(s, x.X)
		r.expr(s, x.Default)
	case *ast.ExprIndex:
		r.expr(s, x.X)
		r.expr(s, x.Index)
	case *ast.ExprStructLookup:
		r.expr(s, x.X)
		r.expr(s, x.Default)
	case *ast.ExprParen:
		r.expr(s, x.X)
	}
}

// lambda declares the parameters of a function or lambda and resolves its
// body.
func (r *resolver) lambda(s *Scope, f *ast.ExprFunc) {
	ps := newScope(s, f, s.Module)
	r.prog.Scopes[f] = ps
	ps.vars = map[string]*Decl{}
	for _, p := range f.Params {
		r.addDecl(ps.vars, "var", &Decl{Kind: KindParam, Name: p.Name.Name, Node: p, Owner: ps}, p)
	}
	r.expr(ps, f.Body)
}

// constKey returns a printable key for a constant map key.
func constKey(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.ExprStr:
		return fmt.Sprintf("%q", x.Value), true
	case *ast.ExprInt:
		return fmt.Sprint(x.Value), true
	case *ast.ExprBool:
		return fmt.Sprint(x.Value), true
	case *ast.ExprFloat:
		return fmt.Sprint(x.Value), true
	}
	return "", false
}
