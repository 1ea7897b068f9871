package hostabi

import (
	"cmp"
	"math"
	"strings"
)

// Compare returns -1, 0 or +1 as a sorts before, equal to or after b. It is
// a total order on values of one type: false < true, strings bytewise, ints
// and floats numerically (NaN first, NaN equal to NaN, -0.0 equal to 0.0),
// lists and structs lexicographically by element (a prefix sorts first), and
// maps lexicographically by their sorted (key, value) entries. Values of
// different kinds never panic: they are ordered by [Kind] first. A nil Value
// sorts before everything else.
func Compare(a, b Value) int {
	if a == nil || b == nil {
		return cmp.Compare(boolInt(a != nil), boolInt(b != nil))
	}
	if c := cmp.Compare(valueKind(a), valueKind(b)); c != 0 {
		return c
	}
	switch x := a.(type) {
	case BoolValue:
		if y, ok := b.(BoolValue); ok {
			return cmp.Compare(boolInt(bool(x)), boolInt(bool(y)))
		}
	case StrValue:
		if y, ok := b.(StrValue); ok {
			return strings.Compare(string(x), string(y))
		}
	case IntValue:
		if y, ok := b.(IntValue); ok {
			return cmp.Compare(x, y)
		}
	case FloatValue:
		if y, ok := b.(FloatValue); ok {
			return compareFloat(float64(x), float64(y))
		}
	case *ListValue:
		if y, ok := b.(*ListValue); ok {
			return compareSeq(x.Items, y.Items)
		}
	case *StructValue:
		if y, ok := b.(*StructValue); ok {
			return compareSeq(x.Fields, y.Fields)
		}
	case *MapValue:
		if y, ok := b.(*MapValue); ok {
			return compareMap(x, y)
		}
	}
	// Same kind but a foreign Value implementation: fall back to the literal.
	return strings.Compare(a.String(), b.String())
}

// kindOf returns the kind of v, from its Go type when it is one of ours so
// that a value with a nil or malformed T still sorts consistently.
func valueKind(v Value) Kind {
	switch v.(type) {
	case BoolValue:
		return KindBool
	case StrValue:
		return KindStr
	case IntValue:
		return KindInt
	case FloatValue:
		return KindFloat
	case *ListValue:
		return KindList
	case *MapValue:
		return KindMap
	case *StructValue:
		return KindStruct
	}
	if t := v.Type(); t != nil {
		return t.Kind
	}
	return 0
}

// boolInt maps false to 0 and true to 1.
func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// compareFloat orders floats numerically with NaN first.
func compareFloat(x, y float64) int {
	xn, yn := math.IsNaN(x), math.IsNaN(y)
	switch {
	case xn || yn:
		return cmp.Compare(boolInt(!xn), boolInt(!yn))
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// compareSeq orders value sequences lexicographically.
func compareSeq(xs, ys []Value) int {
	for i := range min(len(xs), len(ys)) {
		if c := Compare(xs[i], ys[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(xs), len(ys))
}

// compareMap orders maps lexicographically by their sorted entries, comparing
// each key and then its value.
func compareMap(x, y *MapValue) int {
	n := min(len(x.Keys), len(y.Keys), len(x.Vals), len(y.Vals))
	for i := range n {
		if c := Compare(x.Keys[i], y.Keys[i]); c != 0 {
			return c
		}
		if c := Compare(x.Vals[i], y.Vals[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(x.Keys), len(y.Keys))
}
