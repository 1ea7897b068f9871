package ast

// Visitor is called by [Walk] for each node. If Visit returns a non-nil
// visitor w, Walk visits the children of the node with w and then calls
// w.Visit(nil).
type Visitor interface {
	Visit(n Node) (w Visitor)
}

// Walk traverses the tree rooted at n in depth-first, source order. It
// calls v.Visit(n); if that returns a non-nil w, it walks each child of n
// with w and finally calls w.Visit(nil). Walk visits statements,
// expressions, blocks, resource body entries, edge halves, map entries,
// struct fields, parameters, type annotations and the *Ident names inside
// them (comments are not visited: they hang off [Module.Comments]).
func Walk(v Visitor, n Node) {
	if n == nil || isNilNode(n) {
		return
	}
	if v = v.Visit(n); v == nil {
		return
	}
	eachChild(n, func(c Node) { Walk(v, c) })
	v.Visit(nil)
}

// inspector adapts a function to a Visitor for Inspect.
type inspector func(Node) bool

// Visit calls f and descends into the children of n if f returns true.
func (f inspector) Visit(n Node) Visitor {
	if n != nil && f(n) {
		return f
	}
	return nil
}

// Inspect traverses the tree rooted at n like [Walk], calling f for each
// node; if f returns false, the children of that node are skipped.
func Inspect(n Node, f func(Node) bool) {
	Walk(inspector(f), n)
}

// isNilNode reports whether n is a typed nil pointer stored in an
// interface, such as a nil *TypeExpr.
func isNilNode(n Node) bool {
	switch x := n.(type) {
	case *TypeExpr:
		return x == nil
	case *Ident:
		return x == nil
	case *Block:
		return x == nil
	case *EdgeHalf:
		return x == nil
	case *ExprFunc:
		return x == nil
	}
	return false
}

// eachChild calls f for each direct child of n in source order. Optional
// children that are absent are skipped.
func eachChild(n Node, f func(Node)) {
	opt := func(c Node) {
		if c != nil && !isNilNode(c) {
			f(c)
		}
	}
	exprs := func(list []Expr) {
		for _, e := range list {
			opt(e)
		}
	}
	stmts := func(list []Stmt) {
		for _, s := range list {
			opt(s)
		}
	}
	entries := func(list []ResEntry) {
		for _, e := range list {
			opt(e)
		}
	}
	params := func(list []*Param) {
		for _, p := range list {
			f(p)
		}
	}
	switch x := n.(type) {
	case *Module:
		stmts(x.Body)
	case *Block:
		stmts(x.Body)
	case *Param:
		f(&x.Name)
		opt(x.Type)
	case *StmtBind:
		f(&x.Name)
		opt(x.Type)
		opt(x.Value)
	case *StmtRes:
		f(&x.Kind)
		opt(x.Name)
		entries(x.Body)
	case *ResField:
		f(&x.Field)
		opt(x.Cond)
		opt(x.Value)
	case *ResEdge:
		f(&x.Property)
		opt(x.Cond)
		opt(x.Target)
	case *ResMeta:
		f(&x.Meta)
		opt(x.Property)
		opt(x.Cond)
		opt(x.Value)
	case *StmtEdge:
		for _, h := range x.Halves {
			f(h)
		}
	case *EdgeHalf:
		f(&x.Kind)
		opt(x.Name)
		opt(x.Field)
	case *StmtIf:
		opt(x.Cond)
		opt(x.Then)
		opt(x.Else)
	case *StmtFor:
		f(&x.Index)
		f(&x.Value)
		opt(x.List)
		opt(x.Body)
	case *StmtForKV:
		f(&x.Key)
		f(&x.Value)
		opt(x.Map)
		opt(x.Body)
	case *StmtFunc:
		f(&x.Name)
		opt(x.Func)
	case *StmtClass:
		f(&x.Name)
		params(x.Params)
		opt(x.Body)
	case *StmtInclude:
		f(&x.Name)
		exprs(x.Args)
		opt(x.Alias)
	case *StmtImport:
		opt(x.Alias)
	case *StmtCollect:
		f(&x.Kind)
		opt(x.Names)
		entries(x.Body)
	case *StmtPanic:
		exprs(x.Args)
	case *ExprList:
		exprs(x.Elems)
	case *ExprMap:
		for _, e := range x.Entries {
			f(e)
		}
	case *MapEntry:
		opt(x.Key)
		opt(x.Value)
	case *ExprStruct:
		for _, fl := range x.Fields {
			f(fl)
		}
	case *StructField:
		f(&x.Name)
		opt(x.Value)
	case *ExprCall:
		if x.Func == nil {
			f(&x.Name)
		}
		opt(x.Func)
		exprs(x.Args)
	case *ExprFunc:
		params(x.Params)
		opt(x.Result)
		opt(x.Body)
	case *ExprIf:
		opt(x.Cond)
		opt(x.Then)
		opt(x.Else)
	case *ExprInterp:
		exprs(x.Parts)
	case *ExprBinary:
		opt(x.X)
		opt(x.Y)
	case *ExprUnary:
		opt(x.X)
	case *ExprExcept:
		opt(x.X)
		opt(x.Default)
	case *ExprIndex:
		opt(x.X)
		opt(x.Index)
	case *ExprStructLookup:
		opt(x.X)
		f(&x.Field)
		opt(x.Default)
	case *ExprParen:
		opt(x.X)
	}
}
