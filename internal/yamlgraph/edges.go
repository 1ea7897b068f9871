package yamlgraph

import (
	"strconv"

	"github.com/mgmt-wasm/mgmt/runtime"
)

// recvKey names a receiving param: node index and param name.
type recvKey struct {
	node  int
	param string
}

var (
	edgeKeys = []string{"name", "from", "to", "notify"}
	fromKeys = []string{"kind", "name", "send"}
	toKeys   = []string{"kind", "name", "recv"}
)

// end is one end of an edge: a resource, and the field sent or received.
type end struct {
	node  int
	at    pos
	field string
	// fieldKey and fieldVal are the send or recv key and value, if any.
	fieldKey, fieldVal *node
}

// edges adds the edges section: a list of edges between declared resources.
func (p *parser) edges(n *node) error {
	if n.isNull() {
		return nil
	}
	if n.kind != seqNode {
		return p.errAt(n.at, "edges must be a list, not %s", n.describe())
	}
	// seen merges repeated edges between the same two nodes.
	seen := map[[2]int]int{}
	for i, item := range n.items {
		if err := p.edge(i, item, seen); err != nil {
			return err
		}
	}
	return nil
}

// edge adds one edge, and the send/recv it carries.
func (p *parser) edge(i int, n *node, seen map[[2]int]int) error {
	label := "edge #" + strconv.Itoa(i+1)
	if n.kind != mapNode {
		return p.errAt(n.at, "%s must be a map with from and to, not %s", label, n.describe())
	}
	var from, to, notify *node
	for j, k := range n.keys {
		key, err := p.key(k)
		if err != nil {
			return err
		}
		v := n.vals[j]
		switch key {
		case "name":
			s, ok := v.str()
			if !ok {
				return p.errAt(v.at, "%s: name must be a string, not %s", label, v.describe())
			}
			if s != "" {
				label = "edge " + s
			}
		case "from":
			from = v
		case "to":
			to = v
		case "notify":
			notify = v
		default:
			return p.errAt(k.at, "%s: unknown key %q%s", label, key, didYouMean(key, edgeKeys))
		}
	}
	if from == nil {
		return p.errAt(n.at, "%s has no from", label)
	}
	if to == nil {
		return p.errAt(n.at, "%s has no to", label)
	}
	src, err := p.end(label, "from", from, "send", fromKeys)
	if err != nil {
		return err
	}
	dst, err := p.end(label, "to", to, "recv", toKeys)
	if err != nil {
		return err
	}
	doNotify := false
	if notify != nil {
		b, ok := notify.val.(bool)
		if notify.kind != scalarNode || !ok {
			return p.errAt(notify.at, "%s: notify must be a bool, not %s", label, notify.describe())
		}
		doNotify = b
	}
	if err := p.sendRecv(label, src, dst); err != nil {
		return err
	}
	pair := [2]int{src.node, dst.node}
	if k, dup := seen[pair]; dup {
		p.g.Edges[k].Notify = p.g.Edges[k].Notify || doNotify
		return nil
	}
	seen[pair] = len(p.g.Edges)
	p.g.AddEdge(src.node, dst.node, doNotify)
	return nil
}

// end resolves the from or to map of an edge to a declared resource.
func (p *parser) end(label, which string, n *node, field string, keys []string) (end, error) {
	e := end{at: n.at}
	if n.kind != mapNode {
		return e, p.errAt(n.at, "%s: %s must be a map with kind and name, not %s", label, which, n.describe())
	}
	var kind, name *node
	for j, k := range n.keys {
		key, err := p.key(k)
		if err != nil {
			return e, err
		}
		v := n.vals[j]
		switch key {
		case "kind":
			kind = v
		case "name":
			name = v
		case field:
			s, ok := v.str()
			if !ok || s == "" {
				return e, p.errAt(v.at, "%s: %s must be a param name, not %s", label, field, v.describe())
			}
			e.field, e.fieldKey, e.fieldVal = s, k, v
		default:
			return e, p.errAt(k.at, "%s: unknown key %q in %s%s", label, key, which, didYouMean(key, keys))
		}
	}
	if kind == nil {
		return e, p.errAt(n.at, "%s: %s has no kind", label, which)
	}
	if name == nil {
		return e, p.errAt(n.at, "%s: %s has no name", label, which)
	}
	k, ok := kind.str()
	if !ok {
		return e, p.errAt(kind.at, "%s: kind must be a string, not %s", label, kind.describe())
	}
	s, ok := name.str()
	if !ok {
		return e, p.errAt(name.at, "%s: name must be a string, not %s", label, name.describe())
	}
	id := k + "[" + s + "]"
	idx, ok := p.index[id]
	if !ok {
		return e, p.errAt(n.at, "%s: no resource %s", label, id)
	}
	e.node = idx
	return e, nil
}

// sendRecv checks a send/recv pair against the kinds and records it as
// dst's Node.Recv.
func (p *parser) sendRecv(label string, src, dst end) error {
	switch {
	case src.fieldKey == nil && dst.fieldKey == nil:
		return nil
	case dst.fieldKey == nil:
		return p.errAt(src.fieldKey.at, "%s: send without recv (give both or neither)", label)
	case src.fieldKey == nil:
		return p.errAt(dst.fieldKey.at, "%s: recv without send (give both or neither)", label)
	}
	sid, did := p.decl[src.node].id, p.decl[dst.node].id
	sk, _ := p.kind(p.decl[src.node].kind)
	dk, _ := p.kind(p.decl[dst.node].kind)
	send := sk.Send(src.field)
	if send == nil {
		if len(sk.Sends) == 0 {
			return p.errAt(src.fieldVal.at, "%s: %s sends nothing (no field %q)", label, sid, src.field)
		}
		names := make([]string, len(sk.Sends))
		for i, s := range sk.Sends {
			names[i] = s.Name
		}
		return p.errAt(src.fieldVal.at, "%s: %s sends no field %q%s", label, sid, src.field, didYouMean(src.field, names))
	}
	recv := dk.Param(dst.field)
	if recv == nil {
		return p.errAt(dst.fieldVal.at, "%s: %s has no param %q%s", label, did, dst.field, didYouMean(dst.field, dk.keys[2:]))
	}
	if !send.Type.Equal(recv.Type) {
		return p.errAt(dst.fieldVal.at, "%s: %s.%s sends %s but %s.%s is %s",
			label, sid, src.field, send.Type, did, dst.field, recv.Type)
	}
	rk := recvKey{dst.node, dst.field}
	if first, dup := p.recvAt[rk]; dup {
		return p.errAt(dst.fieldVal.at, "%s: %s.%s already receives a value (line %d)", label, did, dst.field, first.line)
	}
	p.recvAt[rk] = dst.fieldVal.at
	dn := p.g.Nodes[dst.node]
	if dn.Recv == nil {
		dn.Recv = map[string]runtime.SendRef{}
	}
	dn.Recv[dst.field] = runtime.SendRef{From: src.node, Key: src.field}
	return nil
}
