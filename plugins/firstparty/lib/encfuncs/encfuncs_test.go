package encfuncs

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// typ parses an mcl type.
func typ(t testing.TB, s string) *hostabi.Type {
	t.Helper()
	ty, err := hostabi.ParseType(s)
	if err != nil {
		t.Fatal(err)
	}
	return ty
}

func TestBase64(t *testing.T) {
	tests := []struct{ plain, encoded string }{
		{"", ""},
		{"f", "Zg=="},
		{"fo", "Zm8="},
		{"foo", "Zm9v"},
		{"hello, world", "aGVsbG8sIHdvcmxk"},
		{"\x00\xff", "AP8="},
	}
	for _, tt := range tests {
		got, err := base64Encode(&lib.Call{Args: []hostabi.Value{hostabi.StrValue(tt.plain)}})
		if err != nil || got != hostabi.StrValue(tt.encoded) {
			t.Errorf("base64_encode(%q) = %v, %v; want %q", tt.plain, got, err, tt.encoded)
		}
		got, err = base64Decode(&lib.Call{Args: []hostabi.Value{hostabi.StrValue(tt.encoded)}})
		if err != nil || got != hostabi.StrValue(tt.plain) {
			t.Errorf("base64_decode(%q) = %v, %v; want %q", tt.encoded, got, err, tt.plain)
		}
	}
	for _, bad := range []string{"Zg", "Zm9v!", "===="} {
		if _, err := base64Decode(&lib.Call{Args: []hostabi.Value{hostabi.StrValue(bad)}}); err == nil || !strings.Contains(err.Error(), "could not decode base64") {
			t.Errorf("base64_decode(%q) error = %v, want a decode error", bad, err)
		}
	}
}

func TestDecodeJSON(t *testing.T) {
	person := typ(t, "struct{name str; age int; tags []str}")
	strList := hostabi.NewList(hostabi.TypeStr)
	m, err := hostabi.NewMapValue(typ(t, "map{str: float}"),
		[]hostabi.Value{hostabi.StrValue("b"), hostabi.StrValue("a")},
		[]hostabi.Value{hostabi.FloatValue(2.5), hostabi.FloatValue(1)})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		data     string
		typ      string
		flexible bool
		want     hostabi.Value
	}{
		{"bool", "true", "bool", false, hostabi.BoolValue(true)},
		{"str", `"a\"b\u00e9"`, "str", false, hostabi.StrValue(`a"bé`)},
		{"int", "-42", "int", false, hostabi.IntValue(-42)},
		{"big int exact", "9007199254740993", "int", false, hostabi.IntValue(9007199254740993)},
		{"float", "2.5e1", "float", false, hostabi.FloatValue(25)},
		{"int as float", "3", "float", false, hostabi.FloatValue(3)},
		{"list", `["a", "b"]`, "[]str", false, &hostabi.ListValue{T: strList, Items: []hostabi.Value{hostabi.StrValue("a"), hostabi.StrValue("b")}}},
		{"empty list", `[]`, "[]str", false, &hostabi.ListValue{T: strList}},
		{"map", `{"b": 2.5, "a": 1}`, "map{str: float}", false, m},
		{"struct", ` {"age": 7, "tags": ["x"], "name": "n"} `, "struct{name str; age int; tags []str}", false,
			&hostabi.StructValue{T: person, Fields: []hostabi.Value{hostabi.StrValue("n"), hostabi.IntValue(7), &hostabi.ListValue{T: strList, Items: []hostabi.Value{hostabi.StrValue("x")}}}}},
		{"flexible missing field", `{"name": "n", "extra": null}`, "struct{name str; age int; tags []str}", true,
			&hostabi.StructValue{T: person, Fields: []hostabi.Value{hostabi.StrValue("n"), hostabi.IntValue(0), &hostabi.ListValue{T: strList}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DecodeJSON(tt.data, typ(t, tt.typ), tt.flexible)
			if err != nil {
				t.Fatalf("DecodeJSON(%q, %s): %v", tt.data, tt.typ, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("DecodeJSON(%q, %s) = %s, want %s", tt.data, tt.typ, got, tt.want)
			}
		})
	}
}

func TestDecodeJSONErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		typ      string
		flexible bool
		want     string
	}{
		{"invalid", `{"a":`, "map{str: int}", false, "invalid JSON"},
		{"trailing data", `1 2`, "int", false, "more data after the document"},
		{"trailing garbage", `{} x`, "map{str: int}", false, "invalid JSON"},
		{"null", `null`, "str", false, "type doesn't match str: got null"},
		{"bool for int", `true`, "int", false, "type doesn't match int"},
		{"fraction for int", `1.5`, "int", false, "does not contain an int"},
		{"exponent for int", `1e3`, "int", false, "does not contain an int"},
		{"int overflow", `9223372036854775808`, "int", false, "does not contain an int"},
		{"float overflow", `1e999`, "float", false, "does not fit a float"},
		{"nested path", `{"a": [1, "x"]}`, "map{str: []int}", false, `["a"][1]`},
		{"int keys", `{"1": 2}`, "map{int: int}", false, "cannot be int keys"},
		{"missing field", `{"a": 1}`, "struct{a int; b int}", false, "incompatible number of fields"},
		{"wrong field", `{"a": 1, "c": 2}`, "struct{a int; b int}", false, "field b was not found"},
		{"extra field", `{"a": 1, "b": 2, "c": 3}`, "struct{a int; b int}", false, "incompatible number of fields"},
		{"flexible still typed", `{"a": "x"}`, "struct{a int}", true, "at .a: type doesn't match int"},
		{"func type", `1`, "func() int", false, "cannot decode JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeJSON(tt.data, typ(t, tt.typ), tt.flexible)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("DecodeJSON(%q, %s) error = %v, want one containing %q", tt.data, tt.typ, err, tt.want)
			}
		})
	}
	_, err := DecodeJSON(`"x"`, hostabi.TypeInt, false)
	if !errors.Is(err, hostabi.ErrType) {
		t.Errorf("a type mismatch does not wrap hostabi.ErrType: %v", err)
	}
}

// TestDecodeJSONCall checks how the function takes its type: from the
// call's result type, from a type argument, and both when they agree.
func TestDecodeJSONCall(t *testing.T) {
	f := fakehost.Find(t, Funcs(), "encoding.decode_json").Impl
	one := hostabi.NewFunc(hostabi.TypeInt, hostabi.Field{Type: hostabi.TypeStr})
	two := hostabi.NewFunc(hostabi.TypeInt, hostabi.Field{Type: hostabi.TypeStr}, hostabi.Field{Type: hostabi.TypeStr})
	for _, c := range []*lib.Call{
		{Type: one, Args: []hostabi.Value{hostabi.StrValue("7")}},
		{Args: []hostabi.Value{hostabi.StrValue("7"), hostabi.StrValue("int")}},
		{Type: two, Args: []hostabi.Value{hostabi.StrValue("7"), hostabi.StrValue("int")}},
	} {
		got, err := f(c)
		if err != nil || got != hostabi.IntValue(7) {
			t.Errorf("decode_json(%v) with type %v = %v, %v; want 7", c.Args, c.Type, got, err)
		}
	}
	for _, tt := range []struct {
		c    *lib.Call
		want string
	}{
		{&lib.Call{Args: []hostabi.Value{hostabi.StrValue("7")}}, "result type is not known"},
		{&lib.Call{Type: two, Args: []hostabi.Value{hostabi.StrValue("7"), hostabi.StrValue("float")}}, "incompatible types"},
		{&lib.Call{Args: []hostabi.Value{hostabi.StrValue("7"), hostabi.StrValue("[]")}}, "invalid type specification"},
		{&lib.Call{Args: nil}, "takes 1 or 2 args"},
	} {
		if _, err := f(tt.c); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("decode_json(%v) error = %v, want one containing %q", tt.c.Args, err, tt.want)
		}
	}
	flex := fakehost.Find(t, Funcs(), "encoding.decode_json_flexible").Impl
	got, err := flex(&lib.Call{Args: []hostabi.Value{hostabi.StrValue(`{}`), hostabi.StrValue("struct{a int}")}})
	want := &hostabi.StructValue{T: typ(t, "struct{a int}"), Fields: []hostabi.Value{hostabi.IntValue(0)}}
	if err != nil || !got.Equal(want) {
		t.Errorf("decode_json_flexible({}) = %v, %v; want %s", got, err, want)
	}
}

func TestSigs(t *testing.T) {
	want := map[string]string{
		"encoding.base64_encode":        "func(data str) str",
		"encoding.base64_decode":        "func(data str) str",
		"encoding.decode_json":          "",
		"encoding.decode_json_flexible": "",
	}
	for _, f := range Funcs() {
		if s, ok := want[f.Name]; !ok || f.Sig != s || !f.Pure {
			t.Errorf("%s: Sig %q pure %v, want %q and pure", f.Name, f.Sig, f.Pure, s)
		}
	}
}

// fuzzTypes are the result types FuzzDecodeJSON decodes to.
var fuzzTypes = []string{"int", "float", "str", "bool", "[]int", "map{str: []float}", "struct{a int; b []str; c map{str: bool}}", "[]struct{x float}"}

// FuzzDecodeJSON checks that decoding never panics, that what it accepts
// is valid JSON of the requested type, and that re-encoding the result
// with encoding/json decodes back to the same value.
func FuzzDecodeJSON(f *testing.F) {
	for i, s := range []string{"1", "2.5", `"x"`, "true", "[1,2]", `{"k":[1.5]}`, `{"a":1,"b":["x"],"c":{"y":false}}`, `[{"x":1}]`, "null", "[1,", `{"a":1,"a":2}`} {
		f.Add(s, uint8(i), i%2 == 0)
	}
	f.Fuzz(func(t *testing.T, data string, which uint8, flexible bool) {
		ty := typ(t, fuzzTypes[int(which)%len(fuzzTypes)])
		v, err := DecodeJSON(data, ty, flexible)
		if err != nil {
			return
		}
		if !json.Valid([]byte(data)) {
			t.Fatalf("DecodeJSON accepted invalid JSON %q", data)
		}
		if !v.Type().Equal(ty) {
			t.Fatalf("DecodeJSON(%q) has type %s, want %s", data, v.Type(), ty)
		}
		again, err := json.Marshal(hostabi.ToGo(v))
		if err != nil {
			t.Fatalf("re-encoding %s: %v", v, err)
		}
		back, err := DecodeJSON(string(again), ty, false)
		if err != nil || !back.Equal(v) {
			t.Fatalf("%s re-encoded as %s decodes to %v, %v", v, again, back, err)
		}
		if fl, ok := v.(hostabi.FloatValue); ok && (math.IsNaN(float64(fl)) || math.IsInf(float64(fl), 0)) {
			t.Fatalf("DecodeJSON(%q) gave %s", data, fl)
		}
	})
}

// TestBase64MatchesStdlib checks a few more inputs against encoding/base64.
func TestBase64MatchesStdlib(t *testing.T) {
	for _, s := range []string{"a", "ab", "abc", "abcd", strings.Repeat("xyz", 50)} {
		got, err := base64Encode(&lib.Call{Args: []hostabi.Value{hostabi.StrValue(s)}})
		if want := base64.StdEncoding.EncodeToString([]byte(s)); err != nil || got != hostabi.StrValue(want) {
			t.Errorf("base64_encode(%q) = %v, %v; want %q", s, got, err, want)
		}
	}
}
