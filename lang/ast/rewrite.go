package ast

// RewriteExprs replaces expressions inside the tree rooted at n. It walks
// the tree bottom-up: for every expression slot (a field or slice element
// holding an [Expr]), it first rewrites the expression's own children and
// then stores f(expr) back into the slot. A nil slot is left alone. If n is
// itself an Expr, its children are rewritten but n is not passed to f: the
// caller owns the slot that holds it.
//
// RewriteExprs is how a pass desugars or annotates expressions without
// knowing every node type; package lang/interpolate uses it to replace
// string literals.
func RewriteExprs(n Node, f func(Expr) Expr) {
	if n == nil || isNilNode(n) {
		return
	}
	one := func(e Expr) Expr {
		if e == nil {
			return nil
		}
		RewriteExprs(e, f)
		return f(e)
	}
	list := func(es []Expr) {
		for i, e := range es {
			es[i] = one(e)
		}
	}
	entries := func(es []ResEntry) {
		for _, e := range es {
			RewriteExprs(e, f)
		}
	}
	switch x := n.(type) {
	case *StmtBind:
		x.Value = one(x.Value)
	case *StmtRes:
		x.Name = one(x.Name)
		entries(x.Body)
	case *ResField:
		x.Cond = one(x.Cond)
		x.Value = one(x.Value)
	case *ResEdge:
		x.Cond = one(x.Cond)
		RewriteExprs(x.Target, f)
	case *ResMeta:
		x.Cond = one(x.Cond)
		x.Value = one(x.Value)
	case *EdgeHalf:
		x.Name = one(x.Name)
	case *StmtIf:
		x.Cond = one(x.Cond)
	case *StmtFor:
		x.List = one(x.List)
	case *StmtForKV:
		x.Map = one(x.Map)
	case *StmtFunc:
		RewriteExprs(x.Func, f)
	case *StmtInclude:
		list(x.Args)
	case *StmtCollect:
		x.Names = one(x.Names)
		entries(x.Body)
	case *StmtPanic:
		list(x.Args)
	case *ExprList:
		list(x.Elems)
	case *MapEntry:
		x.Key = one(x.Key)
		x.Value = one(x.Value)
	case *StructField:
		x.Value = one(x.Value)
	case *ExprCall:
		x.Func = one(x.Func)
		list(x.Args)
	case *ExprFunc:
		x.Body = one(x.Body)
	case *ExprIf:
		x.Cond = one(x.Cond)
		x.Then = one(x.Then)
		x.Else = one(x.Else)
	case *ExprInterp:
		list(x.Parts)
	case *ExprBinary:
		x.X = one(x.X)
		x.Y = one(x.Y)
	case *ExprUnary:
		x.X = one(x.X)
	case *ExprExcept:
		x.X = one(x.X)
		x.Default = one(x.Default)
	case *ExprIndex:
		x.X = one(x.X)
		x.Index = one(x.Index)
	case *ExprStructLookup:
		x.X = one(x.X)
		x.Default = one(x.Default)
	case *ExprParen:
		x.X = one(x.X)
	}
	// Statements and the containers without expression slots of their
	// own (blocks, edges, maps, structs) are handled by descending into
	// their children.
	switch x := n.(type) {
	case *Module, *Block, *StmtIf, *StmtFor, *StmtForKV, *StmtClass,
		*StmtEdge, *ExprMap, *ExprStruct:
		eachChild(x, func(c Node) {
			switch c.(type) {
			case Stmt, *Block, *EdgeHalf, *MapEntry, *StructField:
				RewriteExprs(c, f)
			}
		})
	}
}
