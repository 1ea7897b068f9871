package langrun

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/eval"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
)

// oneKind is a KindSource with the kind "res" (no params).
type oneKind struct{}

func (oneKind) Lookup(kind string) (*hostabi.KindInfo, bool) {
	if kind != "res" {
		return nil, false
	}
	return &hostabi.KindInfo{Kind: "res"}, true
}

// readfile is a Caller of os.readfile on the real file system, with a path
// watch, as the first-party plugin's.
type readfile struct{}

func (readfile) Call(_ context.Context, name string, _ *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	p := string(args[0].(hostabi.StrValue))
	w := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: p}}
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, w, err
	}
	return hostabi.StrValue(b), w, nil
}

// readfileEngine compiles a program of one resource named after
// os.readfile(input) and returns its engine, whose library calls go to
// caller.
func readfileEngine(t *testing.T, input string, caller builtin.Caller) *eval.Engine {
	t.Helper()
	mcl := filepath.Join(t.TempDir(), "main.mcl")
	if err := os.WriteFile(mcl, []byte("import \"os\"\nres os.readfile(\""+input+"\") {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	reg, err := builtin.NewTable(oneKind{}, "host")
	if err != nil {
		t.Fatal(err)
	}
	p, err := lang.Compile(mcl, reg)
	if err != nil {
		t.Fatal(p.Explain(err))
	}
	return p.Engine(eval.Options{Registry: reg, Caller: caller})
}

// TestSourcesFollowFile changes a file a program reads, through a real
// inotify watcher: each change brings a signal, the next evaluation sees
// the new content, no watch leaks, and Close releases them all.
func TestSourcesFollowFile(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "input")
	if err := os.WriteFile(input, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	eng := readfileEngine(t, input, readfile{})
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	src := NewSources(eng, w, func(key string, err error) { t.Errorf("watch %s: %v", key, err) })
	defer src.Close()

	name := func() string {
		t.Helper()
		out, err := eng.Eval(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		src.Sync()
		if len(out.Resources) != 1 {
			t.Fatalf("%d resources", len(out.Resources))
		}
		return out.Resources[0].Name
	}
	if got := name(); got != "one" {
		t.Fatalf("first evaluation: %q", got)
	}
	watches := w.Count()
	for _, content := range []string{"two", "three"} {
		if err := os.WriteFile(input, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		select {
		case <-src.Changed():
		case <-time.After(10 * time.Second):
			t.Fatalf("no change signalled for %q", content)
		}
		// One write makes several events; evaluate until the content
		// shows (each evaluation follows a signal).
		for got := name(); got != content; got = name() {
			select {
			case <-src.Changed():
			case <-time.After(10 * time.Second):
				t.Fatalf("evaluation gives %q, want %q, and no more change comes", got, content)
			}
		}
		if w.Count() != watches {
			t.Fatalf("%d inotify watches after the change, want %d", w.Count(), watches)
		}
	}
	src.Close()
	if w.Count() != 0 {
		t.Fatalf("%d inotify watches after Close", w.Count())
	}
}

// manualWatcher is a PathWatcher whose watches fire when the test says.
type manualWatcher struct{ fns map[string]func() }

func (m *manualWatcher) Watch(path string, fn func()) (func(), error) {
	m.fns[path] = fn
	return func() { delete(m.fns, path) }, nil
}

// hookedCaller answers every call with a path watch on "/in" and runs
// during, if set, inside the call (after the call began to read).
type hookedCaller struct {
	calls  int
	during func()
}

func (c *hookedCaller) Call(context.Context, string, *hostabi.Type, []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	c.calls++
	if c.during != nil {
		c.during()
	}
	return hostabi.StrValue("v"), []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: "/in"}}, nil
}

// Events that come before the evaluation reads the source again need no
// evaluation of their own; one that comes after the read began does.
func TestSourcesCoalesceUntilRead(t *testing.T) {
	caller := &hookedCaller{}
	eng := readfileEngine(t, "/in", caller)
	w := &manualWatcher{fns: map[string]func(){}}
	src := NewSources(eng, w, func(key string, err error) { t.Errorf("watch %s: %v", key, err) })
	defer src.Close()
	evaluate := func() {
		t.Helper()
		if _, err := eng.Eval(t.Context()); err != nil {
			t.Fatal(err)
		}
		src.Sync()
	}
	signalled := func() bool {
		select {
		case <-src.Changed():
			return true
		default:
			return false
		}
	}
	evaluate()
	fire := w.fns["/in"]
	if fire == nil || caller.calls != 1 {
		t.Fatalf("after the first evaluation: watch %v, %d calls", w.fns, caller.calls)
	}

	// Three events before the next evaluation: one signal, one call.
	fire()
	fire()
	fire()
	if !signalled() {
		t.Fatal("no signal after the events")
	}
	evaluate()
	if caller.calls != 2 {
		t.Fatalf("%d calls, want 2", caller.calls)
	}
	if signalled() {
		t.Fatal("events that came before the read brought another evaluation")
	}

	// An event while the call reads: another evaluation.
	fire()
	if !signalled() {
		t.Fatal("no signal after the event")
	}
	caller.during = func() { fire(); caller.during = nil }
	evaluate()
	if !signalled() {
		t.Fatal("an event after the read began brought no evaluation")
	}
	evaluate()
	if caller.calls != 4 {
		t.Fatalf("%d calls, want 4", caller.calls)
	}
}
