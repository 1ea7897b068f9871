// Package fptest runs the first-party plugin in tests: it builds
// plugins/firstparty/core to wasm once per test binary, loads it on a real
// wazero host with the real host imports and a real file watcher, and runs
// YAML graphs of its kinds through the real engine.
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
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	engine "github.com/mgmt-wasm/mgmt/runtime"
)

// Grants are the capabilities the first-party plugin gets by default, as
// under mgmt run.
var Grants = []string{"fs.read:/", "fs.write:/", "exec:*"}

// The module and the compilation cache are shared by the tests of one
// binary.
var (
	wasm     []byte
	cacheDir string
	buildErr error
)

// Main builds the first-party module, runs the tests and removes what it
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
		wasm, buildErr = build(filepath.Join(dir, "core.wasm"))
		return m.Run()
	}()
	os.Exit(code)
}

// coreDir is the source folder of the first-party plugin.
func coreDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "core")
}

// build compiles the core plugin to out and returns its bytes.
func build(out string) ([]byte, error) {
	if err := testwasm.Build(coreDir(), out); err != nil {
		return nil, err
	}
	return os.ReadFile(out)
}

// Env is the first-party plugin loaded on a host of its own.
type Env struct {
	// Plugin is the loaded plugin; it is the runtime.Kinds of Graph.
	Plugin *wasmres.Plugin
	// Module is its module; benchmarks call Module.WaitCompiled, as the
	// first test of a binary may run on the interpreter (a cold cache).
	Module *wasmhost.Module
	// Watcher is the shared file watcher its watches use.
	Watcher *hostwatch.Watcher
	// Log collects what the plugin and the engine log.
	Log *Log
	// VarDir is the root of the resources' private directories.
	VarDir string
}

// New loads the plugin with grants (Grants when none are given). It fails
// the test if Main did not run or the build failed.
func New(t testing.TB, grants ...string) *Env {
	t.Helper()
	if wasm == nil && buildErr == nil {
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
	// The plugin runs as under mgmt run: on a trusted host (see
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
	mod, err := host.Load(ctx, "core", wasm)
	if err != nil {
		t.Fatal(err)
	}
	p, err := wasmres.Load(ctx, mod, w, caps)
	if err != nil {
		t.Fatal(err)
	}
	return &Env{Plugin: p, Module: mod, Watcher: w, Log: log, VarDir: t.TempDir()}
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
