package wasmres

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// loadFlag loads testdata/flag.wasm (kind "flag", param msg str).
func loadFlag(t *testing.T) *Plugin {
	t.Helper()
	ctx := context.Background()
	h, err := wasmhost.New(ctx, wasmhost.Config{PoolSize: 1}, hostfuncs.Define(hostfuncs.Env{Hostname: "h1"}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(ctx) })
	b, err := os.ReadFile(filepath.Join("testdata", "flag.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.Load(ctx, "flag", b)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(ctx, m, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

type events struct{ ch chan struct{} }

func (e events) Event() {
	select {
	case e.ch <- struct{}{}:
	default:
	}
}
func (e events) Fail(error) {}

func TestPluginDescribesAndRuns(t *testing.T) {
	p := loadFlag(t)
	if got := strings.Join(p.Kinds(), ","); got != "flag" {
		t.Fatalf("kinds %q", got)
	}
	k, ok := p.Lookup("flag")
	if !ok || len(k.Params) != 1 || k.Params[0].Name != "msg" || !k.Params[0].Type.Equal(hostabi.TypeStr) {
		t.Fatalf("Lookup(flag) = %+v", k)
	}
	if _, err := p.New("flag", "x", map[string]hostabi.Value{"mgs": hostabi.StrValue("hi")}); err == nil || !strings.Contains(err.Error(), `no param "mgs"`) {
		t.Errorf("unknown param: %v", err)
	}
	if _, err := p.New("flag", "x", map[string]hostabi.Value{"msg": hostabi.IntValue(1)}); err == nil {
		t.Error("a wrongly typed param was accepted")
	}
	r, err := p.New("flag", "x", map[string]hostabi.Value{"msg": hostabi.StrValue("hi")})
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ev := events{ch: make(chan struct{}, 1)}
	if err := r.Watch(ctx, ev); err != nil {
		t.Fatal(err)
	}
	select { // the guest asked for a 50 ms interval; the host owns the timer
	case <-ev.ch:
	case <-time.After(5 * time.Second):
		t.Fatal("the interval watch never fired")
	}
	steps := []struct {
		apply bool
		want  bool
	}{{false, false}, {true, false}, {false, true}, {true, true}}
	for i, s := range steps {
		ok, err := r.CheckApply(context.Background(), s.apply)
		if err != nil || ok != s.want {
			t.Fatalf("step %d CheckApply(%v) = %v, %v; want %v", i, s.apply, ok, err, s.want)
		}
	}
	same, _ := p.New("flag", "x", map[string]hostabi.Value{"msg": hostabi.StrValue("hi")})
	other, _ := p.New("flag", "x", map[string]hostabi.Value{"msg": hostabi.StrValue("ho")})
	if !r.Equal(same) || r.Equal(other) {
		t.Error("Equal does not follow the params")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

// The engine drives a wasm resource like any other: it converges after one
// apply, and swapping in an equal graph keeps it.
func TestEngineRunsAWasmResource(t *testing.T) {
	p := loadFlag(t)
	graph := func() *runtime.Graph {
		r, err := p.New("flag", "x", map[string]hostabi.Value{"msg": hostabi.StrValue("hi")})
		if err != nil {
			t.Fatal(err)
		}
		g := &runtime.Graph{}
		g.Add(&runtime.Node{Res: r, Meta: runtime.DefaultMeta()})
		return g
	}
	e := runtime.New(runtime.Config{ConvergerTimeout: 0})
	defer e.Close()
	if err := e.Commit(graph()); err != nil {
		t.Fatal(err)
	}
	select {
	case <-e.Converged():
	case <-time.After(10 * time.Second):
		t.Fatal("never converged")
	}
	if a := e.Stats().Applied.Load(); a != 1 {
		t.Fatalf("%d applies, want 1", a)
	}
	if err := e.Commit(graph()); err != nil {
		t.Fatal(err)
	}
	if a := e.Stats().Applied.Load(); a != 1 || len(e.Failures()) != 0 {
		t.Errorf("after an equal swap: %d applies, failures %v", a, e.Failures())
	}
}

func TestLoadRefusesModulesThatAreNotPlugins(t *testing.T) {
	ctx := context.Background()
	h, err := wasmhost.New(ctx, wasmhost.Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(ctx)
	b, err := os.ReadFile(filepath.Join("..", "wasmhost", "testdata", "guest.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.Load(ctx, "guest", b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, m, nil, nil); err == nil || !strings.Contains(err.Error(), "mgmt_abi_version") {
		t.Fatalf("Load of a module without the ABI exports: %v", err)
	}
}
