package unify

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// block checks the statements of an instance of a scope: those that can
// run. Variables are typed when used, functions when called and classes
// when included.
func (c *checker) block(f *frame, stmts []ast.Stmt) {
	for _, st := range stmts {
		switch x := st.(type) {
		case *ast.StmtRes:
			c.res(f, x)
		case *ast.StmtCollect:
			c.collect(f, x)
		case *ast.StmtEdge:
			c.edge(f, x)
		case *ast.StmtIf:
			c.unify(x.Cond, tBool, c.expr(f, x.Cond))
			c.block(newFrame(c.prog.Scopes[x.Then], f), x.Then.Body)
			if x.Else != nil {
				c.block(newFrame(c.prog.Scopes[x.Else], f), x.Else.Body)
			}
		case *ast.StmtFor:
			elem := c.fresh()
			c.unify(x.List, listOf(elem), c.expr(f, x.List))
			lf := newFrame(c.prog.Scopes[x], f)
			lf.types[lf.scope.Var(x.Index.Name)] = tInt
			lf.types[lf.scope.Var(x.Value.Name)] = elem
			c.block(newFrame(c.prog.Scopes[x.Body], lf), x.Body.Body)
		case *ast.StmtForKV:
			k, v := c.fresh(), c.fresh()
			c.unify(x.Map, mapOf(k, v), c.expr(f, x.Map))
			lf := newFrame(c.prog.Scopes[x], f)
			lf.types[lf.scope.Var(x.Key.Name)] = k
			lf.types[lf.scope.Var(x.Value.Name)] = v
			c.block(newFrame(c.prog.Scopes[x.Body], lf), x.Body.Body)
		case *ast.StmtInclude:
			if x.Alias != nil {
				c.aliasFrame(f, f.scope.Namespace(x.Alias.Name))
			} else {
				c.include(f, x)
			}
		case *ast.StmtPanic:
			c.panicStmt(f, x)
		}
	}
}

// include instantiates the class of an include statement run in f: the
// class's parameters take the arguments' types, and its body is checked.
// It returns the instance of the body.
func (c *checker) include(f *frame, x *ast.StmtInclude) *frame {
	ref := c.prog.Uses[x]
	class := ref.Decl.Node.(*ast.StmtClass)
	args := c.exprs(f, x.Args)
	pf := newFrame(c.prog.Scopes[class], c.ownerFrame(f, ref))
	for i, p := range class.Params {
		t := args[i]
		if p.Type != nil {
			c.unify(x.Args[i], c.typeTerm(p.Type.Type), t)
		}
		pf.types[pf.scope.Var(p.Name.Name)] = t
	}
	bf := newFrame(c.prog.Scopes[class.Body], pf)
	c.block(bf, class.Body.Body)
	return bf
}

// panicStmt types panic(x) (x a bool or a str) and panic(bool, str).
func (c *checker) panicStmt(f *frame, x *ast.StmtPanic) {
	args := c.exprs(f, x.Args)
	if len(args) == 2 {
		c.unify(x.Args[0], tBool, args[0])
		c.unify(x.Args[1], tStr, args[1])
		return
	}
	c.kindIn(x.Args[0], "the argument of panic", args[0], hostabi.KindBool, hostabi.KindStr)
}
