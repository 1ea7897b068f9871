package yamlgraph

import (
	"fmt"
	"math"
	"strconv"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// Limits that keep hostile documents cheap to reject.
const (
	// maxDepth bounds the nesting of maps and lists.
	maxDepth = 1000
	// maxExpanded bounds the nodes that aliases add to the document, so
	// that a "billion laughs" document fails instead of eating memory.
	maxExpanded = 1 << 22
)

// nodeKind is the shape of a node.
type nodeKind uint8

const (
	scalarNode nodeKind = iota
	mapNode
	seqNode
)

// node is a YAML value with anchors, aliases, merge keys and tags resolved,
// and its position kept for error messages. Aliased subtrees are shared.
type node struct {
	at   pos
	kind nodeKind
	// val is a scalar's value: nil, bool, string, int64, uint64 or float64.
	val any
	// keys and vals are a map's entries, in document order (explicit
	// entries first, then those merged in with "<<").
	keys, vals []*node
	// items are a list's elements.
	items []*node
	// size counts the nodes of the subtree with aliases expanded,
	// saturating above maxExpanded.
	size int
}

// describe names the node's shape for error messages.
func (n *node) describe() string {
	switch n.kind {
	case mapNode:
		return "a map"
	case seqNode:
		return "a list"
	}
	switch v := n.val.(type) {
	case nil:
		return "null"
	case bool:
		return "bool " + strconv.FormatBool(v)
	case string:
		return "str " + strconv.Quote(v)
	case int64, uint64:
		return fmt.Sprint("int ", v)
	case float64:
		return "float " + strconv.FormatFloat(v, 'g', -1, 64)
	}
	return fmt.Sprintf("%T", n.val)
}

// isNull reports whether the node is the null scalar.
func (n *node) isNull() bool { return n.kind == scalarNode && n.val == nil }

// str returns the node's value if it is a string scalar.
func (n *node) str() (string, bool) {
	if n.kind != scalarNode {
		return "", false
	}
	s, ok := n.val.(string)
	return s, ok
}

// generic converts the node to the plain Go data hostabi.Convert takes:
// scalars as they are, []any, and map[string]any (or map[any]any when a
// key is not a string).
func (n *node) generic() any {
	switch n.kind {
	case seqNode:
		out := make([]any, len(n.items))
		for i, it := range n.items {
			out[i] = it.generic()
		}
		return out
	case mapNode:
		allStr := true
		for _, k := range n.keys {
			if _, ok := k.val.(string); !ok {
				allStr = false
				break
			}
		}
		if allStr {
			out := make(map[string]any, len(n.keys))
			for i, k := range n.keys {
				out[k.val.(string)] = n.vals[i].generic()
			}
			return out
		}
		out := make(map[any]any, len(n.keys))
		for i, k := range n.keys {
			out[k.val] = n.vals[i].generic()
		}
		return out
	}
	return n.val
}

// builder turns goccy's AST into nodes.
type builder struct {
	p        *parser
	anchors  map[string]*node
	depth    int
	expanded int
}

// astPos returns where an AST node starts. A block map's own token is the
// ':' after its first key, so its first key's position is used instead.
func astPos(n ast.Node) pos {
	switch x := n.(type) {
	case *ast.MappingNode:
		if len(x.Values) > 0 && !x.IsFlowStyle {
			return astPos(x.Values[0])
		}
	case *ast.MappingValueNode:
		if x.Key != nil {
			return astPos(x.Key)
		}
	}
	if n == nil {
		return pos{1, 1}
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return pos{1, 1}
	}
	return pos{tk.Position.Line, tk.Position.Column}
}

// build converts an AST node; at is used when n is nil (an empty value).
func (b *builder) build(n ast.Node, at pos) (*node, error) {
	if n == nil {
		return &node{at: at, size: 1}, nil
	}
	b.depth++
	defer func() { b.depth-- }()
	if b.depth > maxDepth {
		return nil, b.p.errAt(astPos(n), "nested more than %d levels deep", maxDepth)
	}
	here := astPos(n)
	switch x := n.(type) {
	case *ast.NullNode:
		return &node{at: here, size: 1}, nil
	case *ast.BoolNode:
		return &node{at: here, val: x.Value, size: 1}, nil
	case *ast.IntegerNode:
		switch v := x.Value.(type) {
		case int64, uint64:
			return &node{at: here, val: v, size: 1}, nil
		}
		return nil, b.p.errAt(here, "integer %s is out of range", x.Token.Value)
	case *ast.FloatNode:
		return &node{at: here, val: x.Value, size: 1}, nil
	case *ast.InfinityNode:
		return &node{at: here, val: x.Value, size: 1}, nil
	case *ast.NanNode:
		return &node{at: here, val: math.NaN(), size: 1}, nil
	case *ast.StringNode:
		if x.Token != nil && x.Token.Type == token.StringType && outOfRange(x.Value) {
			return nil, b.p.errAt(here, "number %s is out of range", x.Value)
		}
		return &node{at: here, val: x.Value, size: 1}, nil
	case *ast.LiteralNode:
		v := ""
		if x.Value != nil {
			v = x.Value.Value
		}
		return &node{at: here, val: v, size: 1}, nil
	case *ast.MappingKeyNode:
		return b.build(x.Value, here)
	case *ast.MappingNode:
		return b.mapping(here, x.Values)
	case *ast.MappingValueNode:
		return b.mapping(here, []*ast.MappingValueNode{x})
	case *ast.SequenceNode:
		return b.sequence(here, x)
	case *ast.AnchorNode:
		v, err := b.build(x.Value, here)
		if err != nil {
			return nil, err
		}
		if x.Name != nil && x.Name.GetToken() != nil {
			b.anchors[x.Name.GetToken().Value] = v
		}
		return v, nil
	case *ast.AliasNode:
		return b.alias(here, x)
	case *ast.TagNode:
		return b.tag(here, x)
	}
	return nil, b.p.errAt(here, "unsupported YAML %s", n.Type().YAMLName())
}

// alias resolves *name to a shallow copy of the anchored node, placed at the
// alias, and charges its size to the expansion budget.
func (b *builder) alias(here pos, x *ast.AliasNode) (*node, error) {
	name := ""
	if x.Value != nil && x.Value.GetToken() != nil {
		name = x.Value.GetToken().Value
	}
	v, ok := b.anchors[name]
	if !ok {
		return nil, b.p.errAt(here, "unknown anchor %q", name)
	}
	b.expanded += v.size
	if b.expanded > maxExpanded {
		return nil, b.p.errAt(here, "aliases expand the document to more than %d nodes", maxExpanded)
	}
	c := *v
	c.at = here
	return &c, nil
}

// sequence converts a list.
func (b *builder) sequence(here pos, x *ast.SequenceNode) (*node, error) {
	n := &node{at: here, kind: seqNode, items: make([]*node, 0, len(x.Values)), size: 1}
	for _, item := range x.Values {
		v, err := b.build(item, here)
		if err != nil {
			return nil, err
		}
		n.items = append(n.items, v)
		n.size = addSize(n.size, v.size)
	}
	return n, nil
}

// mapping converts a map, rejecting duplicate and non-scalar keys and
// resolving merge keys ("<<: *base"): merged entries come after the
// explicit ones and never override them.
func (b *builder) mapping(here pos, entries []*ast.MappingValueNode) (*node, error) {
	n := &node{at: here, kind: mapNode, size: 1}
	seen := map[any]*node{}
	var merges []*node
	for _, e := range entries {
		if e == nil {
			continue
		}
		if _, ok := e.Key.(*ast.MergeKeyNode); ok {
			v, err := b.build(e.Value, astPos(e.Key))
			if err != nil {
				return nil, err
			}
			merges = append(merges, v)
			continue
		}
		k, err := b.build(e.Key, here)
		if err != nil {
			return nil, err
		}
		if k.kind != scalarNode {
			return nil, b.p.errAt(k.at, "a map key must be a scalar, not %s", k.describe())
		}
		if first, dup := seen[k.val]; dup {
			return nil, b.p.errAt(k.at, "duplicate key %s (first at line %d)", k.describe(), first.at.line)
		}
		v, err := b.build(e.Value, k.at)
		if err != nil {
			return nil, err
		}
		if !isNaN(k.val) {
			seen[k.val] = k
		}
		n.add(k, v)
	}
	for _, m := range merges {
		srcs := []*node{m}
		if m.kind == seqNode {
			srcs = m.items
		}
		for _, src := range srcs {
			if src.kind != mapNode {
				return nil, b.p.errAt(src.at, "a merge key (<<) needs a map or a list of maps, not %s", src.describe())
			}
			for i, k := range src.keys {
				if _, dup := seen[k.val]; dup {
					continue
				}
				if !isNaN(k.val) {
					seen[k.val] = k
				}
				n.add(k, src.vals[i])
			}
		}
	}
	return n, nil
}

// add appends an entry to a map node.
func (n *node) add(k, v *node) {
	n.keys = append(n.keys, k)
	n.vals = append(n.vals, v)
	n.size = addSize(addSize(n.size, k.size), v.size)
}

// isNaN reports whether a key is a float NaN, which no map can look up.
func isNaN(v any) bool {
	f, ok := v.(float64)
	return ok && f != f
}

// addSize adds subtree sizes, saturating above maxExpanded.
func addSize(a, b int) int {
	return min(a+b, maxExpanded+1)
}
