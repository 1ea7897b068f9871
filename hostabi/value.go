package hostabi

import (
	"math"
	"strconv"
	"strings"
)

// Value is an mcl value. Values are immutable once built: neither this
// package nor its callers modify a Value, or the slices inside one, after
// construction, so values may be shared freely.
//
// The implementations are [BoolValue], [StrValue], [IntValue], [FloatValue],
// [*ListValue], [*MapValue] and [*StructValue].
type Value interface {
	// Type returns the mcl type of the value.
	Type() *Type
	// String returns the value in mcl literal syntax, for example true,
	// "a\"b\n", 42, 3.5, [1, 2], {"a" => 1} or struct{a => 1}.
	String() string
	// Equal reports whether the value is deeply equal to another. It is
	// false when the types differ.
	Equal(Value) bool
}

// BoolValue is an mcl bool.
type BoolValue bool

// StrValue is an mcl str.
type StrValue string

// IntValue is an mcl int.
type IntValue int64

// FloatValue is an mcl float.
type FloatValue float64

// Type returns [TypeBool].
func (BoolValue) Type() *Type { return TypeBool }

// String returns "true" or "false".
func (b BoolValue) String() string { return strconv.FormatBool(bool(b)) }

// Equal reports whether v is a BoolValue with the same truth value.
func (b BoolValue) Equal(v Value) bool {
	o, ok := v.(BoolValue)
	return ok && b == o
}

// Type returns [TypeStr].
func (StrValue) Type() *Type { return TypeStr }

// String returns the string as a double-quoted literal with Go escapes,
// as strconv.Quote does.
func (s StrValue) String() string { return strconv.Quote(string(s)) }

// Equal reports whether v is a StrValue with the same bytes.
func (s StrValue) Equal(v Value) bool {
	o, ok := v.(StrValue)
	return ok && s == o
}

// Type returns [TypeInt].
func (IntValue) Type() *Type { return TypeInt }

// String returns the integer in decimal.
func (i IntValue) String() string { return strconv.FormatInt(int64(i), 10) }

// Equal reports whether v is an IntValue with the same number.
func (i IntValue) Equal(v Value) bool {
	o, ok := v.(IntValue)
	return ok && i == o
}

// Type returns [TypeFloat].
func (FloatValue) Type() *Type { return TypeFloat }

// String returns the shortest decimal that reads back as the same float,
// always containing a '.' or an exponent so that it never looks like an int:
// 3.5, 1.0, 1e+21, NaN, +Inf, -Inf.
func (f FloatValue) String() string {
	s := strconv.FormatFloat(float64(f), 'g', -1, 64)
	if !strings.ContainsAny(s, ".eIN") {
		s += ".0"
	}
	return s
}

// Equal reports whether v is a FloatValue with the same number, consistently
// with [Compare]: NaN equals NaN and -0.0 equals 0.0.
func (f FloatValue) Equal(v Value) bool {
	o, ok := v.(FloatValue)
	if !ok {
		return false
	}
	if math.IsNaN(float64(f)) || math.IsNaN(float64(o)) {
		return math.IsNaN(float64(f)) && math.IsNaN(float64(o))
	}
	return f == o
}
