package trust

import (
	"bytes"
	"crypto/sha256"
	"testing"
)

// seeds adds a valid file and a few broken ones.
func seeds(f *testing.F, valid []byte) {
	f.Add(valid)
	f.Add([]byte{})
	f.Add(valid[:len(valid)/2])
	f.Add(append(bytes.Clone(valid), valid...))
	f.Add(bytes.ReplaceAll(valid, []byte("\n"), []byte("\r\n")))
}

func testKey(f *testing.F) *PrivateKey {
	priv, _, err := GenerateKey("fuzz")
	if err != nil {
		f.Fatal(err)
	}
	return priv
}

// A signature file that parses formats back to the same bytes' meaning.
func FuzzParseSignature(f *testing.F) {
	text, _ := testKey(f).Sign(sha256.Sum256([]byte("x"))).MarshalText()
	seeds(f, text)
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ParseSignature(b)
		if err != nil {
			return
		}
		out, _ := s.MarshalText()
		s2, err := ParseSignature(out)
		if err != nil {
			t.Fatalf("a formatted signature does not parse: %v\n%q", err, out)
		}
		if s2.KeyID != s.KeyID || s2.SHA256 != s.SHA256 || !bytes.Equal(s2.Sig, s.Sig) {
			t.Fatalf("round trip changed %+v to %+v", s, s2)
		}
	})
}

func FuzzParsePublicKey(f *testing.F) {
	seeds(f, []byte(testKey(f).Public().String()+" a comment\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParsePublicKey(b)
		if err != nil {
			return
		}
		k2, err := ParsePublicKey([]byte(k.String()))
		if err != nil || !k2.Key.Equal(k.Key) || k2.Comment != k.Comment {
			t.Fatalf("round trip of %q: %+v, %v", b, k2, err)
		}
	})
}

func FuzzParsePrivateKey(f *testing.F) {
	text, _ := testKey(f).MarshalText()
	seeds(f, text)
	f.Fuzz(func(t *testing.T, b []byte) {
		k, err := ParsePrivateKey(b)
		if err != nil {
			return
		}
		out, _ := k.MarshalText()
		k2, err := ParsePrivateKey(out)
		if err != nil || !k2.Public().Key.Equal(k.Public().Key) {
			t.Fatalf("round trip of %q: %v", b, err)
		}
	})
}

func FuzzParseKeyRing(f *testing.F) {
	k := testKey(f).Public()
	seeds(f, []byte("# trusted\n"+k.String()+"\n\n"+k.String()+" again\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := ParseKeyRing(b)
		if err != nil {
			return
		}
		var out bytes.Buffer
		for _, k := range r.Keys() {
			out.WriteString(k.String() + "\n")
		}
		r2, err := ParseKeyRing(out.Bytes())
		if err != nil || len(r2.Keys()) != len(r.Keys()) {
			t.Fatalf("round trip of %q: %v", b, err)
		}
		for _, k := range r.Keys() {
			if _, ok := r2.Lookup(k.ID()); !ok {
				t.Fatalf("key %s lost in the round trip", k.ID())
			}
		}
	})
}
