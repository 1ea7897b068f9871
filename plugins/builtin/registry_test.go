package builtin

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

func TestRegistryKinds(t *testing.T) {
	reg := New(nil)
	if got, want := reg.Kinds(), []string{"file", "noop", "print"}; !slices.Equal(got, want) {
		t.Fatalf("Kinds = %v, want %v", got, want)
	}
	for _, k := range reg.Kinds() {
		info, ok := reg.Lookup(k)
		if !ok || info.Kind != k {
			t.Fatalf("Lookup(%s) = %v, %v", k, info, ok)
		}
		for _, p := range info.Params {
			if p.Type == nil || p.Default != nil && !p.Default.Type().Equal(p.Type) {
				t.Fatalf("%s.%s: bad type or default", k, p.Name)
			}
		}
	}
	if _, ok := reg.Lookup("nope"); ok {
		t.Fatal("Lookup of an unknown kind succeeded")
	}
	info, _ := reg.Lookup("file")
	if p := info.Param("content"); p == nil || !p.Type.Equal(hostabi.TypeStr) {
		t.Fatalf("file.content = %+v", p)
	}
	want := hostabi.Traits{AutoEdge: true, Recv: true, Reverse: true}
	if info.Traits != want {
		t.Fatalf("file traits %+v, want %+v", info.Traits, want)
	}
}

func TestRegistryNewErrors(t *testing.T) {
	reg := New(nil)
	tests := []struct {
		name    string
		kind    string
		params  map[string]hostabi.Value
		wantIs  error
		wantMsg string
	}{
		{"unknown kind", "nope", nil, ErrUnknownKind, "nope[x]"},
		{"unknown param", "print", map[string]hostabi.Value{"message": sv("hi")}, ErrUnknownParam, `print[x]: unknown param "message"`},
		{"wrong type", "print", map[string]hostabi.Value{"msg": hostabi.IntValue(3)}, hostabi.ErrType, "param msg"},
		{"wrong type bool", "file", map[string]hostabi.Value{"force": sv("yes")}, hostabi.ErrType, "want bool, got str"},
		{"list for str", "noop", map[string]hostabi.Value{"comment": &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)}}, hostabi.ErrType, "[]str"},
		{"nil value", "noop", map[string]hostabi.Value{"comment": nil}, hostabi.ErrType, "noop[x]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := reg.New(tc.kind, "x", tc.params)
			if res != nil || !errors.Is(err, tc.wantIs) || !strings.Contains(err.Error(), tc.wantMsg) {
				t.Fatalf("New = %v, %v; want %v containing %q", res, err, tc.wantIs, tc.wantMsg)
			}
		})
	}
}

func TestEqual(t *testing.T) {
	reg := New(nil)
	mk := func(kind, name string, params map[string]hostabi.Value) hostabi.Resource {
		res, err := reg.New(kind, name, params)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	p := func(kv ...any) map[string]hostabi.Value {
		m := make(map[string]hostabi.Value)
		for i := 0; i < len(kv); i += 2 {
			m[kv[i].(string)] = kv[i+1].(hostabi.Value)
		}
		return m
	}
	tests := []struct {
		name string
		a, b hostabi.Resource
		want bool
	}{
		{"same file", mk("file", "/x", p("content", sv("a"), "mode", sv("0644"))), mk("file", "/x", p("mode", sv("0644"), "content", sv("a"))), true},
		{"file content differs", mk("file", "/x", p("content", sv("a"))), mk("file", "/x", p("content", sv("b"))), false},
		{"file content set vs unset", mk("file", "/x", p("content", sv(""))), mk("file", "/x", nil), false},
		{"file name differs", mk("file", "/x", nil), mk("file", "/y", nil), false},
		{"file force differs", mk("file", "/x", p("force", bv(true))), mk("file", "/x", p("force", bv(false))), false},
		{"same print", mk("print", "p", p("msg", sv("hi"))), mk("print", "p", p("msg", sv("hi"))), true},
		{"print refresh_only differs", mk("print", "p", p("msg", sv("hi"))), mk("print", "p", p("msg", sv("hi"), "refresh_only", bv(true))), false},
		{"same noop", mk("noop", "n", p("comment", sv("c"))), mk("noop", "n", p("comment", sv("c"))), true},
		{"noop comment differs", mk("noop", "n", p("comment", sv("c"))), mk("noop", "n", p("comment", sv("d"))), false},
		{"kinds differ", mk("noop", "n", nil), mk("print", "n", nil), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.a.Equal(tc.b); got != tc.want {
				t.Fatalf("a.Equal(b) = %v, want %v", got, tc.want)
			}
			if got := tc.b.Equal(tc.a); got != tc.want {
				t.Fatalf("b.Equal(a) = %v, want %v", got, tc.want)
			}
			if !tc.a.Equal(tc.a) {
				t.Fatal("not equal to itself")
			}
		})
	}
}

func TestNewCopiesParams(t *testing.T) {
	reg := New(nil)
	params := map[string]hostabi.Value{"msg": sv("a")}
	a, _ := reg.New("print", "p", params)
	b, _ := reg.New("print", "p", map[string]hostabi.Value{"msg": sv("a")})
	params["msg"] = sv("changed")
	if !a.Equal(b) {
		t.Fatal("the resource shares the caller's params map")
	}
}
