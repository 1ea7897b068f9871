package eval

import (
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
	params := map[string]hostabi.Value{}
	meta := map[string]hostabi.Value{}
	type edgeTo struct {
		prop    string
		targets []ResID
		at      ast.Node
	}
	var edges []edgeTo
	for _, en := range x.Body {
		switch y := en.(type) {
		case *ast.ResField:
			if y.Cond != nil && !r.boolean(f, y.Cond) {
				continue
			}
			params[y.Field.Name] = r.expr(f, y.Value)
		case *ast.ResEdge:
			if y.Cond != nil && !r.boolean(f, y.Cond) {
				continue
			}
			edges = append(edges, edgeTo{prop: y.Property.Name, targets: r.half(f, y.Target), at: y})
		case *ast.ResMeta:
			if y.Cond != nil && !r.boolean(f, y.Cond) {
				continue
			}
			v := r.expr(f, y.Value)
			if y.Property != nil {
				meta[y.Property.Name] = v
				continue
			}
			s, ok := v.(*hostabi.StructValue)
			if !ok {
				fatalf(y, "Meta is a struct of metaparams, not %s", typeOf(v))
			}
			for i, fl := range s.T.Fields {
				meta[fl.Name] = s.Fields[i]
			}
		}
	}
	for _, name := range names {
		if name == "" {
			fatalf(x.Name, "a %s resource has an empty name", x.Kind.Name)
		}
		res := &Resource{Kind: x.Kind.Name, Name: name, Params: params, Meta: meta, Pos: x.Pos()}
		r.out.add(res, x)
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

// collect runs a collect statement. Without a cluster there are no
// exported resources to collect, so it declares nothing.
func (r *run) collect(*frame, *ast.StmtCollect) {}
