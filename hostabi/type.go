package hostabi

import "strings"

// Field is a named, typed member of a struct type, or an argument of a
// function type (where Name may be empty).
type Field struct {
	// Name is the field or argument name.
	Name string
	// Type is the field or argument type.
	Type *Type
}

// Type is an mcl type. Which members are meaningful depends on Kind; the
// others are ignored. A Type must not be modified once built.
type Type struct {
	// Kind is the category of the type.
	Kind Kind
	// Elem is the element type of a KindList type.
	Elem *Type
	// Key is the key type of a KindMap type.
	Key *Type
	// Val is the value type of a KindMap type.
	Val *Type
	// Fields are the fields of a KindStruct type, ordered as written.
	Fields []Field
	// In are the arguments of a KindFunc type; their names may be empty.
	In []Field
	// Out is the result type of a KindFunc type.
	Out *Type
	// Name is the name of a KindVar type variable, such as "?1" or "T".
	Name string
}

// Shared singletons for the scalar types. They must not be modified.
var (
	// TypeBool is the mcl type bool.
	TypeBool = &Type{Kind: KindBool}
	// TypeStr is the mcl type str.
	TypeStr = &Type{Kind: KindStr}
	// TypeInt is the mcl type int.
	TypeInt = &Type{Kind: KindInt}
	// TypeFloat is the mcl type float.
	TypeFloat = &Type{Kind: KindFloat}
)

// NewList returns the list type []elem.
func NewList(elem *Type) *Type {
	return &Type{Kind: KindList, Elem: elem}
}

// NewMap returns the map type map{k: v}.
func NewMap(k, v *Type) *Type {
	return &Type{Kind: KindMap, Key: k, Val: v}
}

// NewStruct returns a struct type with the given fields, in order. The
// fields slice is copied.
func NewStruct(fields ...Field) *Type {
	return &Type{Kind: KindStruct, Fields: append([]Field(nil), fields...)}
}

// NewFunc returns the function type with arguments in and result out. The
// in slice is copied.
func NewFunc(out *Type, in ...Field) *Type {
	return &Type{Kind: KindFunc, In: append([]Field(nil), in...), Out: out}
}

// String returns the type in canonical mcl syntax, for example "[]str",
// "map{str: int}", "struct{a int; b str}", "func(str, int) bool",
// "func(a str, b int) bool", "variant" or, for a type variable, its Name.
// A nil *Type prints as "<nil>". For every type that [ParseType] returns,
// ParseType(t.String()) returns an equal type.
func (t *Type) String() string {
	var b strings.Builder
	t.write(&b)
	return b.String()
}

// write appends the canonical syntax of t to b.
func (t *Type) write(b *strings.Builder) {
	if t == nil {
		b.WriteString("<nil>")
		return
	}
	switch t.Kind {
	case KindBool, KindStr, KindInt, KindFloat, KindVariant:
		b.WriteString(t.Kind.String())
	case KindList:
		b.WriteString("[]")
		t.Elem.write(b)
	case KindMap:
		b.WriteString("map{")
		t.Key.write(b)
		b.WriteString(": ")
		t.Val.write(b)
		b.WriteString("}")
	case KindStruct:
		b.WriteString("struct{")
		for i, f := range t.Fields {
			if i > 0 {
				b.WriteString("; ")
			}
			b.WriteString(f.Name)
			b.WriteString(" ")
			f.Type.write(b)
		}
		b.WriteString("}")
	case KindFunc:
		b.WriteString("func(")
		for i, f := range t.In {
			if i > 0 {
				b.WriteString(", ")
			}
			if f.Name != "" {
				b.WriteString(f.Name)
				b.WriteString(" ")
			}
			f.Type.write(b)
		}
		b.WriteString(") ")
		t.Out.write(b)
	case KindVar:
		b.WriteString(t.Name)
	default:
		b.WriteString("<invalid ")
		b.WriteString(t.Kind.String())
		b.WriteString(">")
	}
}

// Equal reports whether t and u are structurally the same type. Struct field
// names and order matter; function argument names do not. Type variables are
// equal when their names are. Two nil types are equal.
func (t *Type) Equal(u *Type) bool {
	if t == u {
		return true
	}
	if t == nil || u == nil || t.Kind != u.Kind {
		return false
	}
	switch t.Kind {
	case KindList:
		return t.Elem.Equal(u.Elem)
	case KindMap:
		return t.Key.Equal(u.Key) && t.Val.Equal(u.Val)
	case KindStruct:
		if len(t.Fields) != len(u.Fields) {
			return false
		}
		for i := range t.Fields {
			if t.Fields[i].Name != u.Fields[i].Name || !t.Fields[i].Type.Equal(u.Fields[i].Type) {
				return false
			}
		}
		return true
	case KindFunc:
		if len(t.In) != len(u.In) {
			return false
		}
		for i := range t.In {
			if !t.In[i].Type.Equal(u.In[i].Type) {
				return false
			}
		}
		return t.Out.Equal(u.Out)
	case KindVar:
		return t.Name == u.Name
	}
	return true
}

// HasVars reports whether t is or contains a type variable (KindVar).
// The variant type is not a type variable.
func (t *Type) HasVars() bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case KindVar:
		return true
	case KindList:
		return t.Elem.HasVars()
	case KindMap:
		return t.Key.HasVars() || t.Val.HasVars()
	case KindStruct:
		for _, f := range t.Fields {
			if f.Type.HasVars() {
				return true
			}
		}
	case KindFunc:
		for _, f := range t.In {
			if f.Type.HasVars() {
				return true
			}
		}
		return t.Out.HasVars()
	}
	return false
}
