package wasmres

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/internal/testwasm"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// A Go plugin built with sdk/go runs on the real host imports: the engine
// converges it, its writes inside its grant land, and a write outside is
// denied as an error of that resource while the rest of the graph runs.
func TestGoPluginOnTheRealHost(t *testing.T) {
	wasm := testwasm.BuildGo(t, filepath.Join("..", "..", "examples", "plugins", "go-hello"))
	b, err := os.ReadFile(wasm)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	h, err := wasmhost.New(ctx, wasmhost.Config{CacheDir: filepath.Join(t.TempDir(), "cache")}, hostfuncs.Define(hostfuncs.Env{Hostname: "node-1"}))
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(ctx)
	m, err := h.Load(ctx, "go-hello", b)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	ok, outside := filepath.Join(dir, "granted"), filepath.Join(dir, "other")
	os.MkdirAll(ok, 0o755)
	os.MkdirAll(outside, 0o755)
	granted, err := hostabi.ParseCapabilities([]string{"fs.read:" + ok, "fs.write:" + ok})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(ctx, m, nil, granted)
	if err != nil {
		t.Fatal(err)
	}
	g := &runtime.Graph{}
	for _, name := range []string{"in", "out"} {
		path := filepath.Join(ok, "greeting")
		if name == "out" {
			path = filepath.Join(outside, "greeting")
		}
		r, err := p.New("hello", name, map[string]hostabi.Value{"msg": hostabi.StrValue("hi"), "path": hostabi.StrValue(path)})
		if err != nil {
			t.Fatal(err)
		}
		g.Add(&runtime.Node{Res: r, Meta: runtime.DefaultMeta()})
	}
	e := runtime.New(runtime.Config{ConvergerTimeout: 0})
	defer e.Close()
	if err := e.Commit(g); err != nil {
		t.Fatal(err)
	}
	select {
	case <-e.Converged():
	case <-time.After(60 * time.Second):
		t.Fatal("never converged")
	}
	if got, err := os.ReadFile(filepath.Join(ok, "greeting")); err != nil || string(got) != "hi" {
		t.Errorf("the granted write: %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(outside, "greeting")); !os.IsNotExist(err) {
		t.Errorf("the write outside the grant happened (%v)", err)
	}
	failures := e.Failures()
	if err := failures["hello[out]"]; err == nil || !strings.Contains(err.Error(), "denied") {
		t.Errorf("hello[out]: %v, want a denied error", err)
	}
	if len(failures) != 1 {
		t.Errorf("failures %v, want only hello[out]", failures)
	}
}
