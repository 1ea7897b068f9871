package tmplfuncs

import (
	"go/token"
	"reflect"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// anyType is the type of the values of the maps keyedToTemplate builds.
var anyType = reflect.TypeFor[any]()

// keyedToTemplate converts a map whose keys are not str, as upstream does:
// to a map[K]any where K is the Go type of the key type (keyType), so that
// a template ranges over it in key order and reads a struct key's fields
// by their Title-cased names ({{ range $k, $v := . }}{{ $k.Name }}). A
// key type with no such Go type (a list or a map inside) gives a
// map[string]any keyed by the keys in mcl syntax.
func keyedToTemplate(m *hostabi.MapValue) any {
	var kt reflect.Type
	if m.T != nil {
		kt, _ = keyType(m.T.Key)
	}
	if kt == nil {
		out := make(map[string]any, len(m.Keys))
		for i, k := range m.Keys {
			if i < len(m.Vals) {
				out[k.String()] = toTemplate(m.Vals[i])
			}
		}
		return out
	}
	out := reflect.MakeMapWithSize(reflect.MapOf(kt, anyType), len(m.Keys))
	for i, k := range m.Keys {
		if i >= len(m.Vals) {
			break
		}
		kv, ok := keyValue(k, kt)
		if !ok {
			continue // a key not of the map's key type
		}
		v := reflect.New(anyType).Elem()
		if x := toTemplate(m.Vals[i]); x != nil {
			v.Set(reflect.ValueOf(x))
		}
		out.SetMapIndex(kv, v)
	}
	return out.Interface()
}

// keyType returns the comparable Go type of mcl values of type t: bool,
// string, int64 and float64 for the scalars, and for a struct a Go struct
// of such fields named as title names them. It reports false for the
// other types, and for a struct whose Title-cased field names are not
// distinct exported Go identifiers.
func keyType(t *hostabi.Type) (reflect.Type, bool) {
	if t == nil {
		return nil, false
	}
	switch t.Kind {
	case hostabi.KindBool:
		return reflect.TypeFor[bool](), true
	case hostabi.KindStr:
		return reflect.TypeFor[string](), true
	case hostabi.KindInt:
		return reflect.TypeFor[int64](), true
	case hostabi.KindFloat:
		return reflect.TypeFor[float64](), true
	case hostabi.KindStruct:
		fields := make([]reflect.StructField, len(t.Fields))
		seen := map[string]bool{}
		for i, f := range t.Fields {
			name := title(f.Name)
			if !token.IsIdentifier(name) || !token.IsExported(name) || seen[name] {
				return nil, false
			}
			seen[name] = true
			ft, ok := keyType(f.Type)
			if !ok {
				return nil, false
			}
			fields[i] = reflect.StructField{Name: name, Type: ft}
		}
		return reflect.StructOf(fields), true
	}
	return nil, false
}

// keyValue converts v to a value of kt, the keyType of v's type.
func keyValue(v hostabi.Value, kt reflect.Type) (reflect.Value, bool) {
	switch x := v.(type) {
	case hostabi.BoolValue:
		return reflect.ValueOf(bool(x)), kt.Kind() == reflect.Bool
	case hostabi.StrValue:
		return reflect.ValueOf(string(x)), kt.Kind() == reflect.String
	case hostabi.IntValue:
		return reflect.ValueOf(int64(x)), kt.Kind() == reflect.Int64
	case hostabi.FloatValue:
		return reflect.ValueOf(float64(x)), kt.Kind() == reflect.Float64
	case *hostabi.StructValue:
		if kt.Kind() != reflect.Struct || len(x.Fields) != kt.NumField() {
			return reflect.Value{}, false
		}
		out := reflect.New(kt).Elem()
		for i, f := range x.Fields {
			fv, ok := keyValue(f, kt.Field(i).Type)
			if !ok {
				return reflect.Value{}, false
			}
			out.Field(i).Set(fv)
		}
		return out, true
	}
	return reflect.Value{}, false
}
