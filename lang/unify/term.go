package unify

import (
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Term is a type during unification: a type variable, which union-find
// links to what it was unified with, or a type constructor over terms.
// Terms without variables are never modified, so they may be shared.
type Term struct {
	kind hostabi.Kind
	// link is what a KindVar term was bound to (nil: still free).
	link *Term
	// id numbers a variable for messages.
	id int
	// elem is a list's element; key and val are a map's.
	elem, key, val *Term
	// names are a struct's field names, args its field types (or a
	// function's argument types).
	names []string
	args  []*Term
	// out is a function's result.
	out *Term
}

// Shared terms of the scalar types.
var (
	tBool    = &Term{kind: hostabi.KindBool}
	tStr     = &Term{kind: hostabi.KindStr}
	tInt     = &Term{kind: hostabi.KindInt}
	tFloat   = &Term{kind: hostabi.KindFloat}
	tVariant = &Term{kind: hostabi.KindVariant}
)

// listOf returns the term []elem.
func listOf(elem *Term) *Term { return &Term{kind: hostabi.KindList, elem: elem} }

// mapOf returns the term map{k: v}.
func mapOf(k, v *Term) *Term { return &Term{kind: hostabi.KindMap, key: k, val: v} }

// funcOf returns the term func(args...) out.
func funcOf(out *Term, args ...*Term) *Term {
	return &Term{kind: hostabi.KindFunc, args: args, out: out}
}

// find returns the representative of t, compressing the path to it.
func find(t *Term) *Term {
	root := t
	for root.kind == hostabi.KindVar && root.link != nil {
		root = root.link
	}
	for t != root && t.kind == hostabi.KindVar && t.link != nil {
		next := t.link
		t.link = root
		t = next
	}
	return root
}

// String prints t in mcl syntax, with ?N for free variables.
func (t *Term) String() string {
	var b strings.Builder
	t.write(&b, 0)
	return b.String()
}

// write appends t to b; depth guards against a malformed cyclic term.
func (t *Term) write(b *strings.Builder, depth int) {
	t = find(t)
	if depth > 32 {
		b.WriteString("...")
		return
	}
	switch t.kind {
	case hostabi.KindVar:
		b.WriteString("?" + strconv.Itoa(t.id))
	case hostabi.KindList:
		b.WriteString("[]")
		t.elem.write(b, depth+1)
	case hostabi.KindMap:
		b.WriteString("map{")
		t.key.write(b, depth+1)
		b.WriteString(": ")
		t.val.write(b, depth+1)
		b.WriteString("}")
	case hostabi.KindStruct:
		b.WriteString("struct{")
		for i, n := range t.names {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(n + " ")
			t.args[i].write(b, depth+1)
		}
		b.WriteString("}")
	case hostabi.KindFunc:
		b.WriteString("func(")
		for i, a := range t.args {
			if i > 0 {
				b.WriteString(", ")
			}
			a.write(b, depth+1)
		}
		b.WriteString(") ")
		t.out.write(b, depth+1)
	default:
		b.WriteString(t.kind.String())
	}
}

// hasVars reports whether t still holds a free variable.
func hasVars(t *Term) bool {
	t = find(t)
	switch t.kind {
	case hostabi.KindVar:
		return true
	case hostabi.KindList:
		return hasVars(t.elem)
	case hostabi.KindMap:
		return hasVars(t.key) || hasVars(t.val)
	case hostabi.KindStruct, hostabi.KindFunc:
		for _, a := range t.args {
			if hasVars(a) {
				return true
			}
		}
		return t.out != nil && hasVars(t.out)
	}
	return false
}

// fromType converts an mcl type to a term; type variables (?1) become the
// terms of vars, created by fresh on first sight. A type without variables
// gives a term that may be shared.
func fromType(t *hostabi.Type, vars map[string]*Term, fresh func() *Term) *Term {
	switch t.Kind {
	case hostabi.KindBool:
		return tBool
	case hostabi.KindStr:
		return tStr
	case hostabi.KindInt:
		return tInt
	case hostabi.KindFloat:
		return tFloat
	case hostabi.KindVariant:
		return tVariant
	case hostabi.KindVar:
		v := vars[t.Name]
		if v == nil {
			v = fresh()
			vars[t.Name] = v
		}
		return v
	case hostabi.KindList:
		return listOf(fromType(t.Elem, vars, fresh))
	case hostabi.KindMap:
		return mapOf(fromType(t.Key, vars, fresh), fromType(t.Val, vars, fresh))
	case hostabi.KindStruct:
		s := &Term{kind: hostabi.KindStruct, names: make([]string, len(t.Fields)), args: make([]*Term, len(t.Fields))}
		for i, f := range t.Fields {
			s.names[i] = f.Name
			s.args[i] = fromType(f.Type, vars, fresh)
		}
		return s
	case hostabi.KindFunc:
		args := make([]*Term, len(t.In))
		for i, f := range t.In {
			args[i] = fromType(f.Type, vars, fresh)
		}
		return funcOf(fromType(t.Out, vars, fresh), args...)
	}
	return tVariant
}

// toType converts a term to an mcl type, free variables as KindVar "?".
func toType(t *Term) *hostabi.Type {
	t = find(t)
	switch t.kind {
	case hostabi.KindBool:
		return hostabi.TypeBool
	case hostabi.KindStr:
		return hostabi.TypeStr
	case hostabi.KindInt:
		return hostabi.TypeInt
	case hostabi.KindFloat:
		return hostabi.TypeFloat
	case hostabi.KindList:
		return hostabi.NewList(toType(t.elem))
	case hostabi.KindMap:
		return hostabi.NewMap(toType(t.key), toType(t.val))
	case hostabi.KindStruct:
		fs := make([]hostabi.Field, len(t.names))
		for i, n := range t.names {
			fs[i] = hostabi.Field{Name: n, Type: toType(t.args[i])}
		}
		return hostabi.NewStruct(fs...)
	case hostabi.KindFunc:
		in := make([]hostabi.Field, len(t.args))
		for i, a := range t.args {
			in[i].Type = toType(a)
		}
		return hostabi.NewFunc(toType(t.out), in...)
	case hostabi.KindVariant:
		return &hostabi.Type{Kind: hostabi.KindVariant}
	}
	return &hostabi.Type{Kind: hostabi.KindVar, Name: "?"}
}
