package hostabi

import (
	"errors"
	"strings"
	"testing"
)

func TestKindString(t *testing.T) {
	tests := []struct {
		k    Kind
		want string
	}{
		{KindBool, "bool"}, {KindStr, "str"}, {KindInt, "int"}, {KindFloat, "float"},
		{KindList, "list"}, {KindMap, "map"}, {KindStruct, "struct"}, {KindFunc, "func"},
		{KindVariant, "variant"}, {KindVar, "var"}, {0, "Kind(0)"}, {99, "Kind(99)"},
	}
	for _, tt := range tests {
		if got := tt.k.String(); got != tt.want {
			t.Errorf("Kind(%d).String() = %q, want %q", tt.k, got, tt.want)
		}
	}
}

func TestTypeString(t *testing.T) {
	tests := []struct {
		typ  *Type
		want string
	}{
		{TypeBool, "bool"},
		{TypeStr, "str"},
		{TypeInt, "int"},
		{TypeFloat, "float"},
		{&Type{Kind: KindVariant}, "variant"},
		{&Type{Kind: KindVar, Name: "?1"}, "?1"},
		{&Type{Kind: KindVar, Name: "T"}, "T"},
		{NewList(TypeStr), "[]str"},
		{NewList(NewList(TypeInt)), "[][]int"},
		{NewMap(TypeStr, TypeInt), "map{str: int}"},
		{NewMap(TypeStr, NewList(TypeFloat)), "map{str: []float}"},
		{NewStruct(), "struct{}"},
		{NewStruct(Field{"a", TypeInt}, Field{"b", TypeStr}), "struct{a int; b str}"},
		{NewFunc(TypeBool, Field{Type: TypeStr}, Field{Type: TypeInt}), "func(str, int) bool"},
		{NewFunc(TypeBool, Field{"a", TypeStr}, Field{"b", TypeInt}), "func(a str, b int) bool"},
		{NewFunc(TypeStr), "func() str"},
		{NewFunc(NewFunc(TypeInt), Field{Type: NewMap(TypeStr, TypeStr)}), "func(map{str: str}) func() int"},
		{nil, "<nil>"},
	}
	for _, tt := range tests {
		if got := tt.typ.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
}

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want string // canonical String() of the result
	}{
		{"bool", "bool"},
		{" str ", "str"},
		{"int", "int"},
		{"float", "float"},
		{"variant", "variant"},
		{"?1", "?1"},
		{"?042", "?042"},
		{"[]str", "[]str"},
		{"[ ]\t[]  int", "[][]int"},
		{"map{str: int}", "map{str: int}"},
		{"map { str:int }", "map{str: int}"},
		{"map{?1: []?2}", "map{?1: []?2}"},
		{"struct{}", "struct{}"},
		{"struct{ }", "struct{}"},
		{"struct{a int}", "struct{a int}"},
		{"struct{a int;}", "struct{a int}"},
		{"struct{a int; b str}", "struct{a int; b str}"},
		{"struct{\n\ta int;\n\tb []str;\n}", "struct{a int; b []str}"},
		{"struct{a[]int;B_2 map{str:bool}}", "struct{a []int; B_2 map{str: bool}}"},
		{"struct{int int; str str}", "struct{int int; str str}"},
		{"func() str", "func() str"},
		{"func(str, int) bool", "func(str, int) bool"},
		{"func(a str, b int) bool", "func(a str, b int) bool"},
		{"func( a str , int ) bool", "func(a str, int) bool"},
		{"func(map {str: int}, func() int) []str", "func(map{str: int}, func() int) []str"},
		{"func(x func(str) str) func(int) int", "func(x func(str) str) func(int) int"},
		{"func(str str) str", "func(str str) str"},
		{"func(a []str, b ?3) struct{}", "func(a []str, b ?3) struct{}"},
	}
	for _, tt := range tests {
		got, err := ParseType(tt.in)
		if err != nil {
			t.Errorf("ParseType(%q): %v", tt.in, err)
			continue
		}
		if s := got.String(); s != tt.want {
			t.Errorf("ParseType(%q).String() = %q, want %q", tt.in, s, tt.want)
		}
		again, err := ParseType(got.String())
		if err != nil || !again.Equal(got) {
			t.Errorf("ParseType(%q) does not round trip: %v, %v", got.String(), again, err)
		}
	}
}

func TestParseTypeSingletons(t *testing.T) {
	for in, want := range map[string]*Type{"bool": TypeBool, "str": TypeStr, "int": TypeInt, "float": TypeFloat} {
		if got, err := ParseType(in); err != nil || got != want {
			t.Errorf("ParseType(%q) = %p, %v; want the shared singleton %p", in, got, err, want)
		}
	}
}

func TestParseTypeErrors(t *testing.T) {
	tests := []struct {
		in   string
		want string // substring of the error
	}{
		{"", "at offset 0: expected type, got end of input"},
		{"   ", "at offset 3: expected type, got end of input"},
		{"T", `at offset 0: expected type, got identifier "T"`},
		{"Str", `at offset 0: expected type, got identifier "Str"`},
		{"strs", `at offset 0: expected type, got identifier "strs"`},
		{"?", "at offset 1: expected digit after '?', got end of input"},
		{"?x", `at offset 1: expected digit after '?', got identifier "x"`},
		{"str str", `at offset 4: expected end of input, got identifier "str"`},
		{"[]", "at offset 2: expected type, got end of input"},
		{"[str]", `at offset 1: expected ']', got identifier "str"`},
		{"map{str int}", `at offset 8: expected ':', got identifier "int"`},
		{"map{str: int", "at offset 12: expected '}', got end of input"},
		{"map{}", "at offset 4: expected type, got '}'"},
		{"map str", `at offset 4: expected '{', got identifier "str"`},
		{"struct{;}", "at offset 7: expected field name, got ';'"},
		{"struct{a int b str}", `at offset 13: expected ';' or '}', got identifier "b"`},
		{"struct{a int;; }", "at offset 13: expected field name, got ';'"},
		{"struct{a int, b str}", "at offset 12: expected ';' or '}', got ','"},
		{"struct{a int; a str}", `at offset 14: expected unique field name, got identifier "a"`},
		{"struct{a}", "at offset 8: expected type, got '}'"},
		{"func(str)", "at offset 9: expected type, got end of input"},
		{"func(str,) bool", "at offset 9: expected type, got ')'"},
		{"func(a, b int) bool", `at offset 5: expected type, got identifier "a"`},
		{"func(a str, a int) bool", `at offset 12: expected unique argument name, got identifier "a"`},
		{"func(str int", "at offset 12: expected ',' or ')', got end of input"},
		{"func str", `at offset 5: expected '(', got identifier "str"`},
		{"[]€", `at offset 2: expected type, got '€'`},
	}
	for _, tt := range tests {
		got, err := ParseType(tt.in)
		if err == nil {
			t.Errorf("ParseType(%q) = %v, want an error", tt.in, got)
			continue
		}
		if !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseType(%q) error %q does not wrap ErrSyntax", tt.in, err)
		}
		if !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ParseType(%q) error = %q, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestTypeEqual(t *testing.T) {
	mustParse := func(s string) *Type {
		t.Helper()
		typ, err := ParseType(s)
		if err != nil {
			t.Fatal(err)
		}
		return typ
	}
	tests := []struct {
		a, b string
		want bool
	}{
		{"str", "str", true},
		{"str", "int", false},
		{"[]str", "[]str", true},
		{"[]str", "[]int", false},
		{"map{str: int}", "map{str: int}", true},
		{"map{str: int}", "map{int: str}", false},
		{"struct{a int; b str}", "struct{a int; b str}", true},
		{"struct{a int; b str}", "struct{b str; a int}", false},
		{"struct{a int}", "struct{b int}", false},
		{"struct{a int}", "struct{a int; b int}", false},
		{"func(a str) int", "func(b str) int", true},
		{"func(a str) int", "func(str) int", true},
		{"func(str) int", "func(int) int", false},
		{"func(str) int", "func(str) str", false},
		{"func(str) int", "func(str, str) int", false},
		{"?1", "?1", true},
		{"?1", "?2", false},
		{"variant", "variant", true},
		{"variant", "?1", false},
	}
	for _, tt := range tests {
		a, b := mustParse(tt.a), mustParse(tt.b)
		if got := a.Equal(b); got != tt.want {
			t.Errorf("%s.Equal(%s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := b.Equal(a); got != tt.want {
			t.Errorf("%s.Equal(%s) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
	var none *Type
	if !none.Equal(nil) || none.Equal(TypeStr) || TypeStr.Equal(nil) {
		t.Error("nil type equality is wrong")
	}
}

func TestTypeHasVars(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"str", false},
		{"variant", false},
		{"?1", true},
		{"[]?1", true},
		{"map{str: ?1}", true},
		{"map{?1: str}", true},
		{"struct{a int; b []?2}", true},
		{"struct{a int}", false},
		{"func(?1) int", true},
		{"func(int) ?1", true},
		{"func(int) map{str: []float}", false},
	}
	for _, tt := range tests {
		typ, err := ParseType(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := typ.HasVars(); got != tt.want {
			t.Errorf("%s.HasVars() = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestNewStructCopiesFields(t *testing.T) {
	fields := []Field{{"a", TypeInt}}
	typ := NewStruct(fields...)
	fields[0].Name = "z"
	if typ.String() != "struct{a int}" {
		t.Errorf("NewStruct shares the caller's slice: %s", typ)
	}
}

func FuzzParseType(f *testing.F) {
	for _, s := range []string{
		"bool", "str", "int", "float", "variant", "?1", "[]str", "map{str: int}",
		"struct{}", "struct{a int; b str;}", "func(str, int) bool", "func(a str, b int) bool",
		"func() struct{x map{?1: []?2}}", "func(map {str: int}, func() int) []str",
		" [ ] [ ] int ", "struct{a[]int;b func(str str)str}", "T", "map{", "?", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		typ, err := ParseType(s)
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Fatalf("ParseType(%q) error %v does not wrap ErrSyntax", s, err)
			}
			return
		}
		canon := typ.String()
		again, err := ParseType(canon)
		if err != nil {
			t.Fatalf("ParseType(%q) = %s, which does not reparse: %v", s, canon, err)
		}
		if !again.Equal(typ) {
			t.Fatalf("ParseType(%q) = %s, reparsed as unequal %s", s, canon, again)
		}
		if again.String() != canon {
			t.Fatalf("String() not canonical: %q then %q", canon, again.String())
		}
	})
}
