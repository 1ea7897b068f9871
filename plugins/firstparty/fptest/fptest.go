// Package fptest runs the first-party plugins in tests: it builds their
// two kinds' modules once per test binary (plugins/firstparty/core, Go,
// to core.wasm; plugins/firstparty/file/src, Rust, to file.wasm), loads
// them on a real wazero host with the real host imports and a real file
// watcher, and runs YAML graphs of their kinds through the real engine.
//
// A test package uses it from TestMain:
//
//	func TestMain(m *testing.M) { fptest.Main(m) }
//
// and then, in a test:
//
//	env := fptest.New(t)
//	eng := env.Run(t, `resources: {file: [{name: /tmp/x, content: hi}]}`)
package fptest

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/internal/yamlgraph"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	engine "github.com/mgmt-wasm/mgmt/runtime"
)

// Grants are the capabilities the first-party plugins get by default, as
// under mgmt run.
var Grants = []string{"fs.read:/", "fs.write:/", "exec:*"}

// module is one built kinds' module.
type module struct {
	name string
	wasm []byte
}

// The modules and the compilation cache are shared by the tests of one
// binary.
var (
	modules  []module
	cacheDir string
	buildErr error
)

// Main builds the first-party modules, runs the tests and removes what it
// built. Call it from TestMain.
func Main(m *testing.M) {
	code := func() int {
		dir, err := os.MkdirTemp("", "mgmt-fptest-")
		if err != nil {
			fmt.Fprintln(os.Stderr, "fptest:", err)
			return 1
		}
		defer os.RemoveAll(dir)
		cacheDir = filepath.Join(dir, "cache")
		modules, buildErr = build(dir)
		return m.Run()
	}()
	os.Exit(code)
}

// firstpartyDir is the source folder of the first-party plugins.
func firstpartyDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..")
}

// build compiles the kinds' modules into dir, both at once, and returns
// them in the order mgmt loads them (plugins/firstparty.KindModules).
func build(dir string) ([]module, error) {
	fp := firstpartyDir()
	core, file := filepath.Join(dir, "core.wasm"), filepath.Join(dir, "file.wasm")
	var coreErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		coreErr = testwasm.Build(filepath.Join(fp, "core"), core)
	}()
	fileErr := testwasm.BuildRust(filepath.Join(fp, "file", "src", "lib.rs"),
		[]string{filepath.Join(fp, "..", "..", "sdk", "rust", "mgmt.rs")}, file)
	wg.Wait()
	var out []module
	for _, b := range []struct {
		name, path string
		err        error
	}{{"core", core, coreErr}, {"file", file, fileErr}} {
		if b.err != nil {
			return nil, b.err
		}
		wasm, err := os.ReadFile(b.path)
		if err != nil {
			return nil, err
		}
		out = append(out, module{b.name, wasm})
	}
	return out, nil
}

// Env is the first-party plugins loaded on a host of their own.
type Env struct {
	// Plugin holds the kinds of every first-party module; it is the
	// runtime.Kinds of Graph.
	Plugin *registry.Registry
	// Modules are the kinds' modules; benchmarks wait for their compiled
	// code with WaitCompiled.
	Modules []*wasmhost.Module
	// Watcher is the shared file watcher their watches use.
	Watcher *hostwatch.Watcher
	// Log collects what the plugins and the engine log.
	Log *Log
	// VarDir is the root of the resources' private directories.
	VarDir string
}

// New loads the plugins with grants (Grants when none are given). It
// fails the test if Main did not run or the build failed.
func New(t testing.TB, grants ...string) *Env {
	t.Helper()
	if modules == nil && buildErr == nil {
		t.Fatal("fptest: call fptest.Main from TestMain")
	}
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	if len(grants) == 0 {
		grants = Grants
	}
	caps, err := hostabi.ParseCapabilities(grants)
	if err != nil {
		t.Fatal(err)
	}
	log := &Log{}
	logger := slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := context.Background()
	// The plugins run as under mgmt run: on a trusted host (see
	// wasmhost.Config.Trusted).
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	host, err := wasmhost.New(ctx, wasmhost.Config{CacheDir: cacheDir, Trusted: true}, hostfuncs.Define(hostfuncs.Env{Hostname: "fptest", Log: logger, Wrote: w.Wrote}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { host.Close(context.Background()) })
	env := &Env{Plugin: registry.New(), Watcher: w, Log: log, VarDir: t.TempDir()}
	for _, m := range modules {
		mod, err := host.Load(ctx, m.name, m.wasm)
		if err != nil {
			t.Fatal(err)
		}
		p, err := wasmres.Load(ctx, mod, w, caps)
		if err != nil {
			t.Fatal(err)
		}
		if err := env.Plugin.Add(m.name, p); err != nil {
			t.Fatal(err)
		}
		env.Modules = append(env.Modules, mod)
	}
	return env
}

// Wasm returns the module Main built under name ("core" or "file"), for a
// test that runs it on a host of its own. It fails the test if Main did
// not run, the build failed or there is no such module.
func Wasm(t testing.TB, name string) []byte {
	t.Helper()
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	for _, m := range modules {
		if m.name == name {
			return m.wasm
		}
	}
	t.Fatalf("fptest: no module %q (call fptest.Main from TestMain)", name)
	return nil
}

// WaitCompiled waits until every module runs compiled code: the first
// test of a binary may run on the interpreter (a cold cache).
func (e *Env) WaitCompiled(ctx context.Context) error {
	for _, m := range e.Modules {
		if err := m.WaitCompiled(ctx); err != nil {
			return err
		}
	}
	return nil
}

// Graph parses a YAML graph (upstream's format) of the plugin's kinds.
func (e *Env) Graph(t testing.TB, yaml string) (*engine.Graph, error) {
	t.Helper()
	return yamlgraph.Parse("test.yaml", []byte(yaml), e.Plugin)
}

// Start commits the YAML graph to a new engine and returns it without
// waiting; the engine is closed when the test ends. A graph that does not
// parse or commit fails the test.
func (e *Env) Start(t testing.TB, yaml string) *engine.Engine {
	t.Helper()
	g, err := e.Graph(t, yaml)
	if err != nil {
		t.Fatalf("graph: %v", err)
	}
	eng := e.engine(t)
	if err := eng.Commit(g); err != nil {
		t.Fatalf("commit: %v", err)
	}
	return eng
}

// engine returns a new engine logging to e.Log, closed when the test ends.
func (e *Env) engine(t testing.TB) *engine.Engine {
	eng := engine.New(engine.Config{
		Hostname:         "fptest",
		VarDir:           e.VarDir,
		ConvergerTimeout: 100 * time.Millisecond,
		Logger:           slog.New(slog.NewTextHandler(e.Log, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	t.Cleanup(func() { eng.Close() })
	return eng
}

// Reject parses the YAML graph and, if it parses, commits it to a new
// engine (closed when the test ends), and returns the error of either:
// bad params fail the parse or the commit (where Validate runs). It fails
// the test if the graph parses and commits.
func (e *Env) Reject(t testing.TB, yaml string) error {
	t.Helper()
	g, err := e.Graph(t, yaml)
	if err == nil {
		err = e.engine(t).Commit(g)
	}
	if err == nil {
		t.Fatal("the graph was accepted")
	}
	return err
}

// RequireError fails the test if err is nil, and marks it failed for each
// of wants that the error's text lacks.
func RequireError(t testing.TB, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one saying %q", wants)
	}
	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}

// Run is Start, then waits until the engine has converged.
func (e *Env) Run(t testing.TB, yaml string) *engine.Engine {
	t.Helper()
	eng := e.Start(t, yaml)
	WaitConverged(t, eng)
	return eng
}

// WaitConverged waits (up to a minute) until eng has converged.
func WaitConverged(t testing.TB, eng *engine.Engine) {
	t.Helper()
	select {
	case <-eng.Converged():
	case <-time.After(time.Minute):
		t.Fatalf("the engine did not converge; failures: %v", eng.Failures())
	}
}

// Eventually polls cond until it holds, failing the test with what after
// a minute. It is for waiting on the engine to react to a change made
// from outside (drift), not for measuring how fast it does.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for: %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Log is a goroutine-safe buffer of log output.
type Log struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends to the log.
func (l *Log) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

// String returns everything logged so far.
func (l *Log) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// Count returns how many logged lines contain s.
func (l *Log) Count(s string) int {
	n := 0
	for _, line := range strings.Split(l.String(), "\n") {
		if strings.Contains(line, s) {
			n++
		}
	}
	return n
}
