package hostabi

import (
	"encoding/json"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// fromJSON decodes a JSON document into any, as a front end would.
func fromJSON(t testing.TB, s string) any {
	t.Helper()
	var x any
	if err := json.Unmarshal([]byte(s), &x); err != nil {
		t.Fatal(err)
	}
	return x
}

func TestConvert(t *testing.T) {
	tests := []struct {
		name string
		x    any
		typ  string
		want string // String() of the result
	}{
		{"bool", true, "bool", "true"},
		{"str", "a\"b", "str", `"a\"b"`},
		{"int", 42, "int", "42"},
		{"int8", int8(-7), "int", "-7"},
		{"int64 min", int64(math.MinInt64), "int", "-9223372036854775808"},
		{"uint64 max int", uint64(math.MaxInt64), "int", "9223372036854775807"},
		{"uint8", uint8(255), "int", "255"},
		{"integral float64 to int", 3.0, "int", "3"},
		{"integral float32 to int", float32(-4), "int", "-4"},
		{"float64 -2^63 to int", -9223372036854775808.0, "int", "-9223372036854775808"},
		{"float", 3.5, "float", "3.5"},
		{"int to float", 2, "float", "2.0"},
		{"uint64 to float", uint64(math.MaxUint64), "float", "1.8446744073709552e+19"},
		{"float32 to float", float32(0.5), "float", "0.5"},
		{"json list", fromJSON(t, `[1, 2, 3]`), "[]int", "[1, 2, 3]"},
		{"json empty list", fromJSON(t, `[]`), "[]str", "[]"},
		{"json map sorted", fromJSON(t, `{"b": 2, "a": 1, "c": 3}`), "map{str: int}", `{"a" => 1, "b" => 2, "c" => 3}`},
		{"yaml int keys", map[any]any{10: "ten", 2: "two", -1: "minus"}, "map{int: str}", `{-1 => "minus", 2 => "two", 10 => "ten"}`},
		{"yaml bool keys", map[any]any{true: 1, false: 0}, "map{bool: int}", `{false => 0, true => 1}`},
		{"yaml str keys", map[any]any{"b": 1.5, "a": 2}, "map{str: float}", `{"a" => 2.0, "b" => 1.5}`},
		{"json struct", fromJSON(t, `{"b": "x", "a": 1}`), "struct{a int; b str}", `struct{a => 1, b => "x"}`},
		{"yaml struct", map[any]any{"a": 1, "b": "x"}, "struct{a int; b str}", `struct{a => 1, b => "x"}`},
		{"missing fields are zero", fromJSON(t, `{"b": "x"}`), "struct{a int; b str; c []str; d struct{e bool}}", `struct{a => 0, b => "x", c => [], d => struct{e => false}}`},
		{"empty struct", map[string]any{}, "struct{}", "struct{}"},
		{"nested", fromJSON(t, `[{"name": "a", "tags": {"x": [true]}}, {"name": "b"}]`), "[]struct{name str; tags map{str: []bool}}",
			`[struct{name => "a", tags => {"x" => [true]}}, struct{name => "b", tags => {}}]`},
		{"null bool", nil, "bool", "false"},
		{"null str", nil, "str", `""`},
		{"null int", nil, "int", "0"},
		{"null float", nil, "float", "0.0"},
		{"null list", nil, "[]int", "[]"},
		{"null map", nil, "map{str: int}", "{}"},
		{"null struct", nil, "struct{a int; b []str}", "struct{a => 0, b => []}"},
		{"null items", fromJSON(t, `[null, 1]`), "[]int", "[0, 1]"},
		{"null field", fromJSON(t, `{"a": null}`), "struct{a str}", `struct{a => ""}`},
		{"null key", map[any]any{nil: 1}, "map{str: int}", `{"" => 1}`},
	}
	for _, tt := range tests {
		want := mustType(t, tt.typ)
		v, err := Convert(tt.x, want)
		if err != nil {
			t.Errorf("%s: Convert: %v", tt.name, err)
			continue
		}
		if got := v.String(); got != tt.want {
			t.Errorf("%s: Convert = %s, want %s", tt.name, got, tt.want)
		}
		if !v.Type().Equal(want) {
			t.Errorf("%s: Convert type = %s, want %s", tt.name, v.Type(), want)
		}
	}
}

func TestConvertErrors(t *testing.T) {
	tests := []struct {
		name string
		x    any
		typ  string
		want string // substring of the error
	}{
		{"str for int", "1", "int", "at top level: expected int, got str"},
		{"int for str", 1, "str", "at top level: expected str, got int"},
		{"json number for str", fromJSON(t, `1`), "str", "at top level: expected str, got float"},
		{"float for bool", 1.0, "bool", "at top level: expected bool, got float"},
		{"map for list", map[string]any{}, "[]int", "at top level: expected []int, got map"},
		{"list for map", []any{}, "map{str: int}", "at top level: expected map{str: int}, got list"},
		{"list for struct", []any{}, "struct{}", "at top level: expected struct{}, got list"},
		{"typed slice", []string{"a"}, "[]str", "at top level: expected []str, got Go type []string"},
		{"path", []any{nil, nil, map[string]any{"name": 5}}, "[]struct{name str}", "at [2].name: expected str, got int"},
		{"deep path", fromJSON(t, `{"m": {"k": [1, "x"]}}`), "struct{m map{str: []int}}", `at .m["k"][1]: expected int, got str`},
		{"non-integral", 1.5, "int", "at top level: expected int, got float 1.5"},
		{"inf", math.Inf(1), "int", "at top level: expected int, got float +Inf"},
		{"nan", math.NaN(), "int", "at top level: expected int, got float NaN"},
		{"float overflow", 1e19, "int", "expected int, got float 1e+19 (out of int64 range)"},
		{"float 2^63", 9223372036854775808.0, "int", "(out of int64 range)"},
		{"uint overflow", uint64(math.MaxUint64), "int", "expected int, got int 18446744073709551615 (out of int64 range)"},
		{"key type", map[any]any{1: "x"}, "map{str: str}", "at [1] (key): expected str, got int"},
		{"json keys for int map", fromJSON(t, `{"1": "x"}`), "map{int: str}", `at ["1"] (key): expected int, got str`},
		{"duplicate keys", map[any]any{1: "a", uint8(1): "b"}, "map{int: str}", "at top level: duplicate key 1"},
		{"duplicate float keys", map[any]any{1: "a", 1.0: "b"}, "map{float: str}", "at top level: duplicate key 1.0"},
		{"unknown field", fromJSON(t, `{"a": 1, "z": 2}`), "struct{a int}", `at top level: unknown field "z" for struct{a int}`},
		{"unknown nested field", fromJSON(t, `[{"x": 1}]`), "[]struct{a int}", `at [0]: unknown field "x"`},
		{"non-str field name", map[any]any{1: 1}, "struct{a int}", "at [1] (key): expected str, got int"},
		{"func", nil, "func() int", "at top level: cannot convert a document to func() int"},
		{"variant", "x", "variant", "cannot convert a document to variant"},
		{"type var", 1, "[]?1", "expected []?1, got int"},
		{"type var item", []any{1}, "[]?1", "at [0]: cannot convert a document to ?1"},
		{"missing func field", map[string]any{}, "struct{f func() int}", "at .f: cannot convert a document to func() int"},
		{"null func field", nil, "struct{f func() int}", "at .f: cannot convert a document to func() int"},
	}
	for _, tt := range tests {
		v, err := Convert(tt.x, mustType(t, tt.typ))
		if err == nil {
			t.Errorf("%s: Convert = %v, want an error", tt.name, v)
			continue
		}
		if !errors.Is(err, ErrType) {
			t.Errorf("%s: error %q does not wrap ErrType", tt.name, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error = %q, want it to contain %q", tt.name, err, tt.want)
		}
	}
	if _, err := Convert(1, nil); !errors.Is(err, ErrType) {
		t.Errorf("Convert to nil type: error = %v, want ErrType", err)
	}
}

func TestToGo(t *testing.T) {
	tests := []struct {
		name string
		v    Value
		want any
	}{
		{"bool", BoolValue(true), true},
		{"str", StrValue("x"), "x"},
		{"int", IntValue(-3), int64(-3)},
		{"float", FloatValue(2.5), 2.5},
		{"list", listOf(mustType(t, "[]int"), IntValue(1)), []any{int64(1)}},
		{"empty list", listOf(mustType(t, "[]int")), []any{}},
		{"str map", mapOf(t, mustType(t, "map{str: bool}"), StrValue("a"), BoolValue(true)), map[string]any{"a": true}},
		{"int map", mapOf(t, mustType(t, "map{int: str}"), IntValue(1), StrValue("a")), map[any]any{int64(1): "a"}},
		{"list-keyed map", mapOf(t, mustType(t, "map{[]int: str}"), listOf(mustType(t, "[]int"), IntValue(1)), StrValue("a")), map[any]any{"[1]": "a"}},
		{"struct", &StructValue{T: mustType(t, "struct{a int; b []str}"), Fields: []Value{IntValue(1), listOf(mustType(t, "[]str"))}},
			map[string]any{"a": int64(1), "b": []any{}}},
		{"nil", nil, nil},
	}
	for _, tt := range tests {
		if got := ToGo(tt.v); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: ToGo = %#v, want %#v", tt.name, got, tt.want)
		}
	}
}

func TestToGoRoundTrip(t *testing.T) {
	tests := []struct {
		doc string
		typ string
	}{
		{`[1, 2]`, "[]int"},
		{`{"a": [1.5, 2], "b": []}`, "map{str: []float}"},
		{`[{"a": 1, "b": {"x": true}}, {}]`, "[]struct{a int; b map{str: bool}}"},
	}
	for _, tt := range tests {
		want := mustType(t, tt.typ)
		v, err := Convert(fromJSON(t, tt.doc), want)
		if err != nil {
			t.Fatal(err)
		}
		again, err := Convert(ToGo(v), want)
		if err != nil || !again.Equal(v) {
			t.Errorf("%s: Convert(ToGo(%s)) = %v, %v", tt.doc, v, again, err)
		}
	}
	m := mapOf(t, mustType(t, "map{int: float}"), IntValue(2), FloatValue(1), IntValue(-5), FloatValue(math.NaN()))
	if again, err := Convert(ToGo(m), m.T); err != nil || !again.Equal(m) {
		t.Errorf("Convert(ToGo(%s)) = %v, %v", m, again, err)
	}
}

// fuzzConvertTypes are the types FuzzConvertJSON converts documents to.
var fuzzConvertTypes = []string{
	"bool", "str", "int", "float", "[]int", "[]float", "map{str: float}", "map{int: str}",
	"struct{a int; b []str; c map{str: bool}}", "[]struct{name str; tags []str}",
	"map{str: struct{x float; y []map{str: int}}}", "[][]bool",
}

func FuzzConvertJSON(f *testing.F) {
	for _, s := range []string{
		`true`, `"x"`, `1`, `-2.5`, `1e300`, `null`, `[]`, `[1, 2, null]`, `{}`,
		`{"a": 1, "b": ["x"], "c": {"k": true}}`, `{"a": 1.5}`, `{"z": 1}`,
		`[{"name": "n", "tags": ["t"]}, {}]`, `{"p": {"x": 1, "y": [{"q": 2}]}}`,
		`[[true, false], []]`, `{"1": "one"}`, `9223372036854775807`, `[1e19]`,
	} {
		f.Add([]byte(s))
	}
	types := make([]*Type, len(fuzzConvertTypes))
	for i, s := range fuzzConvertTypes {
		types[i] = mustType(f, s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var x any
		if err := json.Unmarshal(data, &x); err != nil {
			return
		}
		for _, want := range types {
			v, err := Convert(x, want)
			if err != nil {
				if !errors.Is(err, ErrType) {
					t.Fatalf("Convert(%s, %s) error %v does not wrap ErrType", data, want, err)
				}
				continue
			}
			if !v.Type().Equal(want) {
				t.Fatalf("Convert(%s, %s) returned a value of type %s", data, want, v.Type())
			}
			if Compare(v, v) != 0 || !v.Equal(v) {
				t.Fatalf("Convert(%s, %s) = %s, not equal to itself", data, want, v)
			}
			again, err := Convert(ToGo(v), want)
			if err != nil || !again.Equal(v) {
				t.Fatalf("Convert(ToGo(%s), %s) = %v, %v", v, want, again, err)
			}
		}
	})
}
