package exec_test

import (
	"os"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// sendGraph is an exec whose field is sent into a print's msg.
const sendGraph = `resources:
  exec:
  - name: %s
    shell: /bin/sh
    cmd: %q
    %s
  print:
  - name: p
    msg: ""
edges:
- from: {kind: exec, name: %s, send: %s}
  to: {kind: print, name: p, recv: msg}
`

// printed counts the lines print[p] logged with exactly msg.
func printed(log *fptest.Log, msg string) int {
	return log.Count(`msg="print[p]: ` + msg + `"`)
}

// The output, stdout and stderr of a run are sent.
func TestExecSends(t *testing.T) {
	tests := []struct{ field, want string }{
		{"stdout", "to-stdout"},
		{"stderr", "to-stderr"},
		{"output", "to-stdout"}, // output is stdout then stderr; print logs its first line
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			env := newEnv(t)
			env.Run(t, graph(sendGraph, "e", "echo to-stdout; echo to-stderr >&2", "", "e", tt.field))
			if n := printed(env.Log, tt.want); n != 1 {
				t.Errorf("print[p] logged %q %d times, want 1\n%s", tt.want, n, env.Log)
			}
		})
	}
}

// A skipped run sends the values of the last real one (kept in the
// VarDir across engines); before any run, send_output stands in.
func TestExecSendsWhenSkipped(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	done := in(dir, "done")
	first := graph(sendGraph, "e", "echo first-run", "", "e", "output")
	env.Run(t, first).Close()
	if err := os.WriteFile(done, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	env.Run(t, graph(sendGraph, "e", "echo second-run", "creates: "+done, "e", "output"))
	if n := printed(env.Log, "first-run"); n != 2 {
		t.Errorf("print[p] logged the cached output %d times, want 2 (once per graph)\n%s", n, env.Log)
	}
	if n := printed(env.Log, "second-run"); n != 0 {
		t.Errorf("the skipped command ran")
	}

	env.Run(t, graph(sendGraph, "fresh", "echo never", "creates: "+done+"\n    send_output: stand-in", "fresh", "output"))
	if n := printed(env.Log, "stand-in"); n != 1 {
		t.Errorf("print[p] logged send_output %d times, want 1\n%s", n, env.Log)
	}
}
