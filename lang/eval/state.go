package eval

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// stateFuncs read the engine's local value store.
var stateFuncs = map[string]coreFunc{
	"value.get":       valueGet,
	"value.get_str":   valueGet,
	"value.get_int":   valueGet,
	"value.get_bool":  valueGet,
	"value.get_float": valueGet,
}

// valueGet returns struct{value T; ready bool}: the stored value when
// there is one of the right type, else T's zero value and ready false.
func valueGet(r *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	key := strArg(at, "value.get", a[0])
	if !concrete(out) || out.Kind != hostabi.KindStruct || len(out.Fields) != 2 {
		fatalf(at, "value.get: the type of the result is not known")
	}
	t := out.Fields[0].Type
	var v hostabi.Value
	ready := false
	if r.e.opts.Values != nil {
		if got, ok := r.e.opts.Values.Get(key); ok && got.Type().Equal(t) {
			v, ready = got, true
		}
	}
	if v == nil {
		z, err := hostabi.Zero(t)
		if err != nil {
			fatalf(at, "value.get: %v", err)
		}
		v = z
	}
	return &hostabi.StructValue{T: out, Fields: []hostabi.Value{v, hostabi.BoolValue(ready)}}
}
