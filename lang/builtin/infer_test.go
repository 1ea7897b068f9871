package builtin

import (
	"errors"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

func TestInferHooks(t *testing.T) {
	str := hostabi.TypeStr
	for _, tc := range []struct {
		name string
		args []Arg
		out  *hostabi.Type
		want string // the type, or "error", or "more"
	}{
		{"fmt.printf", []Arg{{Value: "%d %s %f %t %v %%"}, {}, {}, {}, {}, {}}, nil, "func(str, int, str, float, bool, ?5) str"},
		{"fmt.printf", []Arg{{Value: "%d"}}, nil, "error"},
		{"fmt.printf", []Arg{{Value: "%z"}, {}}, nil, "error"},
		{"fmt.printf", []Arg{{}, {}}, nil, "more"},
		{"fmt.printf", []Arg{{}, {Type: str}}, nil, "func(str, str) str"},
		{"iter.range", []Arg{{}, {}}, nil, "func(int, int) []int"},
		{"iter.range", nil, nil, "error"},
		{"iter.reduce", []Arg{{}, {}}, nil, "func([]?1, func(?1, ?1) ?1) ?1"},
		{"list.concat", []Arg{{}, {}}, nil, "func([]?1, []?1) []?1"},
		{"golang.template", []Arg{{}, {}}, nil, "func(str, ?1) str"},
		{"encoding.decode_json", []Arg{{}}, nil, "more"},
		{"encoding.decode_json", []Arg{{}}, hostabi.NewList(str), "func(str) []str"},
		{"encoding.decode_json_flexible", []Arg{{}, {Value: "map{str: int}"}}, nil, "func(str, str) map{str: int}"},
		{"encoding.decode_json_flexible", []Arg{{}, {Value: "nope"}}, nil, "error"},
		{"value.get", []Arg{{}}, nil, "func(str) struct{value ?1; ready bool}"},
	} {
		got, err := inferHooks[tc.name](&Call{Name: tc.name, Args: tc.args, Out: tc.out})
		s := ""
		switch {
		case errors.Is(err, ErrNeedMore):
			s = "more"
		case err != nil:
			s = "error"
		default:
			s = got.String()
		}
		if s != tc.want {
			t.Errorf("%s%v: got %s (%v), want %s", tc.name, tc.args, s, err, tc.want)
		}
	}
}

func TestTable(t *testing.T) {
	tb, err := NewTable(nil, "h")
	if err != nil {
		t.Fatal(err)
	}
	if sig, _, ok := tb.Func("contains"); !ok || sig.String() != "func(?1, []?1) bool" {
		t.Errorf("contains: %v %v", sig, ok)
	}
	if _, infer, ok := tb.Func("fmt.printf"); !ok || infer == nil {
		t.Error("printf has no infer hook")
	}
	if v, ok := tb.Var("hostname"); !ok || v.Value != "h" {
		t.Errorf("hostname: %v", v)
	}
	if v, ok := tb.Var("const.res.gzip.level.best_speed"); !ok || v.Value != int64(1) || v.Type != hostabi.TypeInt {
		t.Errorf("const: %v", v)
	}
	if _, ok := tb.Kind("file"); ok {
		t.Error("a kind without a source")
	}
	found := false
	for _, p := range tb.Packages() {
		found = found || p == "golang/strings"
	}
	if !found {
		t.Errorf("packages: %v", tb.Packages())
	}
}
