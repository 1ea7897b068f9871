package ast

import (
	"fmt"
	"strings"
)

// Dump returns a compact S-expression form of the tree rooted at n, for
// tests and debugging, such as `(bind $x (+ 1 (* 2 3)))`. Positions are not
// included. Strings are shown as written (raw, between quotes) unless they
// have been decoded, in which case the decoded value is shown in Go syntax.
func Dump(n Node) string {
	var b strings.Builder
	dump(&b, n)
	return b.String()
}

func dump(b *strings.Builder, n Node) {
	if n == nil || isNilNode(n) {
		b.WriteString("nil")
		return
	}
	list := func(head string, items ...any) {
		b.WriteString("(" + head)
		for _, it := range items {
			b.WriteByte(' ')
			switch x := it.(type) {
			case string:
				b.WriteString(x)
			case Node:
				dump(b, x)
			}
		}
		b.WriteByte(')')
	}
	switch x := n.(type) {
	case *Module:
		list("module", stmts(x.Body)...)
	case *Block:
		list("block", stmts(x.Body)...)
	case *Ident:
		b.WriteString(x.Name)
	case *Param:
		if x.Type == nil {
			b.WriteString("$" + x.Name.Name)
		} else {
			list("$"+x.Name.Name, x.Type)
		}
	case *TypeExpr:
		b.WriteString(x.Type.String())
	case *StmtBind:
		items := []any{"$" + x.Name.Name}
		if x.Type != nil {
			items = append(items, x.Type)
		}
		list("bind", append(items, x.Value)...)
	case *StmtRes:
		list("res", append([]any{x.Kind.Name, x.Name}, entries(x.Body)...)...)
	case *StmtCollect:
		list("collect", append([]any{x.Kind.Name, x.Names}, entries(x.Body)...)...)
	case *ResField:
		list("field", x.Field.Name, cond(x.Cond, x.Value))
	case *ResEdge:
		list("edge", x.Property.Name, cond(x.Cond, x.Target))
	case *ResMeta:
		head := "meta"
		if x.Property != nil {
			head += ":" + x.Property.Name
		}
		list(head, cond(x.Cond, x.Value))
	case *StmtEdge:
		items := []any{}
		for _, h := range x.Halves {
			items = append(items, h)
		}
		list("edges", items...)
	case *EdgeHalf:
		if x.Field != nil {
			list(x.Kind.Name, x.Name, "."+x.Field.Name)
		} else {
			list(x.Kind.Name, x.Name)
		}
	case *StmtIf:
		list("if", x.Cond, x.Then, x.Else)
	case *StmtFor:
		list("for", "$"+x.Index.Name, "$"+x.Value.Name, x.List, x.Body)
	case *StmtForKV:
		list("forkv", "$"+x.Key.Name, "$"+x.Value.Name, x.Map, x.Body)
	case *StmtFunc:
		list("func", x.Name.Name, x.Func)
	case *StmtClass:
		items := []any{x.Name.Name}
		if x.Params != nil {
			items = append(items, paramList(x.Params))
		}
		list("class", append(items, x.Body)...)
	case *StmtInclude:
		items := []any{x.Name.Name}
		if x.Args != nil {
			items = append(items, exprList(x.Args))
		}
		if x.Alias != nil {
			items = append(items, "as", x.Alias.Name)
		}
		list("include", items...)
	case *StmtImport:
		items := []any{`"` + x.Path + `"`}
		if x.Alias != nil {
			items = append(items, "as", x.Alias.Name)
		}
		list("import", items...)
	case *StmtPanic:
		list("panic", exprs(x.Args)...)
	default:
		dumpExpr(b, n, list)
	}
}

func dumpExpr(b *strings.Builder, n Node, list func(string, ...any)) {
	switch x := n.(type) {
	case *ExprBool:
		fmt.Fprint(b, x.Value)
	case *ExprStr:
		if x.Decoded {
			fmt.Fprintf(b, "%q", x.Value)
		} else {
			b.WriteString(`"` + x.Raw + `"`)
		}
	case *ExprInt:
		b.WriteString(x.Raw)
	case *ExprFloat:
		b.WriteString(x.Raw)
	case *ExprVar:
		b.WriteString("$" + x.Name)
	case *ExprList:
		list("list", exprs(x.Elems)...)
	case *ExprMap:
		items := []any{}
		for _, e := range x.Entries {
			items = append(items, e)
		}
		list("map", items...)
	case *MapEntry:
		list("=>", x.Key, x.Value)
	case *ExprStruct:
		items := []any{}
		for _, f := range x.Fields {
			items = append(items, f)
		}
		list("struct", items...)
	case *StructField:
		list(x.Name.Name, x.Value)
	case *ExprCall:
		if x.Func == nil {
			list("call "+x.Name.Name, exprs(x.Args)...)
		} else {
			list("call", append([]any{x.Func}, exprs(x.Args)...)...)
		}
	case *ExprFunc:
		items := []any{paramList(x.Params)}
		if x.Result != nil {
			items = append(items, x.Result)
		}
		list("lambda", append(items, x.Body)...)
	case *ExprIf:
		list("if", x.Cond, x.Then, x.Else)
	case *ExprInterp:
		list("interp", exprs(x.Parts)...)
	case *ExprBinary:
		list(string(x.Op), x.X, x.Y)
	case *ExprUnary:
		list(string(x.Op), x.X)
	case *ExprExcept:
		list("<|>", x.X, x.Default)
	case *ExprIndex:
		list("index", x.X, x.Index)
	case *ExprStructLookup:
		if x.Default != nil {
			list("->", x.X, x.Field.Name, x.Default)
		} else {
			list("->", x.X, x.Field.Name)
		}
	case *ExprParen:
		list("paren", x.X)
	default:
		fmt.Fprintf(b, "<%T>", n)
	}
}

// cond renders `value` or `(?: cond value)`.
func cond(c Expr, v Node) any {
	if c == nil {
		return v
	}
	return Dump(c) + " ?: " + Dump(v)
}

func stmts(list []Stmt) []any {
	out := make([]any, len(list))
	for i, s := range list {
		out[i] = s
	}
	return out
}

func exprs(list []Expr) []any {
	out := make([]any, len(list))
	for i, e := range list {
		out[i] = e
	}
	return out
}

func entries(list []ResEntry) []any {
	out := make([]any, len(list))
	for i, e := range list {
		out[i] = e
	}
	return out
}

// exprList renders a parenthesized list of expressions.
func exprList(list []Expr) string {
	parts := make([]string, len(list))
	for i, e := range list {
		parts[i] = Dump(e)
	}
	return "(" + strings.Join(parts, " ") + ")"
}

// paramList renders a parenthesized parameter list.
func paramList(list []*Param) string {
	parts := make([]string, len(list))
	for i, p := range list {
		parts[i] = Dump(p)
	}
	return "(" + strings.Join(parts, " ") + ")"
}
