package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/trust"
)

func TestSignedInstallAndLoad(t *testing.T) {
	priv, pub, err := trust.GenerateKey("")
	if err != nil {
		t.Fatal(err)
	}
	ring, err := trust.ParseKeyRing([]byte(pub.String()))
	if err != nil {
		t.Fatal(err)
	}
	require := trust.Policy{Keys: ring, Require: true}
	s, _ := Open(t.TempDir())
	src := writeModule(t, "signed module")
	sig := priv.Sign(sha256.Sum256([]byte("signed module")))

	// A signature of other bytes is refused at install.
	if _, err := s.InstallSigned(src, "wrong", nil, priv.Sign(sha256.Sum256([]byte("x")))); err == nil || !strings.Contains(err.Error(), "the signature is of sha256") {
		t.Errorf("a signature of another module: %v", err)
	}
	if _, err := s.InstallSigned(src, "signed", nil, sig); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Install(src, "unsigned", nil); err != nil {
		t.Fatal(err)
	}
	// The signature survives the lock file.
	_, e, v, err := s.LoadTrusted("signed", require)
	if err != nil || v != trust.Trusted || e.Signature == nil || e.Signature.KeyID != pub.ID() {
		t.Fatalf("LoadTrusted(signed) = %v, %v, %v", e, v, err)
	}
	if _, _, _, err := s.LoadTrusted("unsigned", require); !errors.Is(err, trust.ErrUnsigned) {
		t.Errorf("an unsigned plugin under require: %v", err)
	}
	if _, _, v, err := s.LoadTrusted("unsigned", trust.Policy{Keys: ring}); err != nil || v != trust.Unsigned {
		t.Errorf("an unsigned plugin without require: %v, %v", v, err)
	}
	if _, _, _, err := s.LoadTrusted("signed", trust.Policy{Require: true}); !errors.Is(err, trust.ErrUntrusted) {
		t.Errorf("a signed plugin whose key is not trusted, under require: %v", err)
	}

	// Someone who can write the store replaces the module and its sum in
	// the lock file: the sum check passes, the signature does not.
	evil := []byte("evil module")
	if err := os.WriteFile(filepath.Join(s.Dir(), "signed.wasm"), evil, 0o644); err != nil {
		t.Fatal(err)
	}
	lock := filepath.Join(s.Dir(), LockFile)
	b, _ := os.ReadFile(lock)
	var list []*Entry
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(evil)
	for _, e := range list {
		if e.Name == "signed" {
			e.SHA256 = hex.EncodeToString(sum[:])
		}
	}
	b, _ = json.Marshal(list)
	os.WriteFile(lock, b, 0o644)
	if _, _, err := s.Load("signed"); err != nil {
		t.Fatalf("the forged sum should pass the sum check: %v", err)
	}
	for _, p := range []trust.Policy{require, {Keys: ring}} {
		if _, _, _, err := s.LoadTrusted("signed", p); !errors.Is(err, trust.ErrBadSignature) {
			t.Errorf("a forged module under %+v: %v, want ErrBadSignature", p, err)
		}
	}
}
