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
		in, err := c.get(b)
		if err != nil {
			t.Fatal(err)
		}
		return in
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
