package firstparty

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// newHost starts a plugin host whose compilation cache is cacheDir.
func newHost(tb testing.TB, cacheDir string) *wasmhost.Host {
	tb.Helper()
	h, err := wasmhost.New(context.Background(), wasmhost.Config{CacheDir: cacheDir}, hostfuncs.Define(hostfuncs.Env{Hostname: "test"}))
	if err != nil {
		tb.Fatal(err)
	}
	return h
}

// module returns the embedded module, failing when make did not build it.
func module(tb testing.TB) []byte {
	tb.Helper()
	b, err := Module()
	if errors.Is(err, ErrNotBuilt) {
		tb.Fatal("plugins/firstparty/dist/core.wasm is missing: run the tests with make test (or make wasm first)")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// The embedded module loads with the first-party grants and provides the
// kinds mgmt documents as first-party.
func TestLoadEmbedded(t *testing.T) {
	module(t)
	h := newHost(t, filepath.Join(t.TempDir(), "cache"))
	defer h.Close(context.Background())
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	p, err := Load(context.Background(), h, w)
	if err != nil {
		t.Fatal(err)
	}
	kinds := p.Kinds()
	for _, k := range []string{"file", "exec", "print", "noop", "test"} {
		if !slices.Contains(kinds, k) {
			t.Errorf("the first-party plugin has no kind %q (it has %v)", k, kinds)
		}
	}
	if got := p.Description().Name; got != Name {
		t.Errorf("the plugin calls itself %q, want %q", got, Name)
	}
	// The library is a module of its own (libmod/lazylib starts it).
	if funcs := p.Funcs(); len(funcs) != 0 {
		t.Errorf("the kinds' module describes %d functions, e.g. %s", len(funcs), funcs[0].Name)
	}
}

// Both modules are embedded, and they differ.
func TestModules(t *testing.T) {
	core := module(t)
	lib, err := LibModule()
	if err != nil {
		t.Fatalf("%v (run make first)", err)
	}
	if len(lib) == 0 || bytes.Equal(core, lib) {
		t.Errorf("the library module (%d bytes) is empty or the kinds' module", len(lib))
	}
	for _, m := range [][]byte{core, lib} {
		if !bytes.HasPrefix(m, []byte("\x00asm")) {
			t.Errorf("an embedded module is not wasm: % x", m[:min(len(m), 8)])
		}
	}
}

// BenchmarkLoadCold loads the embedded module on a host with an empty
// compilation cache: what a first start pays.
func BenchmarkLoadCold(b *testing.B) {
	wasm := module(b)
	for b.Loop() {
		h := newHost(b, filepath.Join(b.TempDir(), "cache"))
		if _, err := h.Load(context.Background(), Name, wasm); err != nil {
			b.Fatal(err)
		}
		h.Close(context.Background())
	}
	b.ReportMetric(float64(len(wasm))/(1<<20), "MiB-module")
}

// BenchmarkLoadCached loads it from a warm compilation cache, then makes
// the first instance and calls describe: what a second start pays.
func BenchmarkLoadCached(b *testing.B) {
	cache := filepath.Join(b.TempDir(), "cache")
	h := newHost(b, cache)
	if _, err := h.Load(context.Background(), Name, module(b)); err != nil {
		b.Fatal(err)
	}
	h.Close(context.Background())
	for b.Loop() {
		h := newHost(b, cache)
		if _, err := Load(context.Background(), h, nil); err != nil {
			b.Fatal(err)
		}
		h.Close(context.Background())
	}
}
