package hostabi

import "strings"

// ListValue is an mcl list. T is its list type and every item has type
// T.Elem. It must not be modified once built.
type ListValue struct {
	// T is the list type.
	T *Type
	// Items are the elements, in order.
	Items []Value
}

// Type returns l.T.
func (l *ListValue) Type() *Type { return l.T }

// String returns the list as an mcl literal, e.g. [1, 2] or [].
func (l *ListValue) String() string {
	var b strings.Builder
	b.WriteString("[")
	for i, v := range l.Items {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(v.String())
	}
	b.WriteString("]")
	return b.String()
}

// Equal reports whether v is a list of the same type with equal items.
func (l *ListValue) Equal(v Value) bool {
	o, ok := v.(*ListValue)
	if !ok || !l.T.Equal(o.T) || len(l.Items) != len(o.Items) {
		return false
	}
	for i := range l.Items {
		if !l.Items[i].Equal(o.Items[i]) {
			return false
		}
	}
	return true
}
