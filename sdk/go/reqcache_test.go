package mgmt

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// TestRequestCache checks that the same request bytes decode once, that
// the oldest entry goes first when the cache is full, and that a request
// that does not decode is not kept.
func TestRequestCache(t *testing.T) {
	c := &requestCache{max: 2}
	enc := func(name string) []byte {
		b, err := (&hostabi.CheckRequest{ResourceSpec: hostabi.ResourceSpec{Kind: "fake", Name: name}}).MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	get := func(b []byte) *hostabi.CheckRequest {
		t.Helper()
		e, err := c.get(b)
		if err != nil {
			t.Fatal(err)
		}
		return e.req
	}
	a1 := get(enc("a"))
	if a1.Name != "a" {
		t.Fatalf("decoded name %q", a1.Name)
	}
	if get(enc("a")) != a1 {
		t.Fatal("the same bytes were decoded again")
	}
	get(enc("b"))
	get(enc("c")) // evicts a, the oldest
	if get(enc("a")) == a1 {
		t.Fatal("a was kept past the cache's size")
	}
	if _, err := c.get([]byte{0xff}); err == nil {
		t.Fatal("a malformed request decoded")
	}
	if len(c.byKey) != 2 {
		t.Fatalf("%d entries, want 2", len(c.byKey))
	}
}

// kept is a Reusable resource of the test kind "kept".
type kept struct{ s string }

func (*kept) Validate() error                           { return nil }
func (*kept) Watch() []hostabi.WatchSpec                { return nil }
func (k *kept) CheckApply(*Context, bool) (bool, error) { return k.s == "ok", nil }
func (*kept) Reusable()                                 {}

// TestReusableBuiltOnce checks that check and apply calls of the same
// request build a Reusable resource once and other resources every call,
// and that another request gets a resource of its own.
func TestReusableBuiltOnce(t *testing.T) {
	setup(t)
	builds := map[string]int{}
	Register(hostabi.KindInfo{Kind: "kept", Params: []hostabi.ParamInfo{{Name: "s", Type: hostabi.TypeStr}, {Name: "n", Type: hostabi.TypeInt}}},
		func(name string, p Params) (Resource, error) {
			builds[p.Str("s")]++
			return &kept{s: p.Str("s")}, nil
		})
	for _, tc := range []struct {
		kind, s string
		want    int
	}{
		{"kept", "ok", 1},
		{"kept", "bad", 1},
	} {
		for _, verb := range []string{"check", "apply", "check"} {
			var resp hostabi.CheckResponse
			roundTrip(t, verb, &hostabi.CheckRequest{ResourceSpec: spec(tc.kind, tc.s, 1)}, &resp)
			if resp.Error != nil || resp.CheckOK != (tc.s == "ok") {
				t.Fatalf("%s %s[%s]: %+v", verb, tc.kind, tc.s, resp)
			}
		}
		if builds[tc.s] != tc.want {
			t.Errorf("%s with s=%s built %d times over three calls, want %d", tc.kind, tc.s, builds[tc.s], tc.want)
		}
	}
	// fake is not Reusable: every call builds it.
	fakeBuilds := 0
	resetRegistry()
	Register(hostabi.KindInfo{Kind: "fake", Params: []hostabi.ParamInfo{{Name: "s", Type: hostabi.TypeStr}, {Name: "n", Type: hostabi.TypeInt}}},
		func(name string, p Params) (Resource, error) {
			fakeBuilds++
			return &fake{s: p.Str("s"), n: p.Int("n")}, nil
		})
	for range 3 {
		var resp hostabi.CheckResponse
		roundTrip(t, "check", &hostabi.CheckRequest{ResourceSpec: spec("fake", "ok", 1)}, &resp)
	}
	if fakeBuilds != 3 {
		t.Errorf("a resource that is not Reusable was built %d times over three calls, want 3", fakeBuilds)
	}
}

// TestPreparedSpecServesTheCheck checks that a check after prepare of the
// same spec neither builds a Reusable resource again nor decodes the spec
// again (it is the prepared one), and that it still reads its own fields.
func TestPreparedSpecServesTheCheck(t *testing.T) {
	setup(t)
	builds := 0
	Register(hostabi.KindInfo{Kind: "kept", Params: []hostabi.ParamInfo{{Name: "s", Type: hostabi.TypeStr}, {Name: "n", Type: hostabi.TypeInt}}},
		func(name string, p Params) (Resource, error) {
			builds++
			return &kept{s: p.Str("s")}, nil
		})
	sp := spec("kept", "ok", 1)
	var pr hostabi.PrepareResponse
	roundTrip(t, "prepare", &hostabi.PrepareRequest{ResourceSpec: sp}, &pr)
	if pr.Error != nil || builds != 1 {
		t.Fatalf("prepare: %+v, %d builds", pr, builds)
	}
	req := &hostabi.CheckRequest{ResourceSpec: sp, Refresh: true}
	b, err := req.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	var resp hostabi.CheckResponse
	if err := resp.UnmarshalBinary(Handle("check", b)); err != nil || resp.Error != nil || !resp.CheckOK {
		t.Fatalf("check: %+v (%v)", resp, err)
	}
	if builds != 1 {
		t.Errorf("the check built the prepared resource again (%d builds)", builds)
	}
	e, err := checkRequests.get(b)
	if err != nil {
		t.Fatal(err)
	}
	key, _ := hostabi.SpecKey(b)
	spec, _, ok := lastPrepared.get(key)
	if !ok || e.req.ResourceSpec.Params != spec.Params || !e.req.Refresh {
		t.Errorf("the check's request does not share the prepared spec's params, or lost its refresh: %+v", e.req)
	}
}
