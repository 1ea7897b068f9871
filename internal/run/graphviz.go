package run

import (
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/runtime"
)

// Dot renders a graph in graphviz's DOT language, one node per resource
// labelled kind[name], notify edges dashed.
func Dot(g *runtime.Graph) string {
	var b strings.Builder
	b.WriteString("digraph mgmt {\n")
	for i, n := range g.Nodes {
		fmt.Fprintf(&b, "\tn%d [label=%s];\n", i, strconv.Quote(runtime.ID(n.Res)))
	}
	for _, e := range g.Edges {
		style := ""
		if e.Notify {
			style = " [style=dashed]"
		}
		fmt.Fprintf(&b, "\tn%d -> n%d%s;\n", e.From, e.To, style)
	}
	b.WriteString("}\n")
	return b.String()
}

// writeGraphviz writes the running graph (with its automatic edges and
// groups) to the --graphviz file and, with --graphviz-filter, renders
// FILE.png with it.
func writeGraphviz(g *runtime.Graph, o Options, log *slog.Logger) error {
	if err := os.WriteFile(o.Graphviz, []byte(Dot(g)), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", o.Graphviz, err)
	}
	if o.GraphvizFilter == "" {
		return nil
	}
	out, err := exec.Command(o.GraphvizFilter, "-Tpng", o.Graphviz, "-o", o.Graphviz+".png").CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", o.GraphvizFilter, err, out)
	}
	log.Info("graphviz", "png", o.Graphviz+".png")
	return nil
}
