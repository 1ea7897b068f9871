package exec_test

import (
	"os"
	"testing"
)

// An exec gets an automatic edge from the file resource managing the
// program it runs, so the program is in place before it runs.
func TestExecAutoEdge(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	prog, out := in(dir, "prog"), in(dir, "out")
	eng := env.Run(t, graph(`resources:
  exec:
  - name: run-prog
    cmd: %q
  file:
  - name: %q
    state: exists
    mode: "0755"
    content: %q
`, prog, prog, "#!/bin/sh\necho ran > "+out+"\n"))
	g := eng.Graph()
	found := false
	for _, e := range g.Edges {
		from, to := g.Nodes[e.From].Res, g.Nodes[e.To].Res
		if e.Auto && from.Kind() == "file" && from.Name() == prog && to.Kind() == "exec" && to.Name() == "run-prog" {
			found = true
		}
	}
	if !found {
		t.Errorf("no automatic edge from file[%s] to exec[run-prog]: %+v", prog, g.Edges)
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != "ran\n" {
		t.Errorf("the program did not run: %q, %v\n%s", b, err, env.Log)
	}
}
