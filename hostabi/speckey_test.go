package hostabi

import (
	"bytes"
	"testing"
)

func mustMarshal(t testing.TB, m interface{ MarshalBinary() ([]byte, error) }) []byte {
	t.Helper()
	b, err := m.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestSpecKey checks that the requests of one spec have one key, whatever
// else they carry, and that specs differing in a param, the name or the
// unset names have different keys.
func TestSpecKey(t *testing.T) {
	spec := ResourceSpec{Kind: "file", Name: "/etc/motd", Params: fileParams(t, "hello\n"), Unset: []string{"force", "mode"}}
	key := func(m interface{ MarshalBinary() ([]byte, error) }) string {
		t.Helper()
		k, err := SpecKey(mustMarshal(t, m))
		if err != nil {
			t.Fatal(err)
		}
		return string(k)
	}
	want := key(&spec)
	for _, m := range []interface{ MarshalBinary() ([]byte, error) }{
		&PrepareRequest{ResourceSpec: spec, AutoEdges: true, Watch: true},
		&CheckRequest{ResourceSpec: spec},
		&CheckRequest{ResourceSpec: spec, Refresh: true, Debug: true, VarDir: "/var/lib/x", Group: []ResourceSpec{{Kind: "file", Name: "/a"}}},
	} {
		if got := key(m); got != want {
			t.Errorf("%T: key % x, want the spec's % x", m, got, want)
		}
	}
	other := func(change func(*ResourceSpec)) ResourceSpec {
		s := spec
		change(&s)
		return s
	}
	for name, s := range map[string]ResourceSpec{
		"content": other(func(s *ResourceSpec) { s.Params = fileParams(t, "bye\n") }),
		"name":    other(func(s *ResourceSpec) { s.Name = "/etc/issue" }),
		"unset":   other(func(s *ResourceSpec) { s.Unset = []string{"force"} }),
	} {
		if key(&CheckRequest{ResourceSpec: s}) == want {
			t.Errorf("a spec with another %s has the same key", name)
		}
	}
	if _, err := SpecKey(hexBytes(t, "0a 05 61")); err == nil {
		t.Error("a truncated field gave a key")
	}
}

// TestUnmarshalBinaryWithSpec checks that decoding a check request with
// its spec given decodes the rest as a full decoding does, and still
// rejects a malformed rest.
func TestUnmarshalBinaryWithSpec(t *testing.T) {
	spec := ResourceSpec{Kind: "file", Name: "/etc/motd", Params: fileParams(t, "hello\n"), Unset: []string{"mode"}}
	for _, req := range []*CheckRequest{
		{ResourceSpec: spec},
		{ResourceSpec: spec, Refresh: true, Debug: true, VarDir: "/var/lib/x", Group: []ResourceSpec{{Kind: "file", Name: "/a"}}},
	} {
		b := mustMarshal(t, req)
		var full, quick CheckRequest
		if err := full.UnmarshalBinary(b); err != nil {
			t.Fatal(err)
		}
		if err := quick.UnmarshalBinaryWithSpec(b, &full.ResourceSpec); err != nil {
			t.Fatal(err)
		}
		if show(&quick) != show(&full) {
			t.Errorf("with the spec given: %s\nfully decoded: %s", show(&quick), show(&full))
		}
	}
	// Refresh true written as 2: malformed in either decoding.
	bad := append(mustMarshal(t, &CheckRequest{ResourceSpec: ResourceSpec{Kind: "k", Name: "n"}}), 0x20, 0x02)
	var m CheckRequest
	if err := m.UnmarshalBinaryWithSpec(bad, &spec); err == nil {
		t.Error("a malformed refresh decoded with the spec given")
	}
}

// FuzzSpecKey checks SpecKey on any input: it fails only with a decode
// error, and for every check request that decodes, decoding it again with
// its spec given yields the same request, and its key is the key of its
// spec alone.
func FuzzSpecKey(f *testing.F) {
	for _, m := range sampleMessages(f) {
		if c, ok := m.(*CheckRequest); ok {
			f.Add(mustMarshal(f, c))
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		key, err := SpecKey(data)
		if err != nil && !decodeErrorOK(err) {
			t.Fatalf("unclassified error: %v", err)
		}
		var full CheckRequest
		if full.UnmarshalBinary(data) != nil {
			return
		}
		if err != nil {
			t.Fatalf("a check request that decodes has no key: %v", err)
		}
		if specKey, err := SpecKey(mustMarshal(t, &full.ResourceSpec)); err != nil || !bytes.Equal(specKey, key) {
			t.Fatalf("key % x, the spec's alone % x (%v)", key, specKey, err)
		}
		var quick CheckRequest
		if err := quick.UnmarshalBinaryWithSpec(data, &full.ResourceSpec); err != nil || show(&quick) != show(&full) {
			t.Fatalf("with the spec given: %s (%v), fully: %s", show(&quick), err, show(&full))
		}
	})
}
