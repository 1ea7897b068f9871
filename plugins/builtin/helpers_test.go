package builtin

import (
	"fmt"
	"sync"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// The registry is what the engine looks kinds up in.
var _ runtime.Kinds = (*Registry)(nil)

// logger captures Init.Logf lines.
type logger struct {
	mu    sync.Mutex
	lines []string
}

func (l *logger) logf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.lines = append(l.lines, fmt.Sprintf(format, args...))
}

// logfFor returns a Logf that names the resource, as the engine's does.
func (l *logger) logfFor(r hostabi.Resource) func(string, ...any) {
	return func(format string, args ...any) {
		l.logf("%s[%s]: %s", r.Kind(), r.Name(), fmt.Sprintf(format, args...))
	}
}

// take returns and forgets the lines logged so far.
func (l *logger) take() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := l.lines
	l.lines = nil
	return out
}

// fakeEvents is a hostabi.Events that signals channels.
type fakeEvents struct {
	events chan struct{}
	fails  chan error
}

func newFakeEvents() *fakeEvents {
	return &fakeEvents{events: make(chan struct{}, 1), fails: make(chan error, 1)}
}

func (e *fakeEvents) Event() {
	select {
	case e.events <- struct{}{}:
	default:
	}
}

func (e *fakeEvents) Fail(err error) {
	select {
	case e.fails <- err:
	default:
	}
}

func newRegistry(t *testing.T) (*Registry, *hostwatch.Watcher) {
	t.Helper()
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return New(w), w
}

// str and boolean shorten param maps in tests.
func sv(s string) hostabi.Value { return hostabi.StrValue(s) }
func bv(b bool) hostabi.Value   { return hostabi.BoolValue(b) }

// build makes, validates and inits a resource, failing the test on error.
func build(t *testing.T, reg *Registry, kind, name string, params map[string]hostabi.Value) (hostabi.Resource, *logger) {
	t.Helper()
	res, err := reg.New(kind, name, params)
	if err != nil {
		t.Fatalf("New(%s[%s]): %v", kind, name, err)
	}
	if err := res.Validate(); err != nil {
		t.Fatalf("Validate(%s[%s]): %v", kind, name, err)
	}
	l := &logger{}
	if err := res.(hostabi.Initer).Init(&hostabi.Init{Hostname: "test", Logf: l.logfFor(res)}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Close() })
	return res, l
}
