package tmplfuncs_test

import (
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/all"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/tmplfuncs"
)

// template returns golang.template as all.All lists it.
func template(t *testing.T) lib.Func {
	t.Helper()
	for _, f := range all.All() {
		if f.Name == "golang.template" {
			return f
		}
	}
	t.Fatal("all.All has no golang.template")
	return lib.Func{}
}

// TestAllLibrary checks that the template of the library sees the pure
// functions of every package of all.All, not only its siblings.
func TestAllLibrary(t *testing.T) {
	ty, err := hostabi.ParseType("struct{a str; b int; c float; l []str}")
	if err != nil {
		t.Fatal(err)
	}
	values := &hostabi.StructValue{T: ty, Fields: []hostabi.Value{
		hostabi.StrValue("purple"), hostabi.IntValue(42), hostabi.FloatValue(3.14),
		&hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: []hostabi.Value{hostabi.StrValue("opt1"), hostabi.StrValue("opt2")}},
	}}
	tests := []struct {
		tmpl string
		data hostabi.Value
		want string
	}{
		{`{{ .A }};{{ .B }};{{ .C }};{{ if .L }}{{ golang_strings_join .L "," }}{{ end }}`, values, "purple;42;3.14;opt1,opt2"},
		{`{{ example_plus "mg" "mt" }} {{ example_answer }}`, nil, "mgmt 42"},
		{`{{ example_nested_hello }}`, nil, "Hello!"},
		{`{{ strings_to_upper "a" }}{{ golang_strings_repeat "b" 3 }}`, nil, "Abbb"},
	}
	tmpl := template(t)
	for _, tt := range tests {
		args := []hostabi.Value{hostabi.StrValue(tt.tmpl)}
		if tt.data != nil {
			args = append(args, tt.data)
		}
		got, err := tmpl.Impl(&lib.Call{Args: args})
		if err != nil || got != hostabi.StrValue(tt.want) {
			t.Errorf("template(%q) = %v, %v; want %q", tt.tmpl, got, err, tt.want)
		}
	}
	names := tmplfuncs.TemplateFuncs(all.All())
	for _, not := range []string{"golang_template", "test_fastcount", "example_flipflop", "example_vumeter", "datetime_now", "fmt_printf"} {
		if slices.Contains(names, not) {
			t.Errorf("templates can call the impure or inferred %s", not)
		}
	}
}
