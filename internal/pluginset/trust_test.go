package pluginset

import (
	"context"
	"crypto/sha256"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/trust"
)

// flagModule is a small WAT plugin (kind flag).
func flagModule(t *testing.T) (string, [32]byte) {
	t.Helper()
	path := filepath.Join("..", "..", "plugins", "wasmres", "testdata", "flag.wasm")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, sha256.Sum256(b)
}

// calls is a wasmhost.Observer that counts calls by module.
type calls struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *calls) ObserveCall(module, _ string, _ time.Duration, _ error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[module]++
}

func (c *calls) ObserveRestart(string) {}

func (c *calls) count(module string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.n[module]
}

// Installed plugins are checked against their signatures at load: under
// RequireSignature only a valid signature by a trusted key passes, from
// the store's trusted-keys file or the one Options name.
func TestLoadChecksSignatures(t *testing.T) {
	kinds, _ := modules(t)
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	warmKinds(t, home, kinds)
	module, sum := flagModule(t)
	priv, pub, err := trust.GenerateKey("test")
	if err != nil {
		t.Fatal(err)
	}
	strangerPriv, _, _ := trust.GenerateKey("")

	load := func(st *store.Store, o Options) error {
		o.Hostname, o.StoreDir = "h", st.Dir()
		reg, closeHosts, err := Load(context.Background(), o)
		if err == nil {
			defer closeHosts()
			if reg.Source("flag") != "plugin flag" {
				t.Errorf("the flag kind comes from %q", reg.Source("flag"))
			}
		}
		return err
	}
	newStore := func(sig *trust.Signature) *store.Store {
		st, err := store.Open(filepath.Join(t.TempDir(), "store"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.InstallSigned(module, "flag", nil, sig); err != nil {
			t.Fatal(err)
		}
		return st
	}

	// Without RequireSignature an unsigned plugin loads; the observer is
	// told of the calls of every plugin module (at least the ABI
	// version and describe).
	unsigned := newStore(nil)
	obs := &calls{n: map[string]int{}}
	if err := load(unsigned, Options{Observer: obs}); err != nil {
		t.Errorf("an unsigned plugin without RequireSignature: %v", err)
	}
	for _, m := range []string{firstparty.Name, firstparty.FileName, "flag"} {
		if obs.count(m) == 0 {
			t.Errorf("no call of %s observed: %v", m, obs.n)
		}
	}
	if err := load(unsigned, Options{RequireSignature: true}); !errors.Is(err, trust.ErrUnsigned) {
		t.Errorf("an unsigned plugin under RequireSignature: %v", err)
	}

	signed := newStore(priv.Sign(sum))
	if err := load(signed, Options{RequireSignature: true}); !errors.Is(err, trust.ErrUntrusted) {
		t.Errorf("a signed plugin whose key is not trusted: %v", err)
	}
	if _, err := trust.AddToFile(trust.DefaultKeysFile(signed.Dir()), pub); err != nil {
		t.Fatal(err)
	}
	if err := load(signed, Options{RequireSignature: true}); err != nil {
		t.Errorf("a plugin signed by a key in the store's trusted keys: %v", err)
	}
	elsewhere := filepath.Join(t.TempDir(), "keys")
	if err := load(signed, Options{RequireSignature: true, TrustedKeys: elsewhere}); !errors.Is(err, trust.ErrUntrusted) {
		t.Errorf("with another trusted-keys file that lacks the key: %v", err)
	}

	stranger := newStore(strangerPriv.Sign(sum))
	trust.AddToFile(trust.DefaultKeysFile(stranger.Dir()), pub)
	if err := load(stranger, Options{}); err != nil {
		t.Errorf("a plugin signed by an unknown key, signature not required: %v", err)
	}

	// Replacing the module and its sum in the lock file passes the sum
	// check but not the signature, required or not.
	forged := newStore(priv.Sign(sum))
	trust.AddToFile(trust.DefaultKeysFile(forged.Dir()), pub)
	other, err := os.ReadFile(filepath.Join("..", "..", "plugins", "wasmhost", "testdata", "guest.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(forged.Dir(), "flag.wasm"), other, 0o644); err != nil {
		t.Fatal(err)
	}
	rewriteSum(t, forged, "flag", sha256.Sum256(other))
	for _, require := range []bool{false, true} {
		if err := load(forged, Options{RequireSignature: require}); !errors.Is(err, trust.ErrBadSignature) {
			t.Errorf("a replaced module with a forged sum (require %v): %v", require, err)
		}
	}
}
