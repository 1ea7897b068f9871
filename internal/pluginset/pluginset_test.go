package pluginset

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// modules returns the embedded kinds' modules and the library module.
func modules(t testing.TB) (kinds []firstparty.KindModule, lib []byte) {
	t.Helper()
	kinds, err := firstparty.KindModules()
	if err == nil {
		lib, err = firstparty.LibModule()
	}
	if err != nil {
		t.Fatalf("%v (run make first)", err)
	}
	return kinds, lib
}

// warmKinds puts every kinds' module, compiled, into the trusted cache of
// home (see warm).
func warmKinds(t testing.TB, home string, kinds []firstparty.KindModule) {
	t.Helper()
	for _, m := range kinds {
		warm(t, home, m.Name, m.Wasm)
	}
}

// trustedCache is the trusted compilation cache Load uses under
// XDG_CACHE_HOME=home.
func trustedCache(home string) string {
	return firstparty.HostConfig(filepath.Join(home, "mgmt", "wasm")).CacheDir
}

// warm puts a module, compiled, into the trusted cache of home, waiting
// for the compiler, so that Load takes it from the cache (and no
// compilation runs on after the test, which the race detector makes
// slow). Each module is compiled once per test binary and its cache
// copied.
func warm(t testing.TB, home, name string, wasm []byte) {
	t.Helper()
	warmMu.Lock()
	defer warmMu.Unlock()
	shared, ok := warmed[name]
	if !ok {
		shared = filepath.Join(warmRoot, name)
		cfg := firstparty.HostConfig(filepath.Join(shared, "mgmt", "wasm"))
		cfg.QuickStart = -1
		h, err := wasmhost.New(context.Background(), cfg, hostfuncs.Define(hostfuncs.Env{}))
		if err != nil {
			t.Fatal(err)
		}
		_, err = h.Load(context.Background(), name, wasm)
		h.Close(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		warmed[name] = shared
	}
	if err := os.CopyFS(trustedCache(home), os.DirFS(trustedCache(shared))); err != nil && !errors.Is(err, fs.ErrExist) {
		t.Fatal(err)
	}
}

// The caches warm compiled, by module name, under warmRoot.
var (
	warmMu   sync.Mutex
	warmed   = map[string]string{}
	warmRoot string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "pluginset-warm-")
	if err != nil {
		panic(err)
	}
	warmRoot = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// compiled reports whether the host compiled wasm into cacheDir (the
// marker wasmhost keeps per module it compiled there).
func compiled(cacheDir string, wasm []byte) bool {
	sum := sha256.Sum256(wasm)
	_, err := os.Stat(filepath.Join(cacheDir, "mgmt-compiled", hex.EncodeToString(sum[:])))
	return err == nil
}

// The registry holds the functions of the first-party library and of an
// installed one; the library's module is not started until a function
// is called; an installed plugin's function runs with its recorded
// grants only.
func TestLoadFuncs(t *testing.T) {
	kinds, lib := modules(t)
	home := t.TempDir()
	t.Setenv("XDG_CACHE_HOME", home)
	warmKinds(t, home, kinds)

	// Loaded and closed without a call, the library is listed but its
	// module never compiled; the kinds' module was.
	reg, closeHosts, err := Load(context.Background(), Options{Hostname: "h", StoreDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	if _, source, ok := reg.Func("internal.echo"); !ok || source != LibSource {
		t.Errorf("internal.echo comes from %q (%v), want %q", source, ok, LibSource)
	}
	closeHosts()
	cache := trustedCache(home)
	for _, m := range kinds {
		if !compiled(cache, m.Wasm) {
			t.Errorf("the kinds' module %s is not compiled", m.Name)
		}
	}
	if compiled(cache, lib) {
		t.Error("without a call, the library's module was compiled")
	}

	warm(t, home, firstparty.LibName, lib)
	wasm := testwasm.BuildGo(t, filepath.Join("..", "..", "plugins", "wasmres", "testdata", "traitplugin"))
	granted := t.TempDir()
	st, err := store.Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Install(wasm, "traits", []string{"fs.read:" + granted}); err != nil {
		t.Fatal(err)
	}
	reg, closeHosts, err = Load(context.Background(), Options{Hostname: "h", StoreDir: st.Dir()})
	if err != nil {
		t.Fatal(err)
	}
	defer closeHosts()
	funcs := reg.Funcs()
	for _, want := range []string{"internal.echo", "trait.read", "trait.echo"} {
		if !slices.Contains(funcs, want) {
			t.Errorf("no function %s in %v", want, funcs)
		}
	}
	if _, source, _ := reg.Func("trait.read"); source != "plugin traits" {
		t.Errorf("trait.read comes from %q", source)
	}
	if source := reg.Source("file"); source != CoreSource {
		t.Errorf("the file kind comes from %q, want %q", source, CoreSource)
	}
	echo := hostabi.NewFunc(hostabi.TypeInt, hostabi.Field{Name: "x", Type: hostabi.TypeInt})
	if v, _, err := reg.Call(context.Background(), "internal.echo", echo, []hostabi.Value{hostabi.IntValue(7)}); err != nil || !v.Equal(hostabi.IntValue(7)) {
		t.Errorf("internal.echo(7): %v, %v", v, err)
	}
	host := hostabi.NewFunc(hostabi.TypeStr)
	if v, _, err := reg.Call(context.Background(), "internal.hostname", host, nil); err != nil || !v.Equal(hostabi.StrValue("h")) {
		t.Errorf("internal.hostname(): %v, %v; want the hostname of the options", v, err)
	}
	inside, outside := filepath.Join(granted, "f"), filepath.Join(t.TempDir(), "f")
	for _, f := range []string{inside, outside} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := hostabi.NewFunc(hostabi.TypeStr, hostabi.Field{Name: "path", Type: hostabi.TypeStr})
	if v, _, err := reg.Call(context.Background(), "trait.read", read, []hostabi.Value{hostabi.StrValue(inside)}); err != nil || !v.Equal(hostabi.StrValue("x")) {
		t.Errorf("granted read: %v, %v", v, err)
	}
	if _, _, err := reg.Call(context.Background(), "trait.read", read, []hostabi.Value{hostabi.StrValue(outside)}); !errors.Is(err, hostabi.ErrDenied) {
		t.Errorf("read outside the grants: %v, want denied", err)
	}
}
