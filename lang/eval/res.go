package eval

import (
	"maps"
	"slices"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// resNames evaluates the name of a resource or of an edge half: a str or a
// []str.
func (r *run) resNames(f *frame, e ast.Expr) []string {
	switch v := r.expr(f, e).(type) {
	case hostabi.StrValue:
		return []string{string(v)}
	case *hostabi.ListValue:
		out := make([]string, len(v.Items))
		for i, it := range v.Items {
			s, ok := it.(hostabi.StrValue)
			if !ok {
				fatalf(e, "a resource name is a str, not %s", typeOf(it))
			}
			out[i] = string(s)
		}
		return out
	default:
		fatalf(e, "a resource name is a str or a []str, not %s", typeOf(v))
	}
	return nil
}

// res declares the resources of a resource statement.
func (r *run) res(f *frame, x *ast.StmtRes) {
	names := r.resNames(f, x.Name)
	if len(names) == 0 {
		return
	}
	b := r.body(f, x.Body)
	for _, name := range names {
		if name == "" {
			fatalf(x.Name, "a %s resource has an empty name", x.Kind.Name)
		}
		r.declare(x, x.Kind.Name, name, b.params, b.meta, b.edges)
	}
}

// edgeTo is an edge property of a resource body.
type edgeTo struct {
	prop    string
	targets []ResID
	at      ast.Node
}

// resBody is an evaluated resource or collect body.
type resBody struct {
	params, meta map[string]hostabi.Value
	edges        []edgeTo
}

// body evaluates the entries of a resource or collect body whose
// conditions hold.
func (r *run) body(f *frame, entries []ast.ResEntry) resBody {
	b := resBody{params: map[string]hostabi.Value{}, meta: map[string]hostabi.Value{}}
	for _, en := range entries {
		switch y := en.(type) {
		case *ast.ResField:
			if y.Cond != nil && !r.boolean(f, y.Cond) {
				continue
			}
			b.params[y.Field.Name] = r.expr(f, y.Value)
		case *ast.ResEdge:
			if y.Cond != nil && !r.boolean(f, y.Cond) {
				continue
			}
			b.edges = append(b.edges, edgeTo{prop: y.Property.Name, targets: r.half(f, y.Target), at: y})
		case *ast.ResMeta:
			if y.Cond != nil && !r.boolean(f, y.Cond) {
				continue
			}
			v := r.expr(f, y.Value)
			if y.Property != nil {
				b.meta[y.Property.Name] = v
				continue
			}
			s, ok := v.(*hostabi.StructValue)
			if !ok {
				fatalf(y, "Meta is a struct of metaparams, not %s", typeOf(v))
			}
			for i, fl := range s.T.Fields {
				b.meta[fl.Name] = s.Fields[i]
			}
		}
	}
	return b
}

// declare adds one resource and its edges to the output.
func (r *run) declare(at ast.Stmt, kind, name string, params, meta map[string]hostabi.Value, edges []edgeTo) {
	res := &Resource{Kind: kind, Name: name, Params: params, Meta: meta, Pos: at.Pos()}
	r.out.add(res, at)
	self := ResID{Kind: res.Kind, Name: name}
	for _, e := range edges {
		for _, t := range e.targets {
			switch strings.ToLower(e.prop) {
			case "before":
				r.out.edge(Edge{From: self, To: t, Pos: e.at.Pos()})
			case "depend":
				r.out.edge(Edge{From: t, To: self, Pos: e.at.Pos()})
			case "notify":
				r.out.edge(Edge{From: self, To: t, Notify: true, Pos: e.at.Pos()})
			case "listen":
				r.out.edge(Edge{From: t, To: self, Notify: true, Pos: e.at.Pos()})
			default:
				fatalf(e.at, "unknown edge property %s", e.prop)
			}
		}
	}
}

// half evaluates a resource reference of an edge: one ResID per name.
func (r *run) half(f *frame, h *ast.EdgeHalf) []ResID {
	names := r.resNames(f, h.Name)
	out := make([]ResID, len(names))
	for i, n := range names {
		out[i] = ResID{Kind: kindName(h.Kind.Name), Name: n}
	}
	return out
}

// kindName is the kind an edge half names: `File` is the file kind.
func kindName(s string) string {
	if s == "" {
		return s
	}
	b := []byte(s)
	if b[0] >= 'A' && b[0] <= 'Z' {
		b[0] += 'a' - 'A'
	}
	return string(b)
}

// edge declares the edges of an edge statement: between every pair of
// consecutive halves, from every name of one to every name of the next.
func (r *run) edge(f *frame, x *ast.StmtEdge) {
	halves := make([][]ResID, len(x.Halves))
	for i, h := range x.Halves {
		halves[i] = r.half(f, h)
	}
	for i := 0; i+1 < len(halves); i++ {
		for _, a := range halves[i] {
			for _, b := range halves[i+1] {
				e := Edge{From: a, To: b, Pos: x.Pos()}
				if x.SendRecv() {
					e.SendKey, e.RecvKey = x.Halves[i].Field.Name, x.Halves[i+1].Field.Name
				}
				r.out.edge(e)
			}
		}
	}
}

// collect runs a collect statement: it declares the resources of its
// kind exported to this host whose names it selects (a str, a []str, or a
// []struct{name str; host str} that also picks the exporter), with the
// params they were exported with and the body's params and metaparams on
// top. Without a cluster there is nothing to collect.
func (r *run) collect(f *frame, x *ast.StmtCollect) {
	if r.e.opts.World == nil {
		return
	}
	type sel struct{ name, host string }
	var sels []sel
	switch v := r.expr(f, x.Names).(type) {
	case hostabi.StrValue:
		sels = append(sels, sel{name: string(v)})
	case *hostabi.ListValue:
		for _, it := range v.Items {
			switch y := it.(type) {
			case hostabi.StrValue:
				sels = append(sels, sel{name: string(y)})
			case *hostabi.StructValue:
				var s sel
				for i, fl := range y.T.Fields {
					if str, ok := y.Fields[i].(hostabi.StrValue); ok && fl.Name == "name" {
						s.name = string(str)
					} else if ok && fl.Name == "host" {
						s.host = string(str)
					}
				}
				sels = append(sels, s)
			default:
				fatalf(x.Names, "collect selects by str, []str or []struct{name str; host str}, not %s", typeOf(it))
			}
		}
	default:
		fatalf(x.Names, "collect selects by str, []str or []struct{name str; host str}, not %s", typeOf(v))
	}
	if len(sels) == 0 {
		return
	}
	b := r.body(f, x.Body)
	for _, c := range r.collected(x, x.Kind.Name) {
		if !slices.ContainsFunc(sels, func(s sel) bool { return s.name == c.Name && (s.host == "" || s.host == c.Host) }) {
			continue
		}
		params := maps.Clone(c.Params)
		if params == nil {
			params = map[string]hostabi.Value{}
		}
		maps.Copy(params, b.params)
		r.declare(x, c.Kind, c.Name, params, b.meta, b.edges)
	}
}
