package tmplfuncs

import (
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/convfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/encfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/golangfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/mathfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/netfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/refuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/strfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/timefuncs"
)

// library is the library the tests' templates see: some of the real
// packages, golang.template itself among them.
func library() []lib.Func {
	var out []lib.Func
	for _, fs := range [][]lib.Func{
		strfuncs.Funcs(), convfuncs.Funcs(), mathfuncs.Funcs(), encfuncs.Funcs(),
		refuncs.Funcs(), netfuncs.Funcs(), timefuncs.Funcs(), golangfuncs.Funcs(),
		Funcs(library),
	} {
		out = append(out, fs...)
	}
	return out
}

// render is golang.template over library.
var render = Funcs(library)[0].Impl

// typ parses an mcl type.
func typ(t *testing.T, s string) *hostabi.Type {
	t.Helper()
	ty, err := hostabi.ParseType(s)
	if err != nil {
		t.Fatal(err)
	}
	return ty
}

// strs is a []str list.
func strs(vs ...string) *hostabi.ListValue {
	l := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)}
	for _, v := range vs {
		l.Items = append(l.Items, hostabi.StrValue(v))
	}
	return l
}

// st is a struct of type ty with fields.
func st(t *testing.T, ty string, fields ...hostabi.Value) *hostabi.StructValue {
	t.Helper()
	return &hostabi.StructValue{T: typ(t, ty), Fields: fields}
}

// mapOf is a map of type ty.
func mapOf(t *testing.T, ty string, keys, vals []hostabi.Value) *hostabi.MapValue {
	t.Helper()
	m, err := hostabi.NewMapValue(typ(t, ty), keys, vals)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTemplate(t *testing.T) {
	person := &hostabi.StructValue{
		T:      typ(t, "struct{name str; age int; raw_query str; tags []str}"),
		Fields: []hostabi.Value{hostabi.StrValue("Ada"), hostabi.IntValue(36), hostabi.StrValue("q=1"), strs("x", "y")},
	}
	m, err := hostabi.NewMapValue(typ(t, "map{str: int}"),
		[]hostabi.Value{hostabi.StrValue("b"), hostabi.StrValue("a"), hostabi.StrValue("my-key")},
		[]hostabi.Value{hostabi.IntValue(2), hostabi.IntValue(1), hostabi.IntValue(3)})
	if err != nil {
		t.Fatal(err)
	}
	im, err := hostabi.NewMapValue(typ(t, "map{int: str}"),
		[]hostabi.Value{hostabi.IntValue(2), hostabi.IntValue(1)},
		[]hostabi.Value{hostabi.StrValue("two"), hostabi.StrValue("one")})
	if err != nil {
		t.Fatal(err)
	}
	structKeyed := mapOf(t, "map{struct{a str; b int}: str}",
		[]hostabi.Value{st(t, "struct{a str; b int}", hostabi.StrValue("idea"), hostabi.IntValue(42)), st(t, "struct{a str; b int}", hostabi.StrValue("amazing"), hostabi.IntValue(13))},
		[]hostabi.Value{hostabi.StrValue("magic"), hostabi.StrValue("purple")})
	sameA := mapOf(t, "map{struct{a str; b int}: str}",
		[]hostabi.Value{st(t, "struct{a str; b int}", hostabi.StrValue("x"), hostabi.IntValue(2)), st(t, "struct{a str; b int}", hostabi.StrValue("x"), hostabi.IntValue(1))},
		[]hostabi.Value{hostabi.StrValue("two"), hostabi.StrValue("one")})
	nestedKey := mapOf(t, "map{struct{p struct{x int}; q str}: int}",
		[]hostabi.Value{st(t, "struct{p struct{x int}; q str}", st(t, "struct{x int}", hostabi.IntValue(1)), hostabi.StrValue("z"))},
		[]hostabi.Value{hostabi.IntValue(7)})
	structBoth := mapOf(t, "map{struct{a str}: struct{n int}}",
		[]hostabi.Value{st(t, "struct{a str}", hostabi.StrValue("k"))},
		[]hostabi.Value{st(t, "struct{n int}", hostabi.IntValue(5))})
	emptyStructKeyed := mapOf(t, "map{struct{a str}: int}", nil, nil)
	boolKeyed := mapOf(t, "map{bool: int}",
		[]hostabi.Value{hostabi.BoolValue(true), hostabi.BoolValue(false)},
		[]hostabi.Value{hostabi.IntValue(1), hostabi.IntValue(0)})
	floatKeyed := mapOf(t, "map{float: str}",
		[]hostabi.Value{hostabi.FloatValue(2.5), hostabi.FloatValue(-1)},
		[]hostabi.Value{hostabi.StrValue("b"), hostabi.StrValue("a")})
	listKeyed := mapOf(t, "map{[]str: int}", []hostabi.Value{strs("a", "b")}, []hostabi.Value{hostabi.IntValue(1)})
	tests := []struct {
		name string
		tmpl string
		data hostabi.Value // nil: no vars argument
		want string
	}{
		{"no vars", "hello", nil, "hello"},
		{"str dot", "hello {{ . }}!", hostabi.StrValue("world"), "hello world!"},
		{"int dot", "{{ . }} {{ printf \"%03d\" . }}", hostabi.IntValue(7), "7 007"},
		{"float dot", "{{ . }}", hostabi.FloatValue(2.5), "2.5"},
		{"bool if", "{{ if . }}yes{{ else }}no{{ end }}", hostabi.BoolValue(false), "no"},
		{"struct fields title-cased", "{{ .Name }} is {{ .Age }} ({{ .Raw_query }})", person, "Ada is 36 (q=1)"},
		{"range list", "{{ range $i, $t := .Tags }}{{ $i }}={{ $t }};{{ end }}", person, "0=x;1=y;"},
		{"map keys sorted", "{{ range $k, $v := . }}{{ $k }}:{{ $v }},{{ end }}", m, "a:1,b:2,my-key:3,"},
		{"map index", `{{ index . "my-key" }} {{ .a }}`, m, "3 1"},
		{"int keyed map", "{{ range $k, $v := . }}{{ $k }}={{ $v }} {{ end }}", im, "1=one 2=two "},
		{"library func", `{{ strings_to_upper .Name }}`, person, "ADA"},
		{"library func pipeline", `{{ .Name | strings_to_lower }}`, person, "ada"},
		{"list arg", `{{ strings_join_nonempty .Tags "+" }}`, person, "x+y"},
		{"list result", `{{ range strings_split "a,b" "," }}[{{ . }}]{{ end }}`, nil, "[a][b]"},
		{"int constant to float", `{{ math_pow 2 10 }}`, nil, "1024"},
		{"int result", `{{ convert_str_to_int "41" }}`, nil, "41"},
		{"struct result", `{{ (net_split_hostport "example.com:80").Port }}`, nil, "80"},
		{"datetime", `{{ datetime_format 0 "2006-01-02" }}`, nil, "1970-01-01"},
		{"regexp", `{{ if regexp_match "^a" .Name }}a{{ end }}{{ if regexp_match "^A" .Name }}A{{ end }}`, person, "A"},
		{"golang func", `{{ golang_strings_join .Tags "," }}`, person, "x,y"},
		{"golang func int constant to float", `{{ golang_math_sqrt 16 }}`, nil, "4"},
		{"golang func in a pipeline", `{{ .Name | golang_strings_to_upper }}`, person, "ADA"},
		{"struct keys", "{{ range $k, $v := . }}{{ $k.A }};{{ $k.B }};{{ $v }}|{{ end }}", structKeyed, "amazing;13;purple|idea;42;magic|"},
		{"struct keys sorted by later fields", "{{ range $k, $v := . }}{{ $k.A }}{{ $k.B }}={{ $v }} {{ end }}", sameA, "x1=one x2=two "},
		{"nested struct key", "{{ range $k, $v := . }}{{ $k.P.X }}{{ $k.Q }}={{ $v }}{{ end }}", nestedKey, "1z=7"},
		{"struct key, struct value", "{{ range $k, $v := . }}{{ $k.A }}:{{ $v.N }}{{ end }}", structBoth, "k:5"},
		{"empty struct-keyed map", "{{ range . }}x{{ else }}empty{{ end }}", emptyStructKeyed, "empty"},
		{"bool keys", "{{ range $k, $v := . }}{{ $k }}={{ $v }} {{ end }}", boolKeyed, "false=0 true=1 "},
		{"float keys", "{{ range $k, $v := . }}{{ $k }}={{ $v }} {{ end }}", floatKeyed, "-1=a 2.5=b "},
		{"list keys in mcl syntax", "{{ range $k, $v := . }}{{ $k }}={{ $v }}{{ end }}", listKeyed, `["a", "b"]=1`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []hostabi.Value{hostabi.StrValue(tt.tmpl)}
			if tt.data != nil {
				args = append(args, tt.data)
			}
			got, err := render(&lib.Call{Args: args, Host: utcHost{}})
			if err != nil || got != hostabi.StrValue(tt.want) {
				t.Errorf("template(%q) = %v, %v; want %q", tt.tmpl, got, err, tt.want)
			}
		})
	}
}

func TestTemplateErrors(t *testing.T) {
	tests := []struct {
		name string
		args []hostabi.Value
		want string
	}{
		{"no args", nil, "takes 1 or 2 args"},
		{"three args", []hostabi.Value{hostabi.StrValue(""), hostabi.IntValue(1), hostabi.IntValue(2)}, "takes 1 or 2 args"},
		{"template not str", []hostabi.Value{hostabi.IntValue(1)}, "not a str"},
		{"parse error", []hostabi.Value{hostabi.StrValue("{{ if }}")}, "parse error"},
		{"unknown function", []hostabi.Value{hostabi.StrValue("{{ nosuch 1 }}")}, "parse error"},
		{"missing field", []hostabi.Value{hostabi.StrValue("{{ .x.y }}"), hostabi.IntValue(1)}, "execution error"},
		{"function error", []hostabi.Value{hostabi.StrValue(`{{ strings_substr "ab" 0 5 }}`)}, "out of range"},
		{"wrong arg type", []hostabi.Value{hostabi.StrValue(`{{ strings_to_upper 1 }}`)}, "expected str, got int"},
		{"wrong arg count", []hostabi.Value{hostabi.StrValue(`{{ strings_to_upper "a" "b" }}`)}, "takes 1 args, got 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := render(&lib.Call{Args: tt.args, Host: utcHost{}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("template(%v) error = %v, want one containing %q", tt.args, err, tt.want)
			}
		})
	}
}

func TestTemplateName(t *testing.T) {
	for in, want := range map[string]string{
		"strings.to_upper":        "strings_to_upper",
		"golang/strings.to_lower": "golang_strings_to_lower",
		"len":                     "_len",
		"net.cidr_to_ip":          "net_cidr_to_ip",
	} {
		if got := TemplateName(in); got != want {
			t.Errorf("TemplateName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTemplateFuncs checks which functions templates see: pure ones with
// a fixed signature, not streaming or polymorphic ones.
func TestTemplateFuncs(t *testing.T) {
	names := TemplateFuncs(library())
	for _, want := range []string{"strings_to_upper", "convert_to_int", "math_sqrt", "encoding_base64_encode", "regexp_match", "net_cidr_to_ip", "datetime_print", "golang_strings_join", "golang_math_sqrt"} {
		if !slices.Contains(names, want) {
			t.Errorf("templates cannot call %s", want)
		}
	}
	for _, not := range []string{"math_fortytwo", "math_mod", "datetime_now", "net_macs", "encoding_decode_json", "fmt_printf", "golang_template"} {
		if slices.Contains(names, not) {
			t.Errorf("templates can call %s", not)
		}
	}
}

func TestTitle(t *testing.T) {
	for in, want := range map[string]string{"name": "Name", "raw_query": "Raw_query", "a1b": "A1b", "foo-bar baz": "Foo-Bar Baz", "élan": "Élan", "": ""} {
		if got := title(in); got != want {
			t.Errorf("title(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSigs(t *testing.T) {
	fs := Funcs(nil)
	if len(fs) != 1 || fs[0].Name != "golang.template" || fs[0].Sig != "" || fs[0].Pure {
		t.Fatalf("Funcs() = %+v, want the impure golang.template with an empty Sig", fs)
	}
}

// utcHost is a machine in UTC with nothing to read.
type utcHost struct{}

func (utcHost) ReadFile(path string) ([]byte, error) { return nil, errNotFound }
func (utcHost) Stat(string) (bool, bool, error)      { return false, false, nil }
func (utcHost) Hostname() (string, error)            { return "test", nil }
func (utcHost) Exec([]string) ([]byte, error)        { return nil, errNotFound }
func (utcHost) Environ() []string                    { return []string{"TZ=UTC"} }

// errNotFound is utcHost's only error.
var errNotFound = &hostabi.ABIError{Code: hostabi.CodeNotFound, Message: "not found"}
