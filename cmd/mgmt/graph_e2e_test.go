package main

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestGraph prints the graph of a program in each format: the resources,
// the declared edge and the automatic edge from a directory to the file in
// it, and nothing is applied.
func TestGraph(t *testing.T) {
	dir := t.TempDir()
	mcl := writeMCL(t, dir, "main.mcl", `
file "{{D}}/d/" {
	state => $const.res.file.state.exists,
}
file "{{D}}/d/f" {
	content => "x",
}
print "p" {
	msg => "hi",
	Before => File["{{D}}/d/"],
}
`)
	r := runMgmt(t, "graph", mcl)
	requireExit(t, r, 0)
	want := expand(dir, `Edge: file[{{D}}/d/] -> file[{{D}}/d/f]
Edge: print[p] -> file[{{D}}/d/]
Vertex: file[{{D}}/d/]
Vertex: file[{{D}}/d/f]
Vertex: print[p]
`)
	if r.stdout != want {
		t.Fatalf("text graph:\n%s\nwant:\n%s", r.stdout, want)
	}
	requireAbsent(t, dir+"/d")

	r = runMgmt(t, "graph", "--format", "json", mcl)
	requireExit(t, r, 0)
	var doc struct {
		Vertices []string
		Edges    []struct {
			From, To string
			Auto     bool
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("json graph: %v\n%s", err, r.stdout)
	}
	auto := 0
	for _, e := range doc.Edges {
		if e.Auto {
			auto++
		}
	}
	if len(doc.Vertices) != 3 || len(doc.Edges) != 2 || auto != 1 {
		t.Fatalf("json graph: %+v", doc)
	}

	r = runMgmt(t, "graph", "--format", "dot", mcl)
	requireExit(t, r, 0)
	if !strings.HasPrefix(r.stdout, "digraph") || strings.Count(r.stdout, "->") != 2 {
		t.Fatalf("dot graph:\n%s", r.stdout)
	}
}

// TestGraphErrors checks that a program rejected at any phase, or whose
// resources are invalid, exits 1 with the position of the problem.
func TestGraphErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ name, src, want string }{
		{"scope", "test $nope {}\n", "g.mcl:1:6: scope:"},
		{"runtime", "$l = [\"a\"]\ntest $l[4] {}\n", "g.mcl:2:6: runtime:"},
		{"duplicate", "test \"a\" { anotherstr => \"x\", }\ntest \"a\" { anotherstr => \"y\", }\n", "inequivalent duplicate resource `test[a]`"},
		{"invalid param", "$x = 0 - 1\ntest \"t\" { uint64 => $x, }\n", "param uint64"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runMgmt(t, "graph", writeMCL(t, dir, "g.mcl", tt.src))
			requireExit(t, r, 1)
			if !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("stderr does not contain %q:\n%s", tt.want, r.stderr)
			}
		})
	}
}
