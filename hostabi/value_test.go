package hostabi

import (
	"errors"
	"math"
	"testing"
)

// mustType parses s or fails the test.
func mustType(t testing.TB, s string) *Type {
	t.Helper()
	typ, err := ParseType(s)
	if err != nil {
		t.Fatal(err)
	}
	return typ
}

// mapOf builds a map value or fails the test.
func mapOf(t testing.TB, typ *Type, kv ...Value) *MapValue {
	t.Helper()
	var keys, vals []Value
	for i := 0; i < len(kv); i += 2 {
		keys, vals = append(keys, kv[i]), append(vals, kv[i+1])
	}
	m, err := NewMapValue(typ, keys, vals)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// listOf builds a list value of type typ.
func listOf(typ *Type, items ...Value) *ListValue {
	return &ListValue{T: typ, Items: items}
}

func TestValueString(t *testing.T) {
	ab := mustType(t, "struct{a int; b str}")
	tests := []struct {
		v    Value
		want string
	}{
		{BoolValue(true), "true"},
		{BoolValue(false), "false"},
		{StrValue(""), `""`},
		{StrValue("a\"b\n"), `"a\"b\n"`},
		{StrValue("tab\tü\x00"), `"tab\tü\x00"`},
		{IntValue(42), "42"},
		{IntValue(-7), "-7"},
		{IntValue(math.MinInt64), "-9223372036854775808"},
		{FloatValue(3.5), "3.5"},
		{FloatValue(1), "1.0"},
		{FloatValue(-2), "-2.0"},
		{FloatValue(0), "0.0"},
		{FloatValue(math.Copysign(0, -1)), "-0.0"},
		{FloatValue(100000), "100000.0"},
		{FloatValue(1e21), "1e+21"},
		{FloatValue(1e-7), "1e-07"},
		{FloatValue(0.1), "0.1"},
		{FloatValue(math.NaN()), "NaN"},
		{FloatValue(math.Inf(1)), "+Inf"},
		{FloatValue(math.Inf(-1)), "-Inf"},
		{listOf(mustType(t, "[]int"), IntValue(1), IntValue(2)), "[1, 2]"},
		{listOf(mustType(t, "[]int")), "[]"},
		{listOf(mustType(t, "[][]str"), listOf(mustType(t, "[]str"), StrValue("x")), listOf(mustType(t, "[]str"))), `[["x"], []]`},
		{mapOf(t, mustType(t, "map{str: int}"), StrValue("b"), IntValue(2), StrValue("a"), IntValue(1)), `{"a" => 1, "b" => 2}`},
		{mapOf(t, mustType(t, "map{str: int}")), "{}"},
		{&StructValue{T: ab, Fields: []Value{IntValue(1), StrValue("x")}}, `struct{a => 1, b => "x"}`},
		{&StructValue{T: NewStruct()}, "struct{}"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("String() = %s, want %s", got, tt.want)
		}
	}
}

func TestValueType(t *testing.T) {
	li := mustType(t, "[]int")
	tests := []struct {
		v    Value
		want *Type
	}{
		{BoolValue(true), TypeBool},
		{StrValue("x"), TypeStr},
		{IntValue(1), TypeInt},
		{FloatValue(1), TypeFloat},
		{listOf(li), li},
	}
	for _, tt := range tests {
		if got := tt.v.Type(); got != tt.want {
			t.Errorf("%s.Type() = %s, want %s", tt.v, got, tt.want)
		}
	}
}

func TestValueEqual(t *testing.T) {
	li, ls := mustType(t, "[]int"), mustType(t, "[]str")
	msi := mustType(t, "map{str: int}")
	sa := mustType(t, "struct{a int}")
	tests := []struct {
		a, b Value
		want bool
	}{
		{BoolValue(true), BoolValue(true), true},
		{BoolValue(true), BoolValue(false), false},
		{StrValue("a"), StrValue("a"), true},
		{StrValue("a"), StrValue("b"), false},
		{IntValue(1), IntValue(1), true},
		{IntValue(1), FloatValue(1), false},
		{StrValue("1"), IntValue(1), false},
		{FloatValue(math.NaN()), FloatValue(math.NaN()), true},
		{FloatValue(0), FloatValue(math.Copysign(0, -1)), true},
		{FloatValue(1), FloatValue(2), false},
		{listOf(li, IntValue(1)), listOf(li, IntValue(1)), true},
		{listOf(li, IntValue(1)), listOf(li, IntValue(2)), false},
		{listOf(li, IntValue(1)), listOf(li, IntValue(1), IntValue(1)), false},
		{listOf(li), listOf(ls), false},
		{listOf(li), listOf(mustType(t, "[]int")), true},
		{mapOf(t, msi, StrValue("a"), IntValue(1)), mapOf(t, msi, StrValue("a"), IntValue(1)), true},
		{mapOf(t, msi, StrValue("a"), IntValue(1)), mapOf(t, msi, StrValue("a"), IntValue(2)), false},
		{mapOf(t, msi, StrValue("a"), IntValue(1)), mapOf(t, msi, StrValue("b"), IntValue(1)), false},
		{mapOf(t, msi), mapOf(t, mustType(t, "map{str: str}")), false},
		{&StructValue{T: sa, Fields: []Value{IntValue(1)}}, &StructValue{T: sa, Fields: []Value{IntValue(1)}}, true},
		{&StructValue{T: sa, Fields: []Value{IntValue(1)}}, &StructValue{T: sa, Fields: []Value{IntValue(2)}}, false},
		{&StructValue{T: sa, Fields: []Value{IntValue(1)}}, &StructValue{T: mustType(t, "struct{b int}"), Fields: []Value{IntValue(1)}}, false},
		{listOf(li), nil, false},
	}
	for _, tt := range tests {
		if got := tt.a.Equal(tt.b); got != tt.want {
			t.Errorf("%s.Equal(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if tt.b == nil {
			continue
		}
		if got := tt.b.Equal(tt.a); got != tt.want {
			t.Errorf("%s.Equal(%v) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestNewMapValue(t *testing.T) {
	mis := mustType(t, "map{int: str}")
	m, err := NewMapValue(mis,
		[]Value{IntValue(3), IntValue(-1), IntValue(2)},
		[]Value{StrValue("c"), StrValue("a"), StrValue("b")})
	if err != nil {
		t.Fatal(err)
	}
	if got := m.String(); got != `{-1 => "a", 2 => "b", 3 => "c"}` {
		t.Errorf("keys not sorted: %s", got)
	}
	for k, want := range map[int64]string{-1: "a", 2: "b", 3: "c"} {
		if v, ok := m.Lookup(IntValue(k)); !ok || !v.Equal(StrValue(want)) {
			t.Errorf("Lookup(%d) = %v, %v; want %q", k, v, ok, want)
		}
	}
	for _, k := range []Value{IntValue(0), IntValue(4), IntValue(-2), StrValue("a"), nil} {
		if v, ok := m.Lookup(k); ok {
			t.Errorf("Lookup(%v) = %v, want nothing", k, v)
		}
	}

	errTests := []struct {
		name       string
		t          *Type
		keys, vals []Value
		isType     bool
	}{
		{"not a map", TypeStr, nil, nil, true},
		{"nil type", nil, nil, nil, true},
		{"length", mis, []Value{IntValue(1)}, nil, false},
		{"key type", mis, []Value{StrValue("1")}, []Value{StrValue("a")}, true},
		{"value type", mis, []Value{IntValue(1)}, []Value{IntValue(1)}, true},
		{"nil key", mis, []Value{nil}, []Value{StrValue("a")}, true},
		{"duplicate", mis, []Value{IntValue(1), IntValue(2), IntValue(1)}, []Value{StrValue("a"), StrValue("b"), StrValue("c")}, true},
	}
	for _, tt := range errTests {
		_, err := NewMapValue(tt.t, tt.keys, tt.vals)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if errors.Is(err, ErrType) != tt.isType {
			t.Errorf("%s: errors.Is(%q, ErrType) = %v", tt.name, err, !tt.isType)
		}
	}
}

func TestNewMapValueCopies(t *testing.T) {
	keys := []Value{StrValue("b"), StrValue("a")}
	vals := []Value{IntValue(2), IntValue(1)}
	m, err := NewMapValue(mustType(t, "map{str: int}"), keys, vals)
	if err != nil {
		t.Fatal(err)
	}
	keys[0], vals[0] = StrValue("z"), IntValue(9)
	if got := m.String(); got != `{"a" => 1, "b" => 2}` {
		t.Errorf("map shares the caller's slices: %s", got)
	}
}

func TestStructField(t *testing.T) {
	s := &StructValue{T: mustType(t, "struct{a int; b str}"), Fields: []Value{IntValue(1), StrValue("x")}}
	if v, ok := s.Field("b"); !ok || !v.Equal(StrValue("x")) {
		t.Errorf(`Field("b") = %v, %v`, v, ok)
	}
	if v, ok := s.Field("a"); !ok || !v.Equal(IntValue(1)) {
		t.Errorf(`Field("a") = %v, %v`, v, ok)
	}
	if v, ok := s.Field("c"); ok {
		t.Errorf(`Field("c") = %v, want nothing`, v)
	}
}

func TestCompareOrder(t *testing.T) {
	li := mustType(t, "[]int")
	msi := mustType(t, "map{str: int}")
	sab := mustType(t, "struct{a int; b str}")
	st := func(a int64, b string) Value { return &StructValue{T: sab, Fields: []Value{IntValue(a), StrValue(b)}} }
	// Each group is strictly increasing; groups are of increasing kind.
	ordered := []Value{
		BoolValue(false), BoolValue(true),
		StrValue(""), StrValue("B"), StrValue("a"), StrValue("ab"), StrValue("b"), StrValue("\xff"),
		IntValue(math.MinInt64), IntValue(-1), IntValue(0), IntValue(2), IntValue(10), IntValue(math.MaxInt64),
		FloatValue(math.NaN()), FloatValue(math.Inf(-1)), FloatValue(-1.5), FloatValue(0), FloatValue(0.25), FloatValue(math.Inf(1)),
		listOf(li), listOf(li, IntValue(1)), listOf(li, IntValue(1), IntValue(0)), listOf(li, IntValue(2)),
		mapOf(t, msi),
		mapOf(t, msi, StrValue("a"), IntValue(1)),
		mapOf(t, msi, StrValue("a"), IntValue(1), StrValue("b"), IntValue(0)),
		mapOf(t, msi, StrValue("a"), IntValue(2)),
		mapOf(t, msi, StrValue("b"), IntValue(0)),
		st(1, "z"), st(2, ""), st(2, "a"),
	}
	for i, a := range ordered {
		for j, b := range ordered {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := Compare(a, b); got != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", a, b, got, want)
			}
		}
	}
}

func TestCompareEqualities(t *testing.T) {
	tests := []struct{ a, b Value }{
		{FloatValue(math.NaN()), FloatValue(math.NaN())},
		{FloatValue(0), FloatValue(math.Copysign(0, -1))},
		{nil, nil},
	}
	for _, tt := range tests {
		if got := Compare(tt.a, tt.b); got != 0 {
			t.Errorf("Compare(%v, %v) = %d, want 0", tt.a, tt.b, got)
		}
	}
	if Compare(nil, BoolValue(false)) != -1 || Compare(BoolValue(false), nil) != 1 {
		t.Error("nil does not sort first")
	}
}

func TestZero(t *testing.T) {
	tests := []struct {
		typ  string
		want string
	}{
		{"bool", "false"},
		{"str", `""`},
		{"int", "0"},
		{"float", "0.0"},
		{"[]func() int", "[]"},
		{"map{str: variant}", "{}"},
		{"struct{}", "struct{}"},
		{"struct{a int; b struct{c []str; d float}}", `struct{a => 0, b => struct{c => [], d => 0.0}}`},
	}
	for _, tt := range tests {
		want := mustType(t, tt.typ)
		v, err := Zero(want)
		if err != nil {
			t.Errorf("Zero(%s): %v", tt.typ, err)
			continue
		}
		if v.String() != tt.want || !v.Type().Equal(want) {
			t.Errorf("Zero(%s) = %s of type %s, want %s", tt.typ, v, v.Type(), tt.want)
		}
	}
	for _, s := range []string{"func() int", "variant", "?1", "struct{a int; f func() int}"} {
		if v, err := Zero(mustType(t, s)); !errors.Is(err, ErrType) {
			t.Errorf("Zero(%s) = %v, %v; want an ErrType error", s, v, err)
		}
	}
	if _, err := Zero(nil); !errors.Is(err, ErrType) {
		t.Errorf("Zero(nil) error = %v, want ErrType", err)
	}
}
