package value_test

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// graph is a value sending its any into a print's msg, with a notify edge
// so that the print (refresh_only) logs only when the value changed.
func graph(val string) string {
	return `
graph: test
resources:
  value:
  - name: v
    any: "` + val + `"
  print:
  - name: p
    msg: placeholder
    refresh_only: true
edges:
- from: {kind: value, name: v, send: any}
  to: {kind: print, name: p, recv: msg}
  notify: true
`
}

// A value sends its any to a receiver, which sees the new value and is
// notified of the change.
func TestValueSends(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, graph("hello via value"))
	if n := env.Log.Count("hello via value"); n == 0 {
		t.Fatalf("print did not log the sent value:\n%s", env.Log)
	}
}

// The value is kept between engines: the same value again changes
// nothing (no notification), a new one is a change.
func TestValueUnchangedLeftAlone(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, graph("first"))
	if env.Log.Count(`print[p]: first`) == 0 {
		t.Fatalf("the first run did not notify the print:\n%s", env.Log)
	}

	eng := env.Run(t, graph("first"))
	if n := eng.Stats().Applied.Load(); n != 0 {
		t.Errorf("the same value again changed %d resources, want 0", n)
	}
	if n := env.Log.Count(`print[p]: first`); n != 1 {
		t.Errorf("the print logged the unchanged value %d times in all, want 1:\n%s", n, env.Log)
	}

	eng = env.Run(t, graph("second"))
	if n := eng.Stats().Applied.Load(); n != 1 {
		t.Errorf("a new value changed %d resources, want 1", n)
	}
	if env.Log.Count(`print[p]: second`) != 1 {
		t.Errorf("the print was not notified of the new value:\n%s", env.Log)
	}
}

// A value without any sends nothing: the receiver keeps its own param.
func TestValueUnsetSendsNothing(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  value:
  - name: v
  print:
  - name: p
    msg: my own message
edges:
- from: {kind: value, name: v, send: any}
  to: {kind: print, name: p, recv: msg}
`)
	if env.Log.Count("my own message") != 1 {
		t.Errorf("the print did not keep its own msg:\n%s", env.Log)
	}
}

// Values the engine groups are each kept: running the same graph again
// changes nothing, changing one member's value is a change.
func TestValueGrouped(t *testing.T) {
	g := func(b string) string {
		return "graph: test\nresources:\n  value:\n  - name: a\n    any: one\n  - name: b\n    any: " + b + "\n"
	}
	env := fptest.New(t)
	if n := env.Run(t, g("two")).Stats().Applied.Load(); n == 0 {
		t.Fatal("storing the values changed nothing")
	}
	if n := env.Run(t, g("two")).Stats().Applied.Load(); n != 0 {
		t.Errorf("the same values again changed %d resources, want 0", n)
	}
	if n := env.Run(t, g("three")).Stats().Applied.Load(); n != 1 {
		t.Errorf("a new value of one member changed %d resources, want 1", n)
	}
}
