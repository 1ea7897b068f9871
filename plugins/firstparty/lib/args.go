package lib

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Arg returns argument i of c as a T (hostabi.StrValue, hostabi.IntValue,
// *hostabi.ListValue, ...), or an error naming the function if it is
// missing or of another kind.
func Arg[T hostabi.Value](c *Call, name string, i int) (T, error) {
	var zero T
	if i >= len(c.Args) || c.Args[i] == nil {
		return zero, fmt.Errorf("%s: argument %d is missing", name, i)
	}
	v, ok := c.Args[i].(T)
	if !ok {
		return zero, fmt.Errorf("%s: argument %d: %w: expected %s, got %s", name, i, hostabi.ErrType, kindName(zero), c.Args[i].Type())
	}
	return v, nil
}

// kindName names the kind of value a T holds, for errors.
func kindName(v hostabi.Value) string {
	switch v.(type) {
	case hostabi.StrValue:
		return "str"
	case hostabi.IntValue:
		return "int"
	case hostabi.FloatValue:
		return "float"
	case hostabi.BoolValue:
		return "bool"
	case *hostabi.ListValue:
		return "a list"
	case *hostabi.MapValue:
		return "a map"
	case *hostabi.StructValue:
		return "a struct"
	}
	return fmt.Sprintf("%T", v)
}
