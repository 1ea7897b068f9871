package wasmres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/internal/yamlgraph"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// These tests run testdata/traitplugin (kinds "full", with every trait,
// and "bare", with none) through the real host imports and engine.

// traitHost is testdata/traitplugin, built and compiled once for all the
// tests (compiling it takes seconds, many under the race detector), in a
// host whose log goes to traitLog. TestMain closes the host.
var traitHost struct {
	once sync.Once
	h    *wasmhost.Host
	m    *wasmhost.Module
}

// traitLog receives the plugin's log lines; each test starts it afresh
// (the tests do not run in parallel).
var traitLog = &logLines{}

func TestMain(m *testing.M) {
	code := m.Run()
	if traitHost.h != nil {
		traitHost.h.Close(context.Background())
	}
	os.Exit(code)
}

// logLines is a slog handler that keeps the plugins' log messages.
type logLines struct {
	mu    sync.Mutex
	lines []string
}

func (l *logLines) Enabled(context.Context, slog.Level) bool { return true }
func (l *logLines) WithAttrs([]slog.Attr) slog.Handler       { return l }
func (l *logLines) WithGroup(string) slog.Handler            { return l }
func (l *logLines) Handle(_ context.Context, r slog.Record) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, r.Message)
	return nil
}

// reset forgets the lines logged so far.
func (l *logLines) reset() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = nil
}

// matching returns the lines that contain every one of subs, in order.
func (l *logLines) matching(subs ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, line := range l.lines {
		if !slices.ContainsFunc(subs, func(s string) bool { return !strings.Contains(line, s) }) {
			out = append(out, line)
		}
	}
	return out
}

// traitEnv is a loaded traitplugin with its log and a directory it may
// write in.
type traitEnv struct {
	p   *Plugin
	log *logLines
	dir string
}

// loadTraitPlugin loads traitplugin from the shared module with a watcher
// of its own, granted fs.read and fs.write on a fresh directory.
func loadTraitPlugin(t *testing.T) *traitEnv {
	t.Helper()
	ctx := context.Background()
	traitHost.once.Do(func() {
		b, err := os.ReadFile(testwasm.BuildGo(t, filepath.Join("testdata", "traitplugin")))
		if err != nil {
			t.Fatal(err)
		}
		h, err := wasmhost.New(ctx, wasmhost.Config{}, hostfuncs.Define(hostfuncs.Env{Hostname: "h1", Log: slog.New(traitLog)}))
		if err != nil {
			t.Fatal(err)
		}
		m, err := h.Load(ctx, "traitplugin", b)
		if err != nil {
			h.Close(ctx)
			t.Fatal(err)
		}
		traitHost.h, traitHost.m = h, m
	})
	if traitHost.m == nil {
		t.Skip("traitplugin was not built and loaded")
	}
	traitLog.reset()
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	dir := t.TempDir()
	granted, err := hostabi.ParseCapabilities([]string{"fs.read:" + dir, "fs.write:" + dir})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(ctx, traitHost.m, w, granted)
	if err != nil {
		t.Fatal(err)
	}
	return &traitEnv{p: p, log: traitLog, dir: dir}
}

// full builds a full resource writing in the env's directory.
func (env *traitEnv) full(t *testing.T, name string, params map[string]hostabi.Value) hostabi.Resource {
	t.Helper()
	all := map[string]hostabi.Value{"dir": hostabi.StrValue(env.dir)}
	for k, v := range params {
		all[k] = v
	}
	r, err := env.p.New("full", name, all)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// file returns the content of the file a full resource writes, or "<none>".
func (env *traitEnv) file(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(env.dir, name))
	if os.IsNotExist(err) {
		return "<none>"
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// run commits g to a fresh engine and waits until it converges without a
// failure. The engine is returned for further commits.
func run(t *testing.T, cfg runtime.Config, g *runtime.Graph) *runtime.Engine {
	t.Helper()
	e := runtime.New(cfg)
	t.Cleanup(func() { e.Close() })
	commit(t, e, g)
	return e
}

// commit commits g and waits for convergence without failures.
func commit(t *testing.T, e *runtime.Engine, g *runtime.Graph) {
	t.Helper()
	if err := e.Commit(g); err != nil {
		t.Fatal(err)
	}
	select {
	case <-e.Converged():
	case <-time.After(60 * time.Second):
		t.Fatal("never converged")
	}
	if f := e.Failures(); len(f) > 0 {
		t.Fatalf("failures: %v", f)
	}
}

// graphOf puts resources in a graph with the default metaparams.
func graphOf(rs ...hostabi.Resource) *runtime.Graph {
	g := &runtime.Graph{}
	for _, r := range rs {
		g.Add(&runtime.Node{Res: r, Meta: runtime.DefaultMeta()})
	}
	return g
}

// full[b] needs full[a]: the autoedges verb gives the engine the edge
// a -> b, so a is applied first although b comes first in the graph.
func TestAutoEdgesOrderResources(t *testing.T) {
	env := loadTraitPlugin(t)
	b := env.full(t, "b", map[string]hostabi.Value{"needs": hostabi.StrValue("a")})
	a := env.full(t, "a", nil)
	g := graphOf(b, a)
	p, err := runtime.Prepare(g, runtime.PrepareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Nodes) != 2 || len(p.Edges) != 1 || p.Edges[0].From != 1 || p.Edges[0].To != 0 || !p.Edges[0].Auto {
		t.Fatalf("prepared graph: %d nodes, edges %+v; want the auto edge a -> b", len(p.Nodes), p.Edges)
	}
	run(t, runtime.Config{ConvergerTimeout: 0}, g)
	applies := env.log.matching("apply ")
	if len(applies) != 2 || !strings.Contains(applies[0], "apply a ") || !strings.Contains(applies[1], "apply b ") {
		t.Errorf("applies %q, want a then b", applies)
	}
}

// An autoedges failure reads as no UIDs and no edges, and is logged
// through Init.Logf once the engine gives one.
func TestAutoEdgesFailureIsLogged(t *testing.T) {
	env := loadTraitPlugin(t)
	r := env.full(t, "x", map[string]hostabi.Value{"needs": hostabi.StrValue("fail")})
	ae := r.(hostabi.AutoEdger)
	if uids, edges := ae.UIDs(), ae.AutoEdges(); uids != nil || edges != nil {
		t.Errorf("a failed autoedges gave %v, %v", uids, edges)
	}
	var logged []string
	logf := func(format string, args ...any) { logged = append(logged, fmt.Sprintf(format, args...)) }
	if err := r.(hostabi.Initer).Init(&hostabi.Init{Logf: logf}); err != nil {
		t.Fatal(err)
	}
	if len(logged) != 1 || !strings.Contains(logged[0], "cannot depend on fail") {
		t.Errorf("logged %q, want the autoedges failure once", logged)
	}
	// Once initialized, a failure is logged at once.
	r2 := env.full(t, "y", map[string]hostabi.Value{"needs": hostabi.StrValue("fail")})
	if err := r2.(hostabi.Initer).Init(&hostabi.Init{Logf: logf}); err != nil {
		t.Fatal(err)
	}
	r2.(hostabi.AutoEdger).UIDs()
	if len(logged) != 2 {
		t.Errorf("logged %q, want a second failure", logged)
	}
}

// Received params change the autoedges: the cached answer is dropped.
func TestRecvRefreshesAutoEdges(t *testing.T) {
	env := loadTraitPlugin(t)
	r := env.full(t, "b", map[string]hostabi.Value{"needs": hostabi.StrValue("a")})
	want := func(key string) [][]hostabi.UID { return [][]hostabi.UID{{{Kind: "full", Key: key}}} }
	if got := r.(hostabi.AutoEdger).AutoEdges(); !slices.EqualFunc(got, want("a"), slices.Equal) {
		t.Fatalf("AutoEdges = %v", got)
	}
	if changed, err := r.(hostabi.Recver).Recv("needs", hostabi.StrValue("c")); !changed || err != nil {
		t.Fatalf("Recv = %v, %v", changed, err)
	}
	if got := r.(hostabi.AutoEdger).AutoEdges(); !slices.EqualFunc(got, want("c"), slices.Equal) {
		t.Errorf("after Recv, AutoEdges = %v, want %v", got, want("c"))
	}
}

// Two unrelated full resources are grouped: one CheckApply, whose guest
// sees the other in Context.Group, serves both.
func TestGroupingMergesIntoOneCheckApply(t *testing.T) {
	env := loadTraitPlugin(t)
	a := env.full(t, "a", map[string]hostabi.Value{"content": hostabi.StrValue("A")})
	b := env.full(t, "b", map[string]hostabi.Value{"content": hostabi.StrValue("B")})
	e := run(t, runtime.Config{ConvergerTimeout: 0}, graphOf(b, a))
	if got := env.log.matching("apply "); len(got) != 1 || !strings.Contains(got[0], "apply a group=b ") {
		t.Errorf("applies %q, want one: a with b in its group", got)
	}
	if n := e.Stats().CheckApply.Load(); n != 1 {
		t.Errorf("%d CheckApply calls, want 1", n)
	}
	if env.file(t, "a") != "A" || env.file(t, "b") != "B" {
		t.Errorf("files a %q, b %q; want A, B", env.file(t, "a"), env.file(t, "b"))
	}
}

// The engine watches only a group's parent, so the parent's Watch sets up
// the children's watches too, and Close ends them.
func TestGroupParentWatchesItsChildren(t *testing.T) {
	env := loadTraitPlugin(t)
	watch := map[string]hostabi.Value{"watch": hostabi.BoolValue(true)}
	a, b := env.full(t, "a", watch), env.full(t, "b", watch)
	a.(hostabi.Groupable).SetGroup([]hostabi.Resource{b})
	ev := events{ch: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := a.Watch(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(env.dir, "b"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ev.ch:
	case <-time.After(30 * time.Second):
		t.Fatal("writing the child's file did not reach the parent's watch")
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	base := a.(wasm).base()
	base.mu.Lock()
	left := len(base.cancels)
	base.mu.Unlock()
	if left != 0 {
		t.Errorf("%d watches left after Close", left)
	}
}

// The yaml front end wires full[src].out to full[dst].content: the
// engine moves the value, and dst writes it and sees its content set.
func TestSendRecvMovesAValue(t *testing.T) {
	env := loadTraitPlugin(t)
	src := "graph: t\nresources:\n  full:\n  - {name: src, dir: " + env.dir + ", content: moved}\n  - {name: dst, dir: " + env.dir + "}\n" +
		"edges:\n- from: {kind: full, name: src, send: out}\n  to: {kind: full, name: dst, recv: content}\n"
	g, err := yamlgraph.Parse("t.yaml", []byte(src), env.p)
	if err != nil {
		t.Fatal(err)
	}
	run(t, runtime.Config{ConvergerTimeout: 0}, g)
	if got := env.file(t, "dst"); got != "moved" {
		t.Errorf("dst wrote %q, want the value src sent", got)
	}
	dst := g.Nodes[g.Find("full", "dst")].Res.(hostabi.Sender)
	if got := dst.Sends(); !got["out"].Equal(hostabi.StrValue("moved")) || !got["content_set"].Equal(hostabi.BoolValue(true)) {
		t.Errorf("dst sends %v, want out moved and content_set true", got)
	}
}

// A kind without the recv trait is refused as a recv target by the
// engine's graph check (which the yaml front end runs too), while a kind
// with it is accepted.
func TestNonRecvKindIsRefused(t *testing.T) {
	env := loadTraitPlugin(t)
	for _, tt := range []struct {
		kind    string
		wantErr string
	}{
		{"bare", "bare[x]: cannot receive values (param content)"},
		{"full", ""},
	} {
		target, err := env.p.New(tt.kind, "x", nil)
		if err != nil {
			t.Fatal(err)
		}
		g := graphOf(env.full(t, "src", nil), target)
		g.AddEdge(0, 1, false)
		g.Nodes[1].Recv = map[string]runtime.SendRef{"content": {From: 0, Key: "out"}}
		if err := g.Check(); (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: Check = %v, want %q", tt.kind, err, tt.wantErr)
		}
	}
	src := "graph: t\nresources:\n  full:\n  - {name: src, dir: " + env.dir + "}\n  bare:\n  - {name: x}\n" +
		"edges:\n- from: {kind: full, name: src, send: out}\n  to: {kind: bare, name: x, recv: content}\n"
	if _, err := yamlgraph.Parse("t.yaml", []byte(src), env.p); err == nil || !strings.Contains(err.Error(), "bare[x]: cannot receive values (param content)") {
		t.Errorf("yamlgraph.Parse = %v, want bare[x] refused as a receiver", err)
	}
	bare, err := env.p.New("bare", "y", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range traitChecks {
		if c.has(bare) {
			t.Errorf("a bare resource is a %s", c.name)
		}
	}
}

// A change in full[a] notifies full[b], whose guest sees the refresh.
func TestRefreshReachesTheGuest(t *testing.T) {
	env := loadTraitPlugin(t)
	g := graphOf(env.full(t, "a", nil), env.full(t, "b", nil))
	g.AddEdge(0, 1, true)
	run(t, runtime.Config{ConvergerTimeout: 0}, g)
	if got := env.log.matching("apply b ", "refresh=true"); len(got) != 1 {
		t.Errorf("b's applies with a refresh: %q (all: %q)", got, env.log.matching("apply "))
	}
	if got := env.log.matching("apply a ", "refresh=true"); len(got) != 0 {
		t.Errorf("a saw a refresh: %q", got)
	}
}

// Removing a resource with Meta:reverse runs the reverse verb's resource,
// which empties the file; every param of the reversal is set.
func TestReverseUndoes(t *testing.T) {
	env := loadTraitPlugin(t)
	r := env.full(t, "r", map[string]hostabi.Value{"content": hostabi.StrValue("hello")})
	g := graphOf(r)
	g.Nodes[0].Meta.Reverse = true
	e := run(t, runtime.Config{ConvergerTimeout: 0}, g)
	if got := env.file(t, "r"); got != "hello" {
		t.Fatalf("r wrote %q", got)
	}
	commit(t, e, &runtime.Graph{})
	if got := env.file(t, "r"); got != "" {
		t.Errorf("after the removal the file holds %q, want it emptied", got)
	}
	rev, err := r.(hostabi.Reversible).Reversed()
	if err != nil {
		t.Fatal(err)
	}
	spec := rev.(wasm).base().snapshot()
	content, _ := spec.Params.Field("content")
	dir, _ := spec.Params.Field("dir")
	if rev.Kind() != "full" || rev.Name() != "r" || spec.Unset != nil || !content.Equal(hostabi.StrValue("")) || !dir.Equal(hostabi.StrValue(env.dir)) {
		t.Errorf("reversal %s[%s] params %v unset %v", rev.Kind(), rev.Name(), spec.Params, spec.Unset)
	}
	if _, ok := rev.(hostabi.Recver); !ok {
		t.Error("the reversal lost its kind's traits")
	}
}

// A param set to its zero value is set; one left out holds its default
// and is not.
func TestIsSetThroughTheEngine(t *testing.T) {
	env := loadTraitPlugin(t)
	zero := env.full(t, "zero", map[string]hostabi.Value{"content": hostabi.StrValue("")})
	unset := env.full(t, "unset", nil)
	run(t, runtime.Config{ConvergerTimeout: 0, NoAutoGroup: true}, graphOf(zero, unset))
	tests := []struct {
		r        hostabi.Resource
		file     string
		wantFile string
		wantSet  bool
	}{
		{zero, "zero", "", true},
		{unset, "unset", "default", false},
	}
	for _, tt := range tests {
		if got := env.file(t, tt.file); got != tt.wantFile {
			t.Errorf("%s wrote %q, want %q", tt.file, got, tt.wantFile)
		}
		if got := tt.r.(hostabi.Sender).Sends()["content_set"]; got == nil || !got.Equal(hostabi.BoolValue(tt.wantSet)) {
			t.Errorf("%s: content_set %v, want %v", tt.file, got, tt.wantSet)
		}
	}
}

// A path watch is a read: a plugin may not watch a path outside its
// fs.read grants (ABI §10), and the refusal names the path.
func TestWatchOutsideGrantIsDenied(t *testing.T) {
	env := loadTraitPlugin(t)
	outside := t.TempDir()
	r, err := env.p.New("full", "spy", map[string]hostabi.Value{"dir": hostabi.StrValue(outside), "watch": hostabi.BoolValue(true)})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	err = r.Watch(ctx, events{ch: make(chan struct{}, 1)})
	if err == nil || !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeDenied}) || !strings.Contains(err.Error(), outside) {
		t.Fatalf("watching %s without a grant: %v, want denied naming the path", outside, err)
	}
}

// A resource's check request is encoded once and sent again while nothing
// it carries changed, and encoded anew when a received value or a refresh
// changes it: the guest sees each change on the next call.
func TestCheckRequestFollowsChanges(t *testing.T) {
	env := loadTraitPlugin(t)
	r := env.full(t, "c", map[string]hostabi.Value{"content": hostabi.StrValue("one")})
	ctx := context.Background()
	steps := []struct {
		change func()
		want   string
	}{
		{func() {}, `refresh=false content_set=true content="one"`},
		{func() {}, `refresh=false content_set=true content="one"`},
		{func() {
			if _, err := r.(hostabi.Recver).Recv("content", hostabi.StrValue("two")); err != nil {
				t.Fatal(err)
			}
		}, `refresh=false content_set=true content="two"`},
		{func() { r.(hostabi.Refreshable).SetRefresh(true) }, `refresh=true content_set=true content="two"`},
		{func() { r.(hostabi.Refreshable).SetRefresh(false) }, `refresh=false content_set=true content="two"`},
	}
	for i, s := range steps {
		s.change()
		env.log.reset()
		if _, err := r.CheckApply(ctx, false); err != nil {
			t.Fatal(err)
		}
		if got := env.log.matching("check c "); len(got) != 1 || !strings.HasSuffix(got[0], s.want) {
			t.Errorf("check %d logged %q, want a line ending in %s", i, got, s.want)
		}
	}
}
