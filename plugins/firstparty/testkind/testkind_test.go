package testkind_test

import (
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// A test resource converges and logs its params: set ones with their
// value in mcl syntax, unset pointer params as <unset>.
func TestTestLogsParams(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  test:
  - name: t1
    anotherstr: okay cool
    int8: -5
    slicestring: [a, b]
    mapintfloat: {1: 2.5}
`)
	for _, want := range []string{
		`anotherstr: \"okay cool\"`, `int8: -5`, `slicestring: [\"a\", \"b\"]`,
		`mapintfloat: {1 => 2.5}`, `int8ptr: <unset>`, `stringptr: <unset>`,
		`mixedstruct: struct{somebool => false`,
	} {
		if env.Log.Count(want) == 0 {
			t.Errorf("log lacks %q:\n%s", want, env.Log)
		}
	}
}

// onlyshow limits the logged params to those it names.
func TestTestOnlyShow(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  test:
  - name: t1
    anotherstr: shown
    str: hidden
    onlyshow: [anotherstr]
`)
	if env.Log.Count(`anotherstr: \"shown\"`) != 1 {
		t.Errorf("anotherstr not logged once:\n%s", env.Log)
	}
	for _, hidden := range []string{"hidden", "int8: ", "bool: "} {
		if env.Log.Count(hidden) != 0 {
			t.Errorf("onlyshow [anotherstr] logged %q:\n%s", hidden, env.Log)
		}
	}
}

// The sent fields reach receivers: hello (the sendvalue) into a print's
// msg, answer (42) into another test's int.
func TestTestSends(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  test:
  - name: sender
    sendvalue: hello from the test kind
    onlyshow: [comment]
  - name: receiver
    onlyshow: [int]
  print:
  - name: p
    msg: placeholder
edges:
- from: {kind: test, name: sender, send: hello}
  to: {kind: print, name: p, recv: msg}
- from: {kind: test, name: sender, send: answer}
  to: {kind: test, name: receiver, recv: int}
`)
	if env.Log.Count("hello from the test kind") == 0 {
		t.Errorf("print did not log the sent hello:\n%s", env.Log)
	}
	if env.Log.Count("int: 42") == 0 {
		t.Errorf("the receiving test did not log int: 42:\n%s", env.Log)
	}
}

// expectrecv fails the check when a named param holds no value, and is
// satisfied when a send fills it.
func TestTestExpectRecv(t *testing.T) {
	t.Run("missing", func(t *testing.T) {
		env := fptest.New(t)
		eng := env.Start(t, `
graph: test
resources:
  test:
  - name: lonely
    expectrecv: [anotherstr]
`)
		fptest.Eventually(t, "test[lonely] to fail", func() bool { return eng.Failures()["test[lonely]"] != nil })
		if err := eng.Failures()["test[lonely]"]; !strings.Contains(err.Error(), "expected to receive anotherstr") {
			t.Errorf("failure %q does not say what was expected", err)
		}
	})
	t.Run("received", func(t *testing.T) {
		env := fptest.New(t)
		eng := env.Run(t, `
graph: test
resources:
  test:
  - name: sender
    sendvalue: filled
  - name: receiver
    expectrecv: [anotherstr]
    onlyshow: [anotherstr]
edges:
- from: {kind: test, name: sender, send: hello}
  to: {kind: test, name: receiver, recv: anotherstr}
`)
		if f := eng.Failures(); len(f) != 0 {
			t.Fatalf("failures: %v", f)
		}
		if env.Log.Count(`anotherstr: \"filled\"`) == 0 {
			t.Errorf("the received value was not logged:\n%s", env.Log)
		}
	})
}

// Bad params fail the commit with an error naming the resource and the
// param.
func TestTestBadParams(t *testing.T) {
	for _, tc := range []struct {
		name, params, param, msg string
	}{
		{"validatebool", "validatebool: true", "validatebool", "the validate param was set to true"},
		{"validateerror", "validateerror: boom", "validateerror", "the validate error param was set to: boom"},
		{"int8 range", "int8: 128", "int8", "out of range for int8"},
		{"uint8 negative", "uint8: -1", "uint8", "out of range for uint8"},
		{"int8ptrptrptr range", "int8ptrptrptr: 200", "int8ptrptrptr", "out of range for int8"},
		{"onlyshow unknown", "onlyshow: [nope]", "onlyshow", `no param "nope"`},
		{"waitforerror negative", "waitforerror: -1", "waitforerror", "must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := fptest.New(t)
			err := env.Reject(t, "graph: test\nresources:\n  test:\n  - name: bad\n    "+tc.params+"\n")
			fptest.RequireError(t, err, "test[bad]", "param "+tc.param, tc.msg)
		})
	}
}

// Test resources that the engine groups still log each member's params.
func TestTestGrouped(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  test:
  - name: t1
    anotherstr: first member
    onlyshow: [anotherstr]
  - name: t2
    anotherstr: second member
    onlyshow: [anotherstr]
`)
	for _, want := range []string{"first member", "second member"} {
		if env.Log.Count(want) != 1 {
			t.Errorf("%q not logged once:\n%s", want, env.Log)
		}
	}
}
