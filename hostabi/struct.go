package hostabi

import "strings"

// StructValue is an mcl struct. T is its struct type and Fields[i] is the
// value of field T.Fields[i]. It must not be modified once built.
type StructValue struct {
	// T is the struct type.
	T *Type
	// Fields are the field values, parallel to T.Fields.
	Fields []Value
}

// Field returns the value of the field called name, and whether there is
// such a field.
func (s *StructValue) Field(name string) (Value, bool) {
	for i, f := range s.T.Fields {
		if f.Name == name && i < len(s.Fields) {
			return s.Fields[i], true
		}
	}
	return nil, false
}

// Type returns s.T.
func (s *StructValue) Type() *Type { return s.T }

// String returns the struct as an mcl literal, e.g. struct{a => 1, b => "x"}
// or struct{}.
func (s *StructValue) String() string {
	var b strings.Builder
	b.WriteString("struct{")
	for i, v := range s.Fields {
		if i > 0 {
			b.WriteString(", ")
		}
		if i < len(s.T.Fields) {
			b.WriteString(s.T.Fields[i].Name)
		}
		b.WriteString(" => ")
		b.WriteString(v.String())
	}
	b.WriteString("}")
	return b.String()
}

// Equal reports whether v is a struct of the same type with equal fields.
func (s *StructValue) Equal(v Value) bool {
	o, ok := v.(*StructValue)
	if !ok || !s.T.Equal(o.T) || len(s.Fields) != len(o.Fields) {
		return false
	}
	for i := range s.Fields {
		if !s.Fields[i].Equal(o.Fields[i]) {
			return false
		}
	}
	return true
}
