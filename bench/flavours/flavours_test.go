// Package flavours measures what each kind of plugin costs per call and
// to start: a trivial check (a noop kind that answers "state is right")
// through a direct Go call (plugins/builtin), a native wasm module
// (core.wasm's noop on the sandboxed host), an Extism module (the
// Extism-Go example's extism_noop) and a process plugin (the proc-inotify
// example's proc_noop over go-plugin's gRPC); and the first start (empty
// compilation cache) against the cached start. Figures in
// docs/benchmarks.md.
package flavours

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/plugins/builtin"
	"github.com/mgmt-wasm/mgmt/plugins/extismres"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/procplugin"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

const root = "../.."

// coreWasm is the first-party module (make wasm).
func coreWasm(b *testing.B) []byte {
	w, err := os.ReadFile(filepath.Join(root, "plugins", "firstparty", "dist", "core.wasm"))
	if err != nil {
		b.Skip("core.wasm is not built (make wasm)")
	}
	return w
}

// extismWasm is the Extism-Go example, as make built it or built here.
func extismWasm(b *testing.B) []byte {
	dir := filepath.Join(root, "examples", "plugins", "extism-go")
	path := filepath.Join(dir, "extism-go.wasm")
	if _, err := os.Stat(path); err != nil {
		path = testwasm.BuildGo(b, dir)
	}
	w, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	return w
}

// procBinary is the proc-inotify example and its sum.
func procBinary(b *testing.B) (string, string) {
	path := filepath.Join(root, "examples", "plugins", "proc-inotify", "proc-inotify")
	if _, err := os.Stat(path); err != nil {
		path = filepath.Join(b.TempDir(), "proc-inotify")
		if out, err := exec.Command("go", "build", "-o", path, filepath.Join(root, "examples", "plugins", "proc-inotify")).CombinedOutput(); err != nil {
			b.Fatalf("%v\n%s", err, out)
		}
	}
	bin, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	sum := sha256.Sum256(bin)
	return path, hex.EncodeToString(sum[:])
}

// checkLoop calls the check verb of r b.N times.
func checkLoop(b *testing.B, r hostabi.Resource) {
	ctx := context.Background()
	if _, err := r.CheckApply(ctx, false); err != nil { // first instance
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := r.CheckApply(ctx, false); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// nativeWasm loads core.wasm on a sandboxed host with a cache in dir.
func nativeWasm(b *testing.B, w []byte, dir string) (*wasmres.Plugin, func()) {
	ctx := context.Background()
	h, err := wasmhost.New(ctx, wasmhost.Config{CacheDir: dir, QuickStart: -1}, hostfuncs.Define(hostfuncs.Env{}))
	if err != nil {
		b.Fatal(err)
	}
	m, err := h.Load(ctx, "core", w)
	if err != nil {
		b.Fatal(err)
	}
	p, err := wasmres.Load(ctx, m, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return p, func() { h.Close(ctx) }
}

// extism loads the Extism example with a cache in dir.
func extism(b *testing.B, w []byte, dir string) (*wasmres.Plugin, func()) {
	ctx := context.Background()
	m, err := extismres.Load(ctx, "extism-go", w, extismres.Config{CacheDir: dir}, nil)
	if err != nil {
		b.Fatal(err)
	}
	p, err := wasmres.Load(ctx, m, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return p, func() { m.Close(ctx) }
}

// proc starts the process example.
func proc(b *testing.B, path, sum string) (*wasmres.Plugin, func()) {
	ctx := context.Background()
	m, err := procplugin.Start(ctx, procplugin.Config{Name: "proc-inotify", Path: path, SHA256: sum})
	if err != nil {
		b.Fatal(err)
	}
	p, err := wasmres.Load(ctx, m, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	return p, func() { m.Close() }
}

func newRes(b *testing.B, s interface {
	New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error)
}, kind string) hostabi.Resource {
	r, err := s.New(kind, "n", nil)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

// BenchmarkNoopCheck is one trivial check per flavour.
func BenchmarkNoopCheck(b *testing.B) {
	b.Run("direct-go", func(b *testing.B) {
		checkLoop(b, newRes(b, builtin.New(nil), "noop"))
	})
	b.Run("native-wasm", func(b *testing.B) {
		p, done := nativeWasm(b, coreWasm(b), b.TempDir())
		defer done()
		checkLoop(b, newRes(b, p, "noop"))
	})
	b.Run("extism", func(b *testing.B) {
		p, done := extism(b, extismWasm(b), b.TempDir())
		defer done()
		checkLoop(b, newRes(b, p, "extism_noop"))
	})
	b.Run("process", func(b *testing.B) {
		path, sum := procBinary(b)
		p, done := proc(b, path, sum)
		defer done()
		checkLoop(b, newRes(b, p, "proc_noop"))
	})
}

// BenchmarkStart is a plugin's start to its first check answered: with an
// empty compilation cache (first) and with the cache the first start
// filled (cached). A process plugin has no cache: each start runs the
// executable (checking its sum) and connects.
func BenchmarkStart(b *testing.B) {
	type loader func(b *testing.B, dir string) (*wasmres.Plugin, func())
	flavours := []struct {
		name, kind string
		load       func(b *testing.B) loader
	}{
		{"native-wasm", "noop", func(b *testing.B) loader {
			w := coreWasm(b)
			return func(b *testing.B, dir string) (*wasmres.Plugin, func()) { return nativeWasm(b, w, dir) }
		}},
		{"extism", "extism_noop", func(b *testing.B) loader {
			w := extismWasm(b)
			return func(b *testing.B, dir string) (*wasmres.Plugin, func()) { return extism(b, w, dir) }
		}},
	}
	start := func(b *testing.B, load loader, kind, dir string) {
		p, done := load(b, dir)
		if _, err := newRes(b, p, kind).CheckApply(context.Background(), false); err != nil {
			b.Fatal(err)
		}
		done()
	}
	for _, f := range flavours {
		b.Run(f.name+"/first", func(b *testing.B) {
			load := f.load(b)
			for b.Loop() {
				start(b, load, f.kind, b.TempDir())
			}
		})
		b.Run(f.name+"/cached", func(b *testing.B) {
			load := f.load(b)
			dir := b.TempDir()
			start(b, load, f.kind, dir) // fills the cache
			for b.Loop() {
				start(b, load, f.kind, dir)
			}
		})
	}
	b.Run("process", func(b *testing.B) {
		path, sum := procBinary(b)
		for b.Loop() {
			p, done := proc(b, path, sum)
			if _, err := newRes(b, p, "proc_noop").CheckApply(context.Background(), false); err != nil {
				b.Fatal(err)
			}
			done()
		}
	})
}
