package registry

import (
	"context"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
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
