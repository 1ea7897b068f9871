package eval

import (
	"strconv"

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

// valueGet returns struct{value T; ready bool}: the value stored at the key
// when there is one that reads as a T, else T's zero value and ready
// false. The store is a source: the program is evaluated again when the
// stored value changes.
func valueGet(r *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	key := strArg(at, "value.get", a[0])
	if !concrete(out) || out.Kind != hostabi.KindStruct || len(out.Fields) != 2 {
		fatalf(at, "value.get: the type of the result is not known")
	}
	t := out.Fields[0].Type
	stored := r.storedValue(key)
	v, ready := parseStored(stored, t)
	if !ready {
		z, err := hostabi.Zero(t)
		if err != nil {
			fatalf(at, "value.get: %v", err)
		}
		v = z
	}
	return &hostabi.StructValue{T: out, Fields: []hostabi.Value{v, hostabi.BoolValue(ready)}}
}

// storedValue reads the value stored at key through the memo, as a source
// with the store's watches; nil when there is none.
func (r *run) storedValue(key string) hostabi.Value {
	e := r.e
	mkey := "\x00value\x00" + key
	if m := e.memo[mkey]; m != nil && !m.stale {
		m.used = e.gen
		return m.val
	}
	e.reading(mkey)
	m := &memoEntry{used: e.gen}
	if e.opts.Values != nil {
		s, ok, watches := e.opts.Values.Get(key)
		if ok {
			m.val = hostabi.StrValue(s)
		}
		m.watches = watches
	}
	e.memo[mkey] = m
	return m.val
}

// parseStored reads a stored value (a str, or nil) as a value of type t.
func parseStored(stored hostabi.Value, t *hostabi.Type) (hostabi.Value, bool) {
	s, ok := stored.(hostabi.StrValue)
	if !ok {
		return nil, false
	}
	switch t.Kind {
	case hostabi.KindStr:
		return s, true
	case hostabi.KindInt:
		i, err := strconv.ParseInt(string(s), 10, 64)
		return hostabi.IntValue(i), err == nil
	case hostabi.KindFloat:
		f, err := strconv.ParseFloat(string(s), 64)
		return hostabi.FloatValue(f), err == nil
	case hostabi.KindBool:
		b, err := strconv.ParseBool(string(s))
		return hostabi.BoolValue(b), err == nil
	}
	return nil, false
}
