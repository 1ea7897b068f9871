package eval

import (
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// coreFunc is a function of the language's core: it runs in the engine, not
// in a plugin, because it calls function values (iter.map) or reads the
// engine's own state (deploy.*, value.*).
type coreFunc func(r *run, at ast.Node, args []hostabi.Value, out *hostabi.Type) hostabi.Value

// coreFuncs are the core functions by registry name (filled in init to
// break the initialization cycle through run.apply).
var coreFuncs map[string]coreFunc

func init() {
	coreFuncs = map[string]coreFunc{
		"len":      coreLen,
		"contains": coreContains,
		"concat": func(_ *run, _ ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
			return strOf(a[0]) + strOf(a[1])
		},
		"list_lookup": listLookup,
		"list.lookup": listLookup,
		"map_lookup":  mapLookup,
		"map.lookup":  mapLookup,
		"_lookup":     anyLookup,
		"map.keys":    mapKeys,
		"map.values":  mapValues,
		"list.concat": listConcat,
		"panic":       corePanic,
		"panic_debug": corePanic,
	}
	for k, v := range iterFuncs {
		coreFuncs[k] = v
	}
	for k, v := range deployFuncs {
		coreFuncs[k] = v
	}
	for k, v := range stateFuncs {
		coreFuncs[k] = v
	}
	for k, v := range worldFuncs {
		coreFuncs[k] = v
	}
}

// builtin calls a registry function: a core one in the engine, any other
// through the Caller, memoized by its arguments.
func (r *run) builtin(at ast.Node, name string, args []hostabi.Value, out *hostabi.Type) hostabi.Value {
	if fn := coreFuncs[name]; fn != nil {
		return fn(r, at, args, out)
	}
	in := make([]hostabi.Field, len(args))
	var key strings.Builder
	key.WriteString(name)
	for i, a := range args {
		in[i] = hostabi.Field{Type: a.Type()}
		key.WriteByte(0)
		key.WriteString(a.String())
	}
	if out == nil {
		out = variant
	}
	sig := hostabi.NewFunc(out, in...)
	key.WriteByte(0)
	key.WriteString(out.String())
	v, err := r.library(key.String(), name, sig, args)
	if err != nil {
		if r.ctx.Err() != nil {
			panic(abort{&Error{Pos: at.Pos(), Msg: "evaluation stopped", Err: err}})
		}
		failf(at, "func `%s`: %v", name, err)
	}
	if v == nil {
		fatalf(at, "func `%s` returned no value", name)
	}
	return v
}

// strOf returns a str value's string.
func strOf(v hostabi.Value) hostabi.StrValue {
	s, _ := v.(hostabi.StrValue)
	return s
}

func coreLen(_ *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	switch v := a[0].(type) {
	case hostabi.StrValue:
		return hostabi.IntValue(len(v))
	case *hostabi.ListValue:
		return hostabi.IntValue(len(v.Items))
	case *hostabi.MapValue:
		return hostabi.IntValue(len(v.Keys))
	}
	fatalf(at, "len takes a str, list or map, not %s", typeOf(a[0]))
	return nil
}

func coreContains(_ *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	v, err := operate(ast.OpIn, a[0], a[1])
	if err != nil {
		fatalf(at, "contains: %v", err)
	}
	return v
}

func listLookup(_ *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	l, ok := a[0].(*hostabi.ListValue)
	i, ok2 := a[1].(hostabi.IntValue)
	if !ok || !ok2 {
		fatalf(at, "list lookup takes a list and an int, not %s and %s", typeOf(a[0]), typeOf(a[1]))
	}
	if i < 0 || int(i) >= len(l.Items) {
		failf(at, "list index %d out of range (length %d)", i, len(l.Items))
	}
	return l.Items[i]
}

func mapLookup(_ *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	m, ok := a[0].(*hostabi.MapValue)
	if !ok {
		fatalf(at, "map lookup takes a map, not %s", typeOf(a[0]))
	}
	v, ok := m.Lookup(a[1])
	if !ok {
		failf(at, "map key %s not found", a[1])
	}
	return v
}

func anyLookup(r *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	if _, ok := a[0].(*hostabi.ListValue); ok {
		return listLookup(r, at, a, out)
	}
	return mapLookup(r, at, a, out)
}

func mapKeys(_ *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	m, ok := a[0].(*hostabi.MapValue)
	if !ok {
		fatalf(at, "map.keys takes a map, not %s", typeOf(a[0]))
	}
	return &hostabi.ListValue{T: hostabi.NewList(m.T.Key), Items: append([]hostabi.Value(nil), m.Keys...)}
}

func mapValues(_ *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	m, ok := a[0].(*hostabi.MapValue)
	if !ok {
		fatalf(at, "map.values takes a map, not %s", typeOf(a[0]))
	}
	return &hostabi.ListValue{T: hostabi.NewList(m.T.Val), Items: append([]hostabi.Value(nil), m.Vals...)}
}

func listConcat(_ *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	var items []hostabi.Value
	for _, v := range a {
		l, ok := v.(*hostabi.ListValue)
		if !ok {
			fatalf(at, "list.concat takes lists, not %s", typeOf(v))
		}
		items = append(items, l.Items...)
	}
	if !concrete(out) && len(a) > 0 {
		out = a[0].Type()
	}
	return newList(out, items)
}

func corePanic(_ *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	if msg, ok := panicking(a); ok {
		fatalf(at, "panic: %s", msg)
	}
	return hostabi.BoolValue(false)
}

// callFunc calls a function value given as an argument.
func (r *run) callFunc(at ast.Node, fv hostabi.Value, args ...hostabi.Value) hostabi.Value {
	f, ok := fv.(*funcValue)
	if !ok {
		fatalf(at, "expected a function, got %s", typeOf(fv))
	}
	var out *hostabi.Type
	if f.t != nil && f.t.Kind == hostabi.KindFunc && concrete(f.t.Out) {
		out = f.t.Out
	}
	return r.apply(at, f, args, out)
}

// outElem returns the result type when it is a known list type, else nil.
func outElem(out *hostabi.Type) *hostabi.Type {
	if concrete(out) && out.Kind == hostabi.KindList {
		return out
	}
	return nil
}
