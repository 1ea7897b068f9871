package hostabi

import (
	"fmt"
	"slices"
	"sort"
	"strings"
)

// MapValue is an mcl map. T is its map type. Keys are sorted by [Compare]
// and unique, and Vals[i] is the value for Keys[i]. Build it with
// [NewMapValue] to establish that order. It must not be modified once built.
type MapValue struct {
	// T is the map type.
	T *Type
	// Keys are the keys, sorted by Compare, without duplicates.
	Keys []Value
	// Vals are the values, parallel to Keys.
	Vals []Value
}

// NewMapValue returns a map of type t holding vals[i] at keys[i]. It copies
// and sorts the entries by key. It fails, wrapping [ErrType], if t is not a
// map type, if an entry does not have the key or value type of t, or if two
// keys are equal.
func NewMapValue(t *Type, keys, vals []Value) (*MapValue, error) {
	if t == nil || t.Kind != KindMap {
		return nil, fmt.Errorf("new map value: %w: %s is not a map type", ErrType, t)
	}
	if len(keys) != len(vals) {
		return nil, fmt.Errorf("new map value: %d keys but %d values", len(keys), len(vals))
	}
	type entry struct{ k, v Value }
	entries := make([]entry, len(keys))
	for i := range keys {
		if keys[i] == nil || !keys[i].Type().Equal(t.Key) {
			return nil, fmt.Errorf("new map value: key %d: %w: expected %s, got %s", i, ErrType, t.Key, valueType(keys[i]))
		}
		if vals[i] == nil || !vals[i].Type().Equal(t.Val) {
			return nil, fmt.Errorf("new map value: value %d: %w: expected %s, got %s", i, ErrType, t.Val, valueType(vals[i]))
		}
		entries[i] = entry{keys[i], vals[i]}
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return Compare(a.k, b.k) })
	m := &MapValue{T: t, Keys: make([]Value, len(entries)), Vals: make([]Value, len(entries))}
	for i, e := range entries {
		if i > 0 && Compare(entries[i-1].k, e.k) == 0 {
			return nil, fmt.Errorf("new map value: %w: duplicate key %s", ErrType, e.k)
		}
		m.Keys[i], m.Vals[i] = e.k, e.v
	}
	return m, nil
}

// typeOf returns the type of v for error messages, tolerating nil.
func valueType(v Value) *Type {
	if v == nil {
		return nil
	}
	return v.Type()
}

// Lookup returns the value stored under key k, by binary search. It reports
// false if there is none or k does not have the map's key type.
func (m *MapValue) Lookup(k Value) (Value, bool) {
	if k == nil || !k.Type().Equal(m.T.Key) {
		return nil, false
	}
	i := sort.Search(len(m.Keys), func(i int) bool { return Compare(m.Keys[i], k) >= 0 })
	if i < len(m.Keys) && Compare(m.Keys[i], k) == 0 {
		return m.Vals[i], true
	}
	return nil, false
}

// Type returns m.T.
func (m *MapValue) Type() *Type { return m.T }

// String returns the map as an mcl literal in key order, e.g.
// {"a" => 1, "b" => 2} or {}.
func (m *MapValue) String() string {
	var b strings.Builder
	b.WriteString("{")
	for i := range m.Keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(m.Keys[i].String())
		b.WriteString(" => ")
		b.WriteString(m.Vals[i].String())
	}
	b.WriteString("}")
	return b.String()
}

// Equal reports whether v is a map of the same type with equal entries.
func (m *MapValue) Equal(v Value) bool {
	o, ok := v.(*MapValue)
	if !ok || !m.T.Equal(o.T) || len(m.Keys) != len(o.Keys) || len(m.Vals) != len(o.Vals) {
		return false
	}
	for i := range m.Keys {
		if !m.Keys[i].Equal(o.Keys[i]) || !m.Vals[i].Equal(o.Vals[i]) {
			return false
		}
	}
	return true
}
