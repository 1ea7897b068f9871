package hostabi

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
)

// Convert turns a generically decoded document value (as produced by
// encoding/json into any, or a YAML decoder into any) into a Value of type t.
//
// It accepts bool for bool; string for str; every Go integer type
// (overflow-checked to int64) and integral float64 or float32 for int; every
// Go integer or float type for float; []any for lists; map[string]any and
// map[any]any for maps (keys are converted with t.Key, so an int-keyed YAML
// map works) and for structs (a missing field gets its zero value, an
// unknown key is an error). nil converts to the zero value of t. Function,
// variant and type variable types cannot be converted to.
//
// Errors wrap [ErrType] and name the path inside x where conversion failed,
// e.g. "at [2].name: expected str, got int".
func Convert(x any, t *Type) (Value, error) {
	v, err := convert(x, t, "")
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	return v, nil
}

// convert converts x, found at path inside the document, to type t.
func convert(x any, t *Type, path string) (Value, error) {
	if t == nil {
		return nil, fmt.Errorf("%w: at %s: nil type", ErrType, docPath(path))
	}
	switch t.Kind {
	case KindFunc, KindVariant, KindVar:
		return nil, fmt.Errorf("%w: at %s: cannot convert a document to %s", ErrType, docPath(path), t)
	}
	if x == nil {
		if t.Kind == KindStruct {
			// Convert field by field so an error names the field.
			return convertStruct(nil, t, path)
		}
		return Zero(t)
	}
	switch t.Kind {
	case KindBool:
		if b, ok := x.(bool); ok {
			return BoolValue(b), nil
		}
	case KindStr:
		if s, ok := x.(string); ok {
			return StrValue(s), nil
		}
	case KindInt:
		i, ok, why := toInt(x)
		if ok {
			return IntValue(i), nil
		}
		if why != "" {
			return nil, docMismatch(path, t, why)
		}
	case KindFloat:
		if f, ok := toFloat(x); ok {
			return FloatValue(f), nil
		}
	case KindList:
		if xs, ok := x.([]any); ok {
			return convertList(xs, t, path)
		}
	case KindMap:
		if es, ok := docEntries(x); ok {
			return convertMap(es, t, path)
		}
	case KindStruct:
		if es, ok := docEntries(x); ok {
			return convertStruct(es, t, path)
		}
	default:
		return nil, fmt.Errorf("%w: at %s: invalid type %s", ErrType, docPath(path), t)
	}
	return nil, docMismatch(path, t, describeDoc(x))
}

// convertList converts the items of a list.
func convertList(xs []any, t *Type, path string) (Value, error) {
	l := &ListValue{T: t, Items: make([]Value, len(xs))}
	for i, x := range xs {
		v, err := convert(x, t.Elem, path+"["+strconv.Itoa(i)+"]")
		if err != nil {
			return nil, err
		}
		l.Items[i] = v
	}
	return l, nil
}

// convertMap converts the entries of a map and sorts them by key.
func convertMap(es []docEntry, t *Type, path string) (Value, error) {
	type pair struct{ k, v Value }
	pairs := make([]pair, len(es))
	for i, e := range es {
		k, err := convert(e.key, t.Key, path+"["+e.repr+"] (key)")
		if err != nil {
			return nil, err
		}
		v, err := convert(e.val, t.Val, path+"["+e.repr+"]")
		if err != nil {
			return nil, err
		}
		pairs[i] = pair{k, v}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int { return Compare(a.k, b.k) })
	m := &MapValue{T: t, Keys: make([]Value, len(pairs)), Vals: make([]Value, len(pairs))}
	for i, p := range pairs {
		if i > 0 && Compare(pairs[i-1].k, p.k) == 0 {
			return nil, fmt.Errorf("%w: at %s: duplicate key %s", ErrType, docPath(path), p.k)
		}
		m.Keys[i], m.Vals[i] = p.k, p.v
	}
	return m, nil
}

// convertStruct converts the entries of a map to the fields of a struct.
func convertStruct(es []docEntry, t *Type, path string) (Value, error) {
	raw := make([]any, len(t.Fields))
	for _, e := range es {
		name, ok := e.key.(string)
		if !ok {
			return nil, docMismatch(path+"["+e.repr+"] (key)", TypeStr, describeDoc(e.key))
		}
		i := slices.IndexFunc(t.Fields, func(f Field) bool { return f.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("%w: at %s: unknown field %q for %s", ErrType, docPath(path), name, t)
		}
		raw[i] = e.val
	}
	s := &StructValue{T: t, Fields: make([]Value, len(t.Fields))}
	for i, f := range t.Fields {
		v, err := convert(raw[i], f.Type, path+"."+f.Name)
		if err != nil {
			return nil, err
		}
		s.Fields[i] = v
	}
	return s, nil
}

// docEntry is one key/value pair of a decoded map, with the key as it
// appears in error paths.
type docEntry struct {
	key  any
	repr string
	val  any
}

// docEntries returns the pairs of a map[string]any or map[any]any in a
// deterministic order, so that errors do not depend on map iteration.
func docEntries(x any) ([]docEntry, bool) {
	var es []docEntry
	switch m := x.(type) {
	case map[string]any:
		for k, v := range m {
			es = append(es, docEntry{k, strconv.Quote(k), v})
		}
	case map[any]any:
		for k, v := range m {
			repr := fmt.Sprint(k)
			if s, ok := k.(string); ok {
				repr = strconv.Quote(s)
			}
			es = append(es, docEntry{k, repr, v})
		}
	default:
		return nil, false
	}
	slices.SortFunc(es, func(a, b docEntry) int {
		return cmp.Or(cmp.Compare(fmt.Sprintf("%T", a.key), fmt.Sprintf("%T", b.key)), cmp.Compare(a.repr, b.repr))
	})
	return es, true
}

// toInt converts a Go integer or integral float to int64. When x is a
// number that does not fit, why describes it.
func toInt(x any) (i int64, ok bool, why string) {
	var u uint64
	switch n := x.(type) {
	case int:
		return int64(n), true, ""
	case int8:
		return int64(n), true, ""
	case int16:
		return int64(n), true, ""
	case int32:
		return int64(n), true, ""
	case int64:
		return n, true, ""
	case uint:
		u = uint64(n)
	case uint8:
		u = uint64(n)
	case uint16:
		u = uint64(n)
	case uint32:
		u = uint64(n)
	case uint64:
		u = n
	case uintptr:
		u = uint64(n)
	case float32:
		return floatToInt(float64(n))
	case float64:
		return floatToInt(n)
	default:
		return 0, false, ""
	}
	if u > math.MaxInt64 {
		return 0, false, "int " + strconv.FormatUint(u, 10) + " (out of int64 range)"
	}
	return int64(u), true, ""
}

// floatToInt converts an integral float within the int64 range to int64.
func floatToInt(f float64) (int64, bool, string) {
	if math.IsNaN(f) || math.IsInf(f, 0) || f != math.Trunc(f) {
		return 0, false, "float " + FloatValue(f).String()
	}
	if f < -(1<<63) || f >= 1<<63 {
		return 0, false, "float " + FloatValue(f).String() + " (out of int64 range)"
	}
	return int64(f), true, ""
}

// toFloat converts any Go integer or float to float64.
func toFloat(x any) (float64, bool) {
	switch n := x.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case uint:
		return float64(n), true
	case uint8:
		return float64(n), true
	case uint16:
		return float64(n), true
	case uint32:
		return float64(n), true
	case uint64:
		return float64(n), true
	case uintptr:
		return float64(n), true
	}
	if i, ok, _ := toInt(x); ok {
		return float64(i), true
	}
	return 0, false
}

// describe names the kind of a decoded document value for error messages.
func describeDoc(x any) string {
	switch x.(type) {
	case bool:
		return "bool"
	case string:
		return "str"
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64, uintptr:
		return "int"
	case float32, float64:
		return "float"
	case []any:
		return "list"
	case map[string]any, map[any]any:
		return "map"
	}
	return fmt.Sprintf("Go type %T", x)
}

// mismatch reports that the document value at path, described by got, does
// not fit type want.
func docMismatch(path string, want *Type, got string) error {
	return fmt.Errorf("%w: at %s: expected %s, got %s", ErrType, docPath(path), want, got)
}

// where renders a document path for error messages.
func docPath(path string) string {
	if path == "" {
		return "top level"
	}
	return path
}

// ToGo turns v into plain Go data: bool, string, int64, float64, []any for
// lists, map[string]any for structs and for maps with str keys, and
// map[any]any for other maps. In a map[any]any, scalar keys become bool,
// int64 or float64, and list, map or struct keys (which Go cannot hash)
// become their mcl literal string. For values without such keys,
// Convert(ToGo(v), v.Type()) equals v. It is meant for printing and tests.
func ToGo(v Value) any {
	switch x := v.(type) {
	case nil:
		return nil
	case BoolValue:
		return bool(x)
	case StrValue:
		return string(x)
	case IntValue:
		return int64(x)
	case FloatValue:
		return float64(x)
	case *ListValue:
		out := make([]any, len(x.Items))
		for i, item := range x.Items {
			out[i] = ToGo(item)
		}
		return out
	case *StructValue:
		out := make(map[string]any, len(x.Fields))
		for i, f := range x.Fields {
			if i < len(x.T.Fields) {
				out[x.T.Fields[i].Name] = ToGo(f)
			}
		}
		return out
	case *MapValue:
		if x.T != nil && x.T.Key != nil && x.T.Key.Kind == KindStr {
			out := make(map[string]any, len(x.Keys))
			for i, k := range x.Keys {
				if s, ok := k.(StrValue); ok && i < len(x.Vals) {
					out[string(s)] = ToGo(x.Vals[i])
				}
			}
			return out
		}
		out := make(map[any]any, len(x.Keys))
		for i, k := range x.Keys {
			if i >= len(x.Vals) {
				break
			}
			switch k.(type) {
			case BoolValue, StrValue, IntValue, FloatValue:
				out[ToGo(k)] = ToGo(x.Vals[i])
			default:
				out[k.String()] = ToGo(x.Vals[i])
			}
		}
		return out
	}
	return v.String()
}
