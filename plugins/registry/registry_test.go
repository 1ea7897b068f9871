package registry

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
)

type fakeSource struct{ kinds []string }

func (f fakeSource) Kinds() []string { return f.kinds }
func (f fakeSource) Lookup(kind string) (*hostabi.KindInfo, bool) {
	for _, k := range f.kinds {
		if k == kind {
			return &hostabi.KindInfo{Kind: kind}, true
		}
	}
	return nil, false
}
func (f fakeSource) New(kind, name string, _ map[string]hostabi.Value) (hostabi.Resource, error) {
	return fakeRes{kind, name}, nil
}

type fakeRes struct{ kind, name string }

func (r fakeRes) Kind() string                                 { return r.kind }
func (r fakeRes) Name() string                                 { return r.name }
func (fakeRes) Validate() error                                { return nil }
func (fakeRes) Watch(context.Context, hostabi.Events) error    { return nil }
func (fakeRes) CheckApply(context.Context, bool) (bool, error) { return true, nil }
func (fakeRes) Close() error                                   { return nil }
func (r fakeRes) Equal(o hostabi.Resource) bool                { return o == hostabi.Resource(r) }

func TestRegistry(t *testing.T) {
	r := New()
	if err := r.Add("builtin", fakeSource{[]string{"file", "print"}}); err != nil {
		t.Fatal(err)
	}
	if err := r.Add("thing.wasm", fakeSource{[]string{"thing", "print"}}); err == nil || !strings.Contains(err.Error(), `"print" is provided by both builtin and thing.wasm`) {
		t.Fatalf("a clash: %v", err)
	}
	if _, ok := r.Lookup("thing"); ok {
		t.Error("a refused source's other kinds were added")
	}
	if err := r.Add("hello.wasm", fakeSource{[]string{"hello"}}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(r.Kinds(), ","); got != "file,hello,print" {
		t.Errorf("kinds %q", got)
	}
	if res, err := r.New("hello", "x", nil); err != nil || res.Kind() != "hello" || r.Source("hello") != "hello.wasm" {
		t.Errorf("New(hello) = %v, %v", res, err)
	}
	if _, err := r.New("nope", "x", nil); err == nil {
		t.Error("New of an unknown kind worked")
	}
}

// fakeFuncs is a source of kinds and functions; each function returns its
// source's name and the number of arguments, and asks for one watch.
type fakeFuncs struct {
	fakeSource
	name  string
	funcs []string
}

func (f fakeFuncs) Funcs() []hostabi.FuncInfo {
	var out []hostabi.FuncInfo
	for _, n := range f.funcs {
		out = append(out, hostabi.FuncInfo{Name: n, Type: hostabi.NewFunc(hostabi.TypeStr)})
	}
	return out
}

func (f fakeFuncs) Call(_ context.Context, name string, _ *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	return hostabi.StrValue(fmt.Sprintf("%s:%s/%d", f.name, name, len(args))), []hostabi.WatchSpec{{Kind: hostabi.WatchInterval, IntervalMS: 5}}, nil
}

func TestRegistryFuncs(t *testing.T) {
	r := New()
	steps := []struct {
		source string
		s      Source
		err    string // "" when Add must work
	}{
		{"builtin", fakeSource{[]string{"file"}}, ""},
		{"core", fakeFuncs{fakeSource{[]string{"print"}}, "core", []string{"strings.to_upper", "fmt.printf"}}, ""},
		{"plugin a", fakeFuncs{fakeSource{[]string{"a"}}, "a", []string{"a.f", "fmt.printf"}}, `function "fmt.printf" is provided by both core and plugin a`},
		{"plugin b", fakeFuncs{fakeSource{[]string{"b"}}, "b", []string{"b.f", "b.f"}}, `function "b.f" is provided twice by plugin b`},
		{"plugin c", fakeFuncs{fakeSource{[]string{"print"}}, "c", []string{"c.f"}}, `kind "print" is provided by both core and plugin c`},
		{"plugin d", fakeFuncs{fakeSource{[]string{"d"}}, "d", []string{"d.f"}}, ""},
	}
	for _, st := range steps {
		err := r.Add(st.source, st.s)
		if st.err == "" && err != nil || st.err != "" && (err == nil || !strings.Contains(err.Error(), st.err)) {
			t.Fatalf("Add(%s) = %v, want %q", st.source, err, st.err)
		}
	}
	// Nothing of a refused source is added: neither its kinds nor its
	// other functions.
	if got, want := strings.Join(r.Funcs(), ","), "d.f,fmt.printf,strings.to_upper"; got != want {
		t.Errorf("functions %q, want %q", got, want)
	}
	if got, want := strings.Join(r.Kinds(), ","), "d,file,print"; got != want {
		t.Errorf("kinds %q, want %q", got, want)
	}
	if info, source, ok := r.Func("fmt.printf"); !ok || source != "core" || info.Name != "fmt.printf" {
		t.Errorf("Func(fmt.printf) = %+v, %q, %v", info, source, ok)
	}
	var c builtin.Caller = r
	tests := []struct {
		name string
		want string
	}{
		{"fmt.printf", "core:fmt.printf/1"},
		{"d.f", "d:d.f/1"},
	}
	for _, tt := range tests {
		v, watches, err := c.Call(context.Background(), tt.name, nil, []hostabi.Value{hostabi.IntValue(1)})
		if err != nil || !v.Equal(hostabi.StrValue(tt.want)) || len(watches) != 1 {
			t.Errorf("Call(%s) = %v, %v, %v; want %s", tt.name, v, watches, err, tt.want)
		}
	}
	for _, name := range []string{"a.f", "b.f", "nope"} {
		if _, _, err := c.Call(context.Background(), name, nil, nil); !errors.Is(err, builtin.ErrNoFunc) || !strings.Contains(err.Error(), name) {
			t.Errorf("Call(%s) = %v, want an error wrapping ErrNoFunc", name, err)
		}
	}
}
