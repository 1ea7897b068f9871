package yamlgraph

import (
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, that every error is
// positioned in the file, and that every graph it returns passes Check.
func FuzzParse(f *testing.F) {
	for _, doc := range []string{validDoc, anchorDoc, edgeRes, "graph: g\n", "graph: g\nresources: {file: }\nedges: []\n"} {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse("fuzz.yaml", data, testKinds)
		if err != nil {
			if g != nil {
				t.Fatalf("a graph came with the error %v", err)
			}
			if !strings.HasPrefix(err.Error(), "fuzz.yaml:") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		if err := g.Check(); err != nil {
			t.Fatalf("the graph fails Check: %v", err)
		}
		for _, n := range g.Nodes {
			if !strings.HasPrefix(n.Pos, "fuzz.yaml:") {
				t.Fatalf("node %v has position %q", n.Res, n.Pos)
			}
		}
	})
}
