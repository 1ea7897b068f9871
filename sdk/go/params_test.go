package mgmt

import (
	"maps"
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// mustMap builds a map value of type t from alternating keys and values.
func mustMap(t *testing.T, typ *hostabi.Type, kv ...hostabi.Value) *hostabi.MapValue {
	t.Helper()
	var keys, vals []hostabi.Value
	for i := 0; i < len(kv); i += 2 {
		keys, vals = append(keys, kv[i]), append(vals, kv[i+1])
	}
	m, err := hostabi.NewMapValue(typ, keys, vals)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestParamsIsSet(t *testing.T) {
	p := Params{
		Values: map[string]hostabi.Value{"content": hostabi.StrValue(""), "mode": hostabi.StrValue(""), "force": hostabi.BoolValue(false)},
		Unset:  []string{"mode"},
	}
	tests := []struct {
		name string
		want bool
	}{
		{"content", true}, // set to its zero value
		{"force", true},
		{"mode", false}, // holds its default
		{"nope", false}, // not a param
	}
	for _, tt := range tests {
		if got := p.IsSet(tt.name); got != tt.want {
			t.Errorf("IsSet(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
	if (Params{}).IsSet("x") {
		t.Error("the zero Params has a set param")
	}
}

func TestParamsAccessors(t *testing.T) {
	strs := hostabi.NewList(hostabi.TypeStr)
	ints := hostabi.NewList(hostabi.TypeInt)
	strMap, err := hostabi.ParseType("map{str: str}")
	if err != nil {
		t.Fatal(err)
	}
	intMap, err := hostabi.ParseType("map{str: int}")
	if err != nil {
		t.Fatal(err)
	}
	p := Params{Values: map[string]hostabi.Value{
		"s":      hostabi.StrValue("x"),
		"i":      hostabi.IntValue(-3),
		"b":      hostabi.BoolValue(true),
		"f":      hostabi.FloatValue(1.5),
		"strs":   &hostabi.ListValue{T: strs, Items: []hostabi.Value{hostabi.StrValue("a"), hostabi.StrValue("")}},
		"empty":  &hostabi.ListValue{T: strs},
		"ints":   &hostabi.ListValue{T: ints, Items: []hostabi.Value{hostabi.IntValue(7)}},
		"env":    mustMap(t, strMap, hostabi.StrValue("B"), hostabi.StrValue("2"), hostabi.StrValue("A"), hostabi.StrValue("1")),
		"counts": mustMap(t, intMap, hostabi.StrValue("a"), hostabi.IntValue(1)),
	}}
	tests := []struct {
		name      string
		got, want any
	}{
		{"Str", p.Str("s"), "x"},
		{"Str of an int", p.Str("i"), ""},
		{"Int", p.Int("i"), int64(-3)},
		{"Bool", p.Bool("b"), true},
		{"Bool missing", p.Bool("nope"), false},
		{"Float", p.Float("f"), 1.5},
		{"Go", p.Go("strs"), []any{"a", ""}},
		{"Go missing", p.Go("nope"), nil},
		{"List", p.List("ints"), []hostabi.Value{hostabi.IntValue(7)}},
		{"List of a str", p.List("s"), []hostabi.Value(nil)},
		{"Strs", p.Strs("strs"), []string{"a", ""}},
		{"Strs empty", p.Strs("empty"), []string{}},
		{"Strs of []int", p.Strs("ints"), []string(nil)},
		{"Strs missing", p.Strs("nope"), []string(nil)},
		{"StrMap", p.StrMap("env"), map[string]string{"A": "1", "B": "2"}},
		{"StrMap of map{str: int}", p.StrMap("counts"), map[string]string(nil)},
		{"StrMap of a list", p.StrMap("strs"), map[string]string(nil)},
	}
	for _, tt := range tests {
		if !equalAny(tt.got, tt.want) {
			t.Errorf("%s = %#v, want %#v", tt.name, tt.got, tt.want)
		}
	}
	// List hands out a copy: the params stay as they were.
	l := p.List("strs")
	l[0] = hostabi.StrValue("changed")
	if p.Strs("strs")[0] != "a" {
		t.Error("List aliases the param's items")
	}
}

// equalAny compares the accessors' results, telling nil from empty.
func equalAny(a, b any) bool {
	switch a := a.(type) {
	case []string:
		b := b.([]string)
		return (a == nil) == (b == nil) && slices.Equal(a, b)
	case map[string]string:
		b := b.(map[string]string)
		return (a == nil) == (b == nil) && maps.Equal(a, b)
	case []hostabi.Value:
		b := b.([]hostabi.Value)
		return (a == nil) == (b == nil) && slices.EqualFunc(a, b, func(x, y hostabi.Value) bool { return x.Equal(y) })
	case []any:
		b, ok := b.([]any)
		return ok && slices.Equal(a, b)
	}
	return a == b
}
