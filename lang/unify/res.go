package unify

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// metaparams are the metaparameters and their types, in the order of the
// whole-struct form `Meta => struct{...}`.
var metaparams = []hostabi.Field{
	{Name: "noop", Type: hostabi.TypeBool},
	{Name: "retry", Type: hostabi.TypeInt},
	{Name: "retryreset", Type: hostabi.TypeBool},
	{Name: "delay", Type: hostabi.TypeInt},
	{Name: "poll", Type: hostabi.TypeInt},
	{Name: "limit", Type: hostabi.TypeFloat},
	{Name: "burst", Type: hostabi.TypeInt},
	{Name: "reset", Type: hostabi.TypeBool},
	{Name: "sema", Type: hostabi.NewList(hostabi.TypeStr)},
	{Name: "rewatch", Type: hostabi.TypeBool},
	{Name: "realize", Type: hostabi.TypeBool},
	{Name: "dollar", Type: hostabi.TypeBool},
	{Name: "hidden", Type: hostabi.TypeBool},
	{Name: "export", Type: hostabi.NewList(hostabi.TypeStr)},
	{Name: "reverse", Type: hostabi.TypeBool},
	{Name: "autoedge", Type: hostabi.TypeBool},
	{Name: "autogroup", Type: hostabi.TypeBool},
	{Name: "timeout", Type: hostabi.TypeInt},
}

// metaType returns the type of a metaparameter, or nil.
func metaType(name string) *hostabi.Type {
	for _, m := range metaparams {
		if m.Name == name {
			return m.Type
		}
	}
	return nil
}

// kind returns the schema of a resource kind, failing at n if the
// registry has none.
func (c *checker) kind(n ast.Node, kind string) *hostabi.KindInfo {
	if k := c.kinds[kind]; k != nil {
		return k
	}
	k, ok := c.reg.Kind(kind)
	if !ok {
		c.failf(n, "no resource kind `%s` available", kind)
	}
	c.kinds[kind] = k
	return k
}

// resName constrains the name of a resource: a str or a []str.
func (c *checker) resName(f *frame, e ast.Expr, collect bool) {
	t := c.expr(f, e)
	c.later(e, "the resource name", func() (bool, error) {
		switch r := find(t); r.kind {
		case hostabi.KindVar:
			return false, nil
		case hostabi.KindStr:
			return true, nil
		case hostabi.KindList:
			el := find(r.elem)
			if el.kind == hostabi.KindVar && !collect {
				return true, unify(tStr, el)
			}
			if el.kind == hostabi.KindVar {
				return false, nil
			}
			if collect && el.kind == hostabi.KindStruct {
				want := &Term{kind: hostabi.KindStruct, names: []string{"name", "host"}, args: []*Term{tStr, tStr}}
				return true, unify(want, el)
			}
			return true, unify(tStr, el)
		default:
			return false, fmt.Errorf("type error: a resource name is a str or a []str, not %s", r)
		}
	})
}

// res checks a resource statement against its kind's schema.
func (c *checker) res(f *frame, x *ast.StmtRes) {
	k := c.kind(&x.Kind, x.Kind.Name)
	c.resName(f, x.Name, false)
	c.entries(f, k, x.Body)
}

// collect checks a collect statement.
func (c *checker) collect(f *frame, x *ast.StmtCollect) {
	k := c.kind(&x.Kind, x.Kind.Name)
	c.resName(f, x.Names, true)
	c.entries(f, k, x.Body)
}

// entries checks the body of a resource or collect statement.
func (c *checker) entries(f *frame, k *hostabi.KindInfo, body []ast.ResEntry) {
	for _, e := range body {
		switch x := e.(type) {
		case *ast.ResField:
			c.cond(f, x.Cond)
			p := k.Param(x.Field.Name)
			if p == nil {
				c.failf(&x.Field, "resource kind `%s` has no param `%s`", k.Kind, x.Field.Name)
			}
			c.unify(x, c.typeTerm(p.Type), c.expr(f, x.Value))
		case *ast.ResEdge:
			c.cond(f, x.Cond)
			c.half(f, x.Target)
		case *ast.ResMeta:
			c.cond(f, x.Cond)
			c.meta(f, x)
		}
	}
}

// cond types the condition of a `?:` entry, if any.
func (c *checker) cond(f *frame, e ast.Expr) {
	if e != nil {
		c.unify(e, tBool, c.expr(f, e))
	}
}

// meta checks a metaparameter entry.
func (c *checker) meta(f *frame, x *ast.ResMeta) {
	if x.Property != nil {
		t := metaType(x.Property.Name)
		if t == nil {
			c.failf(x.Property, "unknown metaparam `%s`", x.Property.Name)
		}
		c.unify(x, c.typeTerm(t), c.expr(f, x.Value))
		return
	}
	if s, ok := x.Value.(*ast.ExprStruct); ok {
		if len(s.Fields) != len(metaparams) {
			c.failf(x, "struct field count differs: Meta takes all %d metaparams, got %d", len(metaparams), len(s.Fields))
		}
		for _, fl := range s.Fields {
			t := metaType(fl.Name.Name)
			if t == nil {
				c.failf(fl, "unknown metaparam `%s`", fl.Name.Name)
			}
			c.unify(fl, c.typeTerm(t), c.expr(f, fl.Value))
		}
		return
	}
	c.unify(x, c.typeTerm(hostabi.NewStruct(metaparams...)), c.expr(f, x.Value))
}

// half checks a resource reference of an edge.
func (c *checker) half(f *frame, h *ast.EdgeHalf) *hostabi.KindInfo {
	k := c.kind(&h.Kind, h.Kind.Name)
	c.resName(f, h.Name, false)
	return k
}

// edge checks an edge statement; a send/recv edge needs a sending kind
// that sends the field and a receiving kind with a param of the same type.
func (c *checker) edge(f *frame, x *ast.StmtEdge) {
	kinds := make([]*hostabi.KindInfo, len(x.Halves))
	for i, h := range x.Halves {
		kinds[i] = c.half(f, h)
	}
	if !x.SendRecv() {
		return
	}
	from, to := x.Halves[0], x.Halves[1]
	ks, kr := kinds[0], kinds[1]
	if !ks.Traits.Send {
		c.failf(x, "cannot send from resource of kind: %s", ks.Kind)
	}
	if !kr.Traits.Recv {
		c.failf(x, "cannot recv to resource of kind: %s", kr.Kind)
	}
	sent, recv := ks.Send(from.Field.Name), kr.Param(to.Field.Name)
	what := fmt.Sprintf("cannot send/recv from %s.%s to %s.%s", ks.Kind, from.Field.Name, kr.Kind, to.Field.Name)
	switch {
	case sent == nil:
		c.failf(x, "%s: key not found in send struct", what)
	case recv == nil:
		c.failf(x, "%s: key not found in recv struct", what)
	case !sent.Type.Equal(recv.Type) && recv.Type.Kind != hostabi.KindVariant:
		c.failf(x, "%s: field kind mismatch between %s and %s", what, sent.Type, recv.Type)
	}
}
