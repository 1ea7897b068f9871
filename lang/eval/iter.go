package eval

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// iterFuncs are the iter package: higher-order functions over lists.
var iterFuncs = map[string]coreFunc{
	"iter.map":     iterMap,
	"iter.filter":  iterFilter,
	"iter.flatten": iterFlatten,
	"iter.range":   iterRange,
	"iter.reduce":  iterReduce,
	"iter.zip":     iterZip,
}

// list returns a list argument, failing otherwise.
func listArg(at ast.Node, name string, v hostabi.Value) *hostabi.ListValue {
	l, ok := v.(*hostabi.ListValue)
	if !ok {
		fatalf(at, "%s takes a list, not %s", name, typeOf(v))
	}
	return l
}

func iterMap(r *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	in := listArg(at, "iter.map", a[0])
	items := make([]hostabi.Value, len(in.Items))
	for i, it := range in.Items {
		items[i] = r.callFunc(at, a[1], it)
	}
	return newList(outElem(out), items)
}

func iterFilter(r *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	in := listArg(at, "iter.filter", a[0])
	var items []hostabi.Value
	for _, it := range in.Items {
		b, ok := r.callFunc(at, a[1], it).(hostabi.BoolValue)
		if !ok {
			fatalf(at, "iter.filter: the function must return a bool")
		}
		if b {
			items = append(items, it)
		}
	}
	return &hostabi.ListValue{T: in.T, Items: items}
}

func iterFlatten(_ *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	in := listArg(at, "iter.flatten", a[0])
	var items []hostabi.Value
	for _, it := range in.Items {
		items = append(items, listArg(at, "iter.flatten", it).Items...)
	}
	t := outElem(out)
	if t == nil && in.T.Elem != nil && in.T.Elem.Kind == hostabi.KindList {
		t = in.T.Elem
	}
	return newList(t, items)
}

// iterRange is Python's range: (end), (start, end) or (start, end, step).
func iterRange(_ *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	n := make([]int64, len(a))
	for i, v := range a {
		x, ok := v.(hostabi.IntValue)
		if !ok {
			fatalf(at, "iter.range takes ints, not %s", typeOf(v))
		}
		n[i] = int64(x)
	}
	start, end, step := int64(0), int64(0), int64(1)
	switch len(n) {
	case 1:
		end = n[0]
	case 2:
		start, end = n[0], n[1]
	case 3:
		start, end, step = n[0], n[1], n[2]
	default:
		fatalf(at, "iter.range takes 1 to 3 args, got %d", len(n))
	}
	if step == 0 {
		failf(at, "iter.range: step is zero")
	}
	const limit = 10_000_000
	var items []hostabi.Value
	for i := start; (step > 0 && i < end) || (step < 0 && i > end); i += step {
		if len(items) >= limit {
			failf(at, "iter.range: more than %d elements", limit)
		}
		items = append(items, hostabi.IntValue(i))
	}
	return &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeInt), Items: items}
}

// iterReduce folds a list: (inputs, fn) starts from the first element,
// (initial, inputs, fn) from initial.
func iterReduce(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	var acc hostabi.Value
	var in *hostabi.ListValue
	var fn hostabi.Value
	switch len(a) {
	case 2:
		in, fn = listArg(at, "iter.reduce", a[0]), a[1]
		if len(in.Items) == 0 {
			failf(at, "iter.reduce of an empty list without an initial value")
		}
		acc = in.Items[0]
		in = &hostabi.ListValue{T: in.T, Items: in.Items[1:]}
	case 3:
		acc, in, fn = a[0], listArg(at, "iter.reduce", a[1]), a[2]
	default:
		fatalf(at, "iter.reduce takes 2 or 3 args, got %d", len(a))
	}
	for _, it := range in.Items {
		acc = r.callFunc(at, fn, acc, it)
	}
	return acc
}

// iterZip calls fn on pairs of elements, up to the shorter list's length.
func iterZip(r *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	x, y := listArg(at, "iter.zip", a[0]), listArg(at, "iter.zip", a[1])
	n := min(len(x.Items), len(y.Items))
	items := make([]hostabi.Value, n)
	for i := range n {
		items[i] = r.callFunc(at, a[2], x.Items[i], y.Items[i])
	}
	return newList(outElem(out), items)
}
