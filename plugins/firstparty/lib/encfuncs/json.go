package encfuncs

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// DecodeJSON decodes one JSON document into a value of type t, as
// upstream mgmt's decode_json does: a JSON bool for bool, a string for
// str, an integer for int (a number with a fraction or exponent is not an
// int), any number for float, an array for a list, an object with str keys
// for a map (only maps with str keys can be decoded) and an object for a
// struct. null fits no type. A struct's object must have exactly its
// fields, unless flexible: then a missing field gets its zero value and
// unknown keys are ignored. Text after the document is an error. Errors
// wrap [hostabi.ErrType] and name where in the document they happened.
func DecodeJSON(data string, t *hostabi.Type, flexible bool) (hostabi.Value, error) {
	dec := json.NewDecoder(strings.NewReader(data))
	dec.UseNumber() // keep integers exact
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("invalid JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("invalid JSON: more data after the document")
	}
	return fromJSON(doc, t, flexible, "")
}

// fromJSON converts the decoded document x, found at path, to type t.
func fromJSON(x any, t *hostabi.Type, flexible bool, path string) (hostabi.Value, error) {
	if t == nil {
		return nil, fmt.Errorf("%w: at %s: nil type", hostabi.ErrType, where(path))
	}
	switch t.Kind {
	case hostabi.KindBool:
		if b, ok := x.(bool); ok {
			return hostabi.BoolValue(b), nil
		}
	case hostabi.KindStr:
		if s, ok := x.(string); ok {
			return hostabi.StrValue(s), nil
		}
	case hostabi.KindInt:
		if n, ok := x.(json.Number); ok {
			i, err := strconv.ParseInt(string(n), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("%w: at %s: number %s does not contain an int", hostabi.ErrType, where(path), n)
			}
			return hostabi.IntValue(i), nil
		}
	case hostabi.KindFloat:
		if n, ok := x.(json.Number); ok {
			f, err := strconv.ParseFloat(string(n), 64)
			if err != nil {
				return nil, fmt.Errorf("%w: at %s: number %s does not fit a float", hostabi.ErrType, where(path), n)
			}
			return hostabi.FloatValue(f), nil
		}
	case hostabi.KindList:
		if xs, ok := x.([]any); ok {
			l := &hostabi.ListValue{T: t, Items: make([]hostabi.Value, len(xs))}
			for i, item := range xs {
				v, err := fromJSON(item, t.Elem, flexible, path+"["+strconv.Itoa(i)+"]")
				if err != nil {
					return nil, err
				}
				l.Items[i] = v
			}
			return l, nil
		}
	case hostabi.KindMap:
		if obj, ok := x.(map[string]any); ok {
			return mapFromJSON(obj, t, flexible, path)
		}
	case hostabi.KindStruct:
		if obj, ok := x.(map[string]any); ok {
			return structFromJSON(obj, t, flexible, path)
		}
	default:
		return nil, fmt.Errorf("%w: at %s: cannot decode JSON to %s", hostabi.ErrType, where(path), t)
	}
	return nil, fmt.Errorf("%w: at %s: type doesn't match %s: got %s", hostabi.ErrType, where(path), t, describe(x))
}

// mapFromJSON converts a JSON object to a map with str keys.
func mapFromJSON(obj map[string]any, t *hostabi.Type, flexible bool, path string) (hostabi.Value, error) {
	if t.Key == nil || t.Key.Kind != hostabi.KindStr {
		return nil, fmt.Errorf("%w: at %s: JSON object keys are strings, so they cannot be %s keys", hostabi.ErrType, where(path), t.Key)
	}
	keys := make([]hostabi.Value, 0, len(obj))
	vals := make([]hostabi.Value, 0, len(obj))
	for k, x := range obj {
		v, err := fromJSON(x, t.Val, flexible, path+"["+strconv.Quote(k)+"]")
		if err != nil {
			return nil, err
		}
		keys = append(keys, hostabi.StrValue(k))
		vals = append(vals, v)
	}
	m, err := hostabi.NewMapValue(t, keys, vals)
	if err != nil {
		return nil, fmt.Errorf("at %s: %w", where(path), err)
	}
	return m, nil
}

// structFromJSON converts a JSON object to a struct.
func structFromJSON(obj map[string]any, t *hostabi.Type, flexible bool, path string) (hostabi.Value, error) {
	if !flexible && len(obj) != len(t.Fields) {
		return nil, fmt.Errorf("%w: at %s: incompatible number of fields: the object has %d, %s has %d", hostabi.ErrType, where(path), len(obj), t, len(t.Fields))
	}
	s := &hostabi.StructValue{T: t, Fields: make([]hostabi.Value, len(t.Fields))}
	for i, f := range t.Fields {
		x, ok := obj[f.Name]
		if !ok {
			if !flexible {
				return nil, fmt.Errorf("%w: at %s: field %s was not found in struct", hostabi.ErrType, where(path), f.Name)
			}
			z, err := hostabi.Zero(f.Type)
			if err != nil {
				return nil, fmt.Errorf("at %s: %w", where(path+"."+f.Name), err)
			}
			s.Fields[i] = z
			continue
		}
		v, err := fromJSON(x, f.Type, flexible, path+"."+f.Name)
		if err != nil {
			return nil, err
		}
		s.Fields[i] = v
	}
	return s, nil
}

// describe names the JSON kind of a decoded value.
func describe(x any) string {
	switch x.(type) {
	case nil:
		return "null"
	case bool:
		return "a bool"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case []any:
		return "an array"
	case map[string]any:
		return "an object"
	}
	return fmt.Sprintf("%T", x)
}

// where renders a document path for errors.
func where(path string) string {
	if path == "" {
		return "top level"
	}
	return path
}
