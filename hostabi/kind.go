package hostabi

import "strconv"

// Kind is the top-level category of an mcl [Type].
type Kind uint8

// The kinds of mcl types. The zero Kind is invalid.
const (
	// KindBool is the kind of bool.
	KindBool Kind = iota + 1
	// KindStr is the kind of str.
	KindStr
	// KindInt is the kind of int (a signed 64-bit integer).
	KindInt
	// KindFloat is the kind of float (a 64-bit IEEE 754 float).
	KindFloat
	// KindList is the kind of list types such as []str.
	KindList
	// KindMap is the kind of map types such as map{str: int}.
	KindMap
	// KindStruct is the kind of struct types such as struct{a int}.
	KindStruct
	// KindFunc is the kind of function types such as func(str) bool.
	KindFunc
	// KindVariant is the kind of the variant type, which holds a value of
	// any type.
	KindVariant
	// KindVar is the kind of a type variable such as ?1, a placeholder
	// that type unification resolves.
	KindVar
)

// String returns the mcl name of the kind ("bool", "str", "list", ...), or
// "Kind(N)" for an invalid kind.
func (k Kind) String() string {
	switch k {
	case KindBool:
		return "bool"
	case KindStr:
		return "str"
	case KindInt:
		return "int"
	case KindFloat:
		return "float"
	case KindList:
		return "list"
	case KindMap:
		return "map"
	case KindStruct:
		return "struct"
	case KindFunc:
		return "func"
	case KindVariant:
		return "variant"
	case KindVar:
		return "var"
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}
