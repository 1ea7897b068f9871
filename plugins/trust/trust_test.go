package trust

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func newKey(t *testing.T, comment string) (*PrivateKey, PublicKey) {
	t.Helper()
	priv, pub, err := GenerateKey(comment)
	if err != nil {
		t.Fatal(err)
	}
	return priv, pub
}

func TestKeyFilesRoundTrip(t *testing.T) {
	priv, pub := newKey(t, "release key")
	text, err := priv.MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ParsePrivateKey(text)
	if err != nil {
		t.Fatal(err)
	}
	if !back.Public().Key.Equal(pub.Key) {
		t.Error("a private key read back has another public key")
	}
	pub2, err := ParsePublicKey([]byte(pub.String() + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	if !pub2.Key.Equal(pub.Key) || pub2.Comment != "release key" || pub2.ID() != pub.ID() {
		t.Errorf("public key read back: %+v, want %+v", pub2, pub)
	}
	if len(pub.ID()) != 16 {
		t.Errorf("key id %q", pub.ID())
	}
}

func TestSignVerify(t *testing.T) {
	priv, pub := newKey(t, "")
	_, other := newKey(t, "")
	sum := sha256.Sum256([]byte("a module"))
	otherSum := sha256.Sum256([]byte("another module"))
	sig := priv.Sign(sum)
	if err := sig.Verify(pub.Key, sum); err != nil {
		t.Fatalf("a fresh signature: %v", err)
	}
	flipped := *sig
	flipped.Sig = bytes.Clone(sig.Sig)
	flipped.Sig[5] ^= 1
	forged := *sig
	forged.SHA256 = strings.Repeat("0", 64)
	for _, c := range []struct {
		name string
		sig  *Signature
		key  PublicKey
		sum  [32]byte
	}{
		{"another module", sig, pub, otherSum},
		{"another key", sig, other, sum},
		{"a flipped bit", &flipped, pub, sum},
		{"a sum line changed", &forged, pub, sum},
	} {
		if err := c.sig.Verify(c.key.Key, c.sum); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s: %v, want ErrBadSignature", c.name, err)
		}
	}
	// The message carries the domain: a bare signature of the sum is no
	// signature of the module.
	if bytes.Equal(message(sum), sum[:]) || !bytes.HasPrefix(message(sum), []byte(Domain)) {
		t.Error("the signed message lacks the domain prefix")
	}
}

func TestSignatureFileRoundTrip(t *testing.T) {
	priv, pub := newKey(t, "")
	sum := sha256.Sum256([]byte("m"))
	text, err := priv.Sign(sum).MarshalText()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(text), "mgmt-signature v1\nkey "+pub.ID()+"\nsha256 ") {
		t.Errorf("signature file:\n%s", text)
	}
	sig, err := ParseSignature(text)
	if err != nil {
		t.Fatal(err)
	}
	if err := sig.Verify(pub.Key, sum); err != nil {
		t.Errorf("a signature read back: %v", err)
	}
}

func TestParsersRefuse(t *testing.T) {
	priv, pub := newKey(t, "")
	sigText, _ := priv.Sign(sha256.Sum256(nil)).MarshalText()
	privText, _ := priv.MarshalText()
	lines := strings.Split(strings.TrimSpace(string(sigText)), "\n")
	for _, c := range []struct {
		name  string
		parse func([]byte) error
		in    string
	}{
		{"empty signature", sigErr, ""},
		{"wrong header", sigErr, strings.Replace(string(sigText), "v1", "v2", 1)},
		{"missing line", sigErr, strings.Join(lines[:3], "\n")},
		{"extra line", sigErr, string(sigText) + "x\n"},
		{"upper-case key id", sigErr, strings.Replace(string(sigText), lines[1], strings.ToUpper(lines[1][:4])+lines[1][4:], 1)},
		{"short sum", sigErr, strings.Replace(string(sigText), lines[2], "sha256 abcd", 1)},
		{"short signature", sigErr, strings.Replace(string(sigText), lines[3], "ed25519 AAAA", 1)},
		{"bad base64", sigErr, strings.Replace(string(sigText), lines[3], "ed25519 !!!!", 1)},
		{"lines swapped", sigErr, strings.Join([]string{lines[0], lines[2], lines[1], lines[3]}, "\n")},
		{"public key as private", privErr, pub.String()},
		{"private key with a comment", privErr, strings.TrimSpace(string(privText)) + " me"},
		{"two private keys", privErr, string(privText) + string(privText)},
		{"private key as public", pubErr, string(privText)},
		{"short public key", pubErr, "mgmt-ed25519-pub AAAA"},
		{"public key without key", pubErr, "mgmt-ed25519-pub"},
		{"keyring with a bad line", ringErr, pub.String() + "\nnot a key\n"},
	} {
		if err := c.parse([]byte(c.in)); !errors.Is(err, ErrFormat) {
			t.Errorf("%s: %v, want ErrFormat", c.name, err)
		}
	}
}

func sigErr(b []byte) error  { _, err := ParseSignature(b); return err }
func privErr(b []byte) error { _, err := ParsePrivateKey(b); return err }
func pubErr(b []byte) error  { _, err := ParsePublicKey(b); return err }
func ringErr(b []byte) error { _, err := ParseKeyRing(b); return err }

func TestKeyRingFile(t *testing.T) {
	_, a := newKey(t, "a")
	_, b := newKey(t, "b")
	path := filepath.Join(t.TempDir(), "sub", KeysFile)
	r, err := LoadKeyRing(path)
	if err != nil || len(r.Keys()) != 0 {
		t.Fatalf("an absent file: %v, %v", r, err)
	}
	for i, k := range []PublicKey{a, b, a} {
		added, err := AddToFile(path, k)
		if err != nil {
			t.Fatal(err)
		}
		if added != (i < 2) {
			t.Errorf("add #%d reported %v", i, added)
		}
	}
	// Comments and blank lines written by hand are kept apart.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("\n# a comment\n   \n")
	f.Close()
	r, err = LoadKeyRing(path)
	if err != nil {
		t.Fatal(err)
	}
	keys := r.Keys()
	if len(keys) != 2 || keys[0].ID() != a.ID() || keys[1].ID() != b.ID() {
		t.Fatalf("keys %v", keys)
	}
	if k, ok := r.Lookup(b.ID()); !ok || k.Comment != "b" {
		t.Errorf("lookup of b: %v %v", k, ok)
	}
}

func TestPolicy(t *testing.T) {
	trustedPriv, trusted := newKey(t, "")
	strangerPriv, _ := newKey(t, "")
	ring, err := ParseKeyRing([]byte(trusted.String() + "\n"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("module"))
	good := trustedPriv.Sign(sum)
	stale := trustedPriv.Sign(sha256.Sum256([]byte("older module")))
	stranger := strangerPriv.Sign(sum)
	for _, c := range []struct {
		name    string
		sig     *Signature
		require bool
		verdict Verdict
		err     error
	}{
		{"unsigned", nil, false, Unsigned, nil},
		{"unsigned, required", nil, true, Unsigned, ErrUnsigned},
		{"trusted", good, false, Trusted, nil},
		{"trusted, required", good, true, Trusted, nil},
		{"stranger", stranger, false, Unverified, nil},
		{"stranger, required", stranger, true, Unverified, ErrUntrusted},
		{"trusted key, other module", stale, false, Unverified, ErrBadSignature},
		{"trusted key, other module, required", stale, true, Unverified, ErrBadSignature},
	} {
		v, err := Policy{Keys: ring, Require: c.require}.Check(sum, c.sig)
		if v != c.verdict || !errors.Is(err, c.err) || (c.err == nil) != (err == nil) {
			t.Errorf("%s: %v, %v; want %v, %v", c.name, v, err, c.verdict, c.err)
		}
	}
	if _, err := (Policy{Require: true}).Check(sum, good); !errors.Is(err, ErrUntrusted) {
		t.Errorf("no key ring, required: %v", err)
	}
}
