package lazylib

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/libmod/libinfo"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// cacheDir is the compilation cache of the package's tests: the module
// is compiled once (by the first test), then taken from the cache.
var cacheDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "mgmt-lazylib-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	cacheDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// testConfig is the trusted first-party host on the tests' cache. It
// waits for the compiler rather than starting on the interpreter, so
// that no compilation outlives the test that began it.
func testConfig() wasmhost.Config {
	cfg := firstparty.HostConfig(cacheDir)
	cfg.QuickStart = -1
	return cfg
}

// libModule returns the embedded library module, failing when make did
// not build it.
func libModule(tb testing.TB) []byte {
	tb.Helper()
	b, err := firstparty.LibModule()
	if errors.Is(err, firstparty.ErrNotBuilt) {
		tb.Fatal("plugins/firstparty/dist/lib.wasm is missing: run the tests with make test (or make wasm first)")
	}
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// imports are the real host imports, with the hostname node-e2e.
func imports() wasmhost.Import {
	return hostfuncs.Define(hostfuncs.Env{Hostname: "node-e2e"})
}

// newLib makes a library on a host of cfg, closed when the test ends.
func newLib(tb testing.TB, cfg wasmhost.Config, wasm func() ([]byte, error)) *Library {
	tb.Helper()
	l, err := newLibrary(cfg, []wasmhost.Import{imports()}, wasm)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { l.Close(context.Background()) })
	return l
}

// sig parses a signature.
func sig(tb testing.TB, s string) *hostabi.Type {
	tb.Helper()
	typ, err := hostabi.ParseType(s)
	if err != nil {
		tb.Fatal(err)
	}
	return typ
}

// The native list is what the built module describes, function by
// function: names, signatures (with the placeholder), purity.
func TestNativeMatchesModule(t *testing.T) {
	libModule(t)
	l := newLib(t, testConfig(), firstparty.LibModule)
	p, err := l.start(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	native, err := libinfo.Infos()
	if err != nil {
		t.Fatal(err)
	}
	if diff := libinfo.Diff(native, p.Funcs()); len(diff) > 0 {
		t.Fatalf("the native library and dist/lib.wasm differ (run make):\n%s", strings.Join(diff, "\n"))
	}
	if len(native) != len(p.Funcs()) {
		t.Errorf("%d functions natively, %d described", len(native), len(p.Funcs()))
	}
	desc := p.Description()
	if len(desc.Kinds) != 0 {
		t.Errorf("the library module describes kinds: %v", desc.Kinds)
	}
	if desc.Name != firstparty.LibName {
		t.Errorf("the library module calls itself %q, want %q", desc.Name, firstparty.LibName)
	}
	for _, f := range native {
		if f.Name == "internal.join" && f.Type.String() != "func() ?1" {
			t.Errorf("internal.join (no Sig) is described as %s", f.Type)
		}
	}
}

// The library's functions run end to end, started by the first call:
// registry.Call, the call verb of the module on the trusted host, the
// SDK, lib.Call, and the library's Host on the real host imports and the
// process environment. The functions are lib/testfuncs' (in the package
// "internal"), so that the test does not depend on the library packages.
func TestCallLibrary(t *testing.T) {
	t.Setenv("MGMT_FIRSTPARTY_E2E", "from the process")
	l := newLib(t, testConfig(), firstparty.LibModule)
	libModule(t)
	reg := registry.New()
	if err := reg.Add("the library", l); err != nil {
		t.Fatal(err)
	}
	if names := reg.Funcs(); !slices.Contains(names, "internal.echo") || !slices.IsSorted(names) {
		t.Fatalf("registry functions %v", names)
	}
	if info, source, ok := reg.Func("internal.join"); !ok || source != "the library" || info.Type.String() != "func() ?1" {
		t.Errorf("internal.join: %+v from %q", info, source)
	}
	if l.Started() {
		t.Fatal("listing the functions started the module")
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := func(v string) hostabi.Value { return hostabi.StrValue(v) }
	strs := hostabi.NewList(hostabi.TypeStr)
	echoHi := &hostabi.ListValue{T: strs, Items: []hostabi.Value{s("echo"), s("hi")}}
	tests := []struct {
		fn      string
		sig     string
		args    []hostabi.Value
		want    hostabi.Value
		err     error
		watches []hostabi.WatchSpec
	}{
		{"internal.nope", "func() str", nil, nil, builtin.ErrNoFunc, nil}, // before the first call: starts nothing
		{"internal.echo", "func(x int) int", []hostabi.Value{hostabi.IntValue(5)}, hostabi.IntValue(5), nil, nil},
		{"internal.echo", "func(x []str) []str", []hostabi.Value{echoHi}, echoHi, nil, nil},
		{"internal.readfile", "func(path str) str", []hostabi.Value{s(file)}, s("hello"), nil, []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: file}}},
		{"internal.readfile", "func(path str) str", []hostabi.Value{s(file + ".missing")}, nil, &hostabi.ABIError{Code: hostabi.CodeNotFound},
			[]hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: file + ".missing"}}},
		{"internal.stat", "func(path str) str", []hostabi.Value{s(dir)}, s("dir"), nil, nil},
		{"internal.stat", "func(path str) str", []hostabi.Value{s(file)}, s("file"), nil, nil},
		{"internal.stat", "func(path str) str", []hostabi.Value{s(file + ".missing")}, s("missing"), nil, nil},
		{"internal.hostname", "func() str", nil, s("node-e2e"), nil, nil},
		{"internal.exec", "func(argv []str) str", []hostabi.Value{echoHi}, s("hi\n"), nil, nil},
		{"internal.getenv", "func(name str) str", []hostabi.Value{s("MGMT_FIRSTPARTY_E2E")}, s("from the process"), nil, nil},
		{"internal.join", "func(a str, b int) str", []hostabi.Value{s("a"), hostabi.IntValue(1)}, s(`"a" 1`), nil, nil},
	}
	for i, tt := range tests {
		v, watches, err := reg.Call(context.Background(), tt.fn, sig(t, tt.sig), tt.args)
		switch {
		case tt.err == nil && (err != nil || !v.Equal(tt.want)):
			t.Errorf("%s%v = %v, %v; want %v", tt.fn, tt.args, v, err, tt.want)
		case tt.err != nil && !errors.Is(err, tt.err):
			t.Errorf("%s%v: error %v, want %v", tt.fn, tt.args, err, tt.err)
		}
		if !slices.Equal(watches, tt.watches) {
			t.Errorf("%s%v: watches %v, want %v", tt.fn, tt.args, watches, tt.watches)
		}
		if i == 0 && l.Started() {
			t.Error("a call of an unknown function started the module")
		}
	}
	if !l.Started() || l.loads != 1 {
		t.Errorf("after the calls: started %v, %d starts; want one", l.Started(), l.loads)
	}
	// A name the registry does not route here is refused without a start.
	if _, _, err := l.Call(context.Background(), "nope.nope", nil, nil); err == nil || !strings.Contains(err.Error(), "no function") {
		t.Errorf("unknown name: %v", err)
	}
}

// Calls that arrive together before the module runs start it once, and
// all get their values.
func TestConcurrentFirstCalls(t *testing.T) {
	libModule(t)
	var reads sync.Mutex
	nreads := 0
	l := newLib(t, testConfig(), func() ([]byte, error) {
		reads.Lock()
		nreads++
		reads.Unlock()
		return firstparty.LibModule()
	})
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			v, _, err := l.Call(context.Background(), "internal.echo", sig(t, "func(x int) int"), []hostabi.Value{hostabi.IntValue(int64(i))})
			if err == nil && !v.Equal(hostabi.IntValue(int64(i))) {
				err = errors.New("echo returned " + v.String())
			}
			errs[i] = err
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("call %d: %v", i, err)
		}
	}
	if l.loads != 1 || nreads != 1 {
		t.Errorf("%d starts and %d reads of the module for %d concurrent first calls, want 1", l.loads, nreads, n)
	}
}

// A call that gives up while the module starts returns its context's
// error; the start goes on, and the next call uses it.
func TestCallGivesUpDuringStart(t *testing.T) {
	libModule(t)
	release := make(chan struct{})
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	l := newLib(t, testConfig(), func() ([]byte, error) {
		<-release
		return firstparty.LibModule()
	})
	t.Cleanup(free) // before newLib's Close, which waits for the start
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	echo := sig(t, "func(x int) int")
	one := []hostabi.Value{hostabi.IntValue(1)}
	if _, _, err := l.Call(ctx, "internal.echo", echo, one); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a call whose deadline passes during the start: %v", err)
	}
	free()
	if v, _, err := l.Call(context.Background(), "internal.echo", echo, one); err != nil || !v.Equal(hostabi.IntValue(1)) {
		t.Fatalf("the next call: %v, %v", v, err)
	}
	if l.loads != 1 {
		t.Errorf("%d starts, want 1", l.loads)
	}
}

// A module that does not describe the native list (here wasmres's
// hand-written test plugin, which has no functions) fails to start with
// an error saying to rebuild, once: later calls get the same error
// without a new start.
func TestStaleModule(t *testing.T) {
	other := func() ([]byte, error) {
		return os.ReadFile(filepath.Join("..", "..", "..", "wasmres", "testdata", "flag.wasm"))
	}
	if _, err := other(); err != nil {
		t.Fatal(err)
	}
	l := newLib(t, testConfig(), other)
	for range 2 {
		_, _, err := l.Call(context.Background(), "internal.echo", sig(t, "func(x int) int"), []hostabi.Value{hostabi.IntValue(1)})
		if err == nil || !strings.Contains(err.Error(), "rebuild mgmt with make") || !strings.Contains(err.Error(), "not in the module") {
			t.Errorf("a call on a module without the library: %v", err)
		}
	}
	if l.loads != 1 {
		t.Errorf("%d starts, want 1", l.loads)
	}
}

// After Close, calls fail with ErrClosed and start nothing; the
// description stays readable. Close of a library never started is
// immediate.
func TestClose(t *testing.T) {
	libModule(t)
	tests := []struct {
		name       string
		callBefore bool
	}{
		{"never started", false},
		{"started", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := newLib(t, testConfig(), firstparty.LibModule)
			echo := sig(t, "func(x int) int")
			one := []hostabi.Value{hostabi.IntValue(1)}
			if tt.callBefore {
				if _, _, err := l.Call(context.Background(), "internal.echo", echo, one); err != nil {
					t.Fatal(err)
				}
			}
			if err := l.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			if _, _, err := l.Call(context.Background(), "internal.echo", echo, one); !errors.Is(err, ErrClosed) {
				t.Errorf("a call after Close: %v, want ErrClosed", err)
			}
			if l.Started() != tt.callBefore {
				t.Errorf("started %v after Close", l.Started())
			}
			if len(l.Funcs()) == 0 {
				t.Error("no functions listed after Close")
			}
		})
	}
}

// BenchmarkFirstCallCached is what the first function call of a program
// pays with a warm compilation cache: the library's host, the module
// from the cache, its first instance, describe, and the call.
func BenchmarkFirstCallCached(b *testing.B) {
	libModule(b)
	cfg := testConfig()
	echo := sig(b, "func(x int) int")
	one := []hostabi.Value{hostabi.IntValue(1)}
	call := func() {
		l, err := newLibrary(cfg, []wasmhost.Import{imports()}, firstparty.LibModule)
		if err != nil {
			b.Fatal(err)
		}
		if _, _, err := l.Call(context.Background(), "internal.echo", echo, one); err != nil {
			b.Fatal(err)
		}
		l.Close(context.Background())
	}
	call() // fills the cache
	for b.Loop() {
		call()
	}
}
