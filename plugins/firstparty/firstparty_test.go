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

// kindModules returns the embedded kinds' modules, failing when make did
// not build them.
func kindModules(tb testing.TB) []KindModule {
	tb.Helper()
	mods, err := KindModules()
	if errors.Is(err, ErrNotBuilt) {
		tb.Fatal("plugins/firstparty/dist/{core,file}.wasm are missing: run the tests with make test (or make wasm first)")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return mods
}

// The embedded kinds' modules load with the first-party grants and
// provide, between them, the kinds mgmt documents as first-party; the
// file kind, and os.readfile and os.file_exists, come from the Rust
// module.
func TestLoadEmbedded(t *testing.T) {
	kindModules(t)
	h := newHost(t, filepath.Join(t.TempDir(), "cache"))
	defer h.Close(context.Background())
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	plugins, err := Load(context.Background(), h, w)
	if err != nil {
		t.Fatal(err)
	}
	if len(plugins) != 2 {
		t.Fatalf("Load returned %d plugins, want core and file", len(plugins))
	}
	byName := map[string][]string{}
	for _, p := range plugins {
		byName[p.Description().Name] = p.Kinds()
		// The library is a module of its own (libmod/lazylib starts it),
		// but for the file functions, which the file kind's module has.
		var funcs []string
		for _, f := range p.Funcs() {
			funcs = append(funcs, f.Name)
		}
		want := []string(nil)
		if p.Description().Name == FileName {
			want = []string{"os.readfile", "os.file_exists"}
		}
		if !slices.Equal(funcs, want) {
			t.Errorf("the kinds' module %s describes the functions %v, want %v", p.Description().Name, funcs, want)
		}
	}
	for _, k := range []string{"exec", "print", "noop", "test"} {
		if !slices.Contains(byName[Name], k) {
			t.Errorf("the plugin %s has no kind %q (it has %v)", Name, k, byName[Name])
		}
	}
	if got := byName[FileName]; !slices.Equal(got, []string{"file"}) {
		t.Errorf("the plugin %s has the kinds %v, want [file]", FileName, got)
	}
	if slices.Contains(byName[Name], "file") {
		t.Errorf("the plugin %s still has the file kind", Name)
	}
}

// Every module is embedded, and they differ.
func TestModules(t *testing.T) {
	var all [][]byte
	for _, m := range kindModules(t) {
		all = append(all, m.Wasm)
	}
	lib, err := LibModule()
	if err != nil {
		t.Fatalf("%v (run make first)", err)
	}
	all = append(all, lib)
	for i, m := range all {
		if !bytes.HasPrefix(m, []byte("\x00asm")) {
			t.Errorf("an embedded module is not wasm: % x", m[:min(len(m), 8)])
		}
		for _, o := range all[:i] {
			if bytes.Equal(m, o) {
				t.Errorf("two embedded modules are the same %d bytes", len(m))
			}
		}
	}
}

// BenchmarkLoadCold loads the embedded kinds' modules on a host with an
// empty compilation cache: what a first start pays.
func BenchmarkLoadCold(b *testing.B) {
	mods := kindModules(b)
	size := 0
	for _, m := range mods {
		size += len(m.Wasm)
	}
	for b.Loop() {
		h := newHost(b, filepath.Join(b.TempDir(), "cache"))
		for _, m := range mods {
			if _, err := h.Load(context.Background(), m.Name, m.Wasm); err != nil {
				b.Fatal(err)
			}
		}
		h.Close(context.Background())
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB-modules")
}

// BenchmarkLoadCached loads them from a warm compilation cache, then makes
// the first instances and calls describe: what a second start pays.
func BenchmarkLoadCached(b *testing.B) {
	cache := filepath.Join(b.TempDir(), "cache")
	h := newHost(b, cache)
	for _, m := range kindModules(b) {
		if _, err := h.Load(context.Background(), m.Name, m.Wasm); err != nil {
			b.Fatal(err)
		}
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
