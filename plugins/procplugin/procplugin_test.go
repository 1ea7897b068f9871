package procplugin

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/mgmt-wasm/mgmt/runtime"
)

var (
	buildOnce sync.Once
	buildDir  string
	buildErr  error
)

// example returns a copy of the proc-inotify example, in a folder of the
// test's own (the tamper test changes it), built by make (mk/proc.mk) or
// here when make did not run, and its sha256.
func example(t *testing.T) (path, sum string) {
	t.Helper()
	src := filepath.Join("..", "..", "examples", "plugins", "proc-inotify", "proc-inotify")
	if _, err := os.Stat(src); err != nil {
		buildOnce.Do(func() {
			buildDir, buildErr = os.MkdirTemp("", "procplugin-test-")
			if buildErr == nil {
				out, err := exec.Command("go", "build", "-o", filepath.Join(buildDir, "proc-inotify"), "../../examples/plugins/proc-inotify").CombinedOutput()
				if err != nil {
					buildErr = &buildError{err, out}
				}
			}
		})
		if buildErr != nil {
			t.Fatal(buildErr)
		}
		src = filepath.Join(buildDir, "proc-inotify")
	}
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	path = filepath.Join(t.TempDir(), "proc-inotify")
	if err := os.WriteFile(path, b, 0o755); err != nil {
		t.Fatal(err)
	}
	s := sha256.Sum256(b)
	return path, hex.EncodeToString(s[:])
}

type buildError struct {
	err error
	out []byte
}

func (e *buildError) Error() string { return e.err.Error() + "\n" + string(e.out) }

func TestMain(m *testing.M) {
	code := m.Run()
	if buildDir != "" {
		os.RemoveAll(buildDir)
	}
	os.Exit(code)
}

// counter is a Go resource that counts its watches and runs: the rest of
// the graph, which a plugin's crash must leave alone.
type counter struct {
	name          string
	watches, runs atomic.Int64
}

func (c *counter) Kind() string    { return "counter" }
func (c *counter) Name() string    { return c.name }
func (c *counter) Validate() error { return nil }
func (c *counter) Watch(context.Context, hostabi.Events) error {
	c.watches.Add(1)
	return nil
}
func (c *counter) CheckApply(context.Context, bool) (bool, error) {
	c.runs.Add(1)
	return true, nil
}
func (c *counter) Close() error                  { return nil }
func (c *counter) Equal(o hostabi.Resource) bool { return o == c }

// eventually waits for cond, failing with what after 30s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting: %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func content(path string) string {
	b, _ := os.ReadFile(path)
	return string(b)
}

func start(t *testing.T, path, sum string, log *fptest.Log) (*Module, *wasmres.Plugin) {
	t.Helper()
	ctx := context.Background()
	m, err := Start(ctx, Config{Name: "proc-inotify", Path: path, SHA256: sum, MinBackoff: 20 * time.Millisecond, MaxBackoff: 200 * time.Millisecond,
		Log: slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	p, err := wasmres.Load(ctx, m, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	return m, p
}

// A process plugin killed with SIGKILL mid-run is restarted; meanwhile its
// resource is repaired by nobody, and once the plugin is back the resource
// converges again (the file changed while it was down is put back), while
// the other resource of the graph was neither watched again nor run.
func TestKilledPluginIsRestartedAndConvergesAgain(t *testing.T) {
	path, sum := example(t)
	var log fptest.Log
	m, p := start(t, path, sum, &log)
	dir := t.TempDir()
	target := filepath.Join(dir, "motd")
	r, err := p.New("inotify_file", "motd", map[string]hostabi.Value{"path": hostabi.StrValue(target), "content": hostabi.StrValue("hello\n")})
	if err != nil {
		t.Fatal(err)
	}
	other := &counter{name: "other"}
	g := &runtime.Graph{}
	g.Add(&runtime.Node{Res: r, Meta: runtime.DefaultMeta()})
	g.Add(&runtime.Node{Res: other, Meta: runtime.DefaultMeta()})
	e := runtime.New(runtime.Config{})
	defer e.Close()
	if err := e.Commit(g); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the file is written", func() bool { return content(target) == "hello\n" })
	// Its own event loop (inotify in the plugin) repairs drift.
	os.WriteFile(target, []byte("drift"), 0o644)
	eventually(t, "the drift is repaired by the plugin's events", func() bool { return content(target) == "hello\n" })
	<-e.Converged()
	watches, runs := other.watches.Load(), other.runs.Load()

	pid := m.Pid()
	if pid <= 0 {
		t.Fatalf("pid %d", pid)
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the plugin is seen down", func() bool { return m.Pid() != pid })
	os.WriteFile(target, []byte("changed while the plugin was down"), 0o644)
	eventually(t, "a new process", func() bool { p := m.Pid(); return p != 0 && p != pid })
	eventually(t, "the resource converges again", func() bool { return content(target) == "hello\n" })
	if m.Restarts() < 1 {
		t.Errorf("restarts %d", m.Restarts())
	}
	if w, n := other.watches.Load(), other.runs.Load(); w != watches || n != runs {
		t.Errorf("the other resource was touched: watches %d -> %d, runs %d -> %d", watches, w, runs, n)
	}
	s := log.String()
	for _, want := range []string{"process plugin exited; restarting it", "plugin=proc-inotify", "wrote " + target} {
		if !strings.Contains(s, want) {
			t.Errorf("log lacks %q:\n%s", want, s)
		}
	}
}

// A binary whose sum is not the recorded one is refused at launch, and a
// binary replaced after the start is refused when the plugin is restarted:
// it stays down, its calls fail, and it is not run.
func TestTamperedBinaryIsRefused(t *testing.T) {
	path, sum := example(t)
	if _, err := Start(context.Background(), Config{Name: "x", Path: path, SHA256: strings.Repeat("00", 32)}); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Fatalf("a wrong sum: %v", err)
	}
	var log fptest.Log
	m, p := start(t, path, sum, &log)
	b, _ := os.ReadFile(path)
	tampered := filepath.Join(filepath.Dir(path), "tampered")
	os.WriteFile(tampered, append(b, 0), 0o755)
	if err := os.Rename(tampered, path); err != nil {
		t.Fatal(err)
	}
	pid := m.Pid()
	syscall.Kill(pid, syscall.SIGKILL)
	eventually(t, "a refused restart", func() bool { return strings.Contains(log.String(), "refused") })
	if got := m.Pid(); got != 0 {
		t.Errorf("a tampered binary runs as pid %d", got)
	}
	r, err := p.New("inotify_file", "x", map[string]hostabi.Value{"path": hostabi.StrValue(filepath.Join(t.TempDir(), "x"))})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.CheckApply(context.Background(), true); err == nil || !strings.Contains(err.Error(), "not running") {
		t.Errorf("a call while refused: %v", err)
	}
}

func TestIsExecutable(t *testing.T) {
	path, _ := example(t)
	b, _ := os.ReadFile(path)
	for _, c := range []struct {
		b    []byte
		want bool
	}{{b, true}, {[]byte("\x00asm\x01\x00\x00\x00"), false}, {nil, false}, {[]byte("#!/bin/sh\n"), false}} {
		if got := IsExecutable(c.b); got != c.want {
			t.Errorf("IsExecutable(%.8q) = %v", c.b, got)
		}
	}
}

func TestDescribe(t *testing.T) {
	path, _ := example(t)
	d, err := Describe(context.Background(), "proc-inotify", path)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "proc-inotify" || len(d.Kinds) != 2 || d.Kinds[0].Kind != "inotify_file" || d.Kinds[1].Kind != "proc_noop" {
		t.Errorf("describe: %+v", d)
	}
}
