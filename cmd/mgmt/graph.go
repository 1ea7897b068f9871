package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/mgmt-wasm/mgmt/internal/exitkind"
	"github.com/mgmt-wasm/mgmt/internal/langrun"
	"github.com/mgmt-wasm/mgmt/internal/pluginset"
	"github.com/mgmt-wasm/mgmt/internal/run"
	"github.com/mgmt-wasm/mgmt/internal/worldkinds"
	"github.com/mgmt-wasm/mgmt/runtime"
	"github.com/spf13/cobra"
)

func newGraphCmd() *cobra.Command {
	var format, store string
	var noAutoEdges bool
	cmd := &cobra.Command{
		Use:   "graph [flags] FILE|DIR",
		Short: "Print the resource graph of an mcl program without applying it",
		Long: `Compile an mcl program (a file, or a module folder with metadata.yaml),
evaluate it until its first complete set of values, build the resource graph
with its automatic edges, and print it. Nothing is applied.

Formats: text (one "Vertex: kind[name]" line per resource and one
"Edge: kind[a] -> kind[b]" line per edge, sorted), dot (graphviz) and json.
A program that does not compile or fails at run time prints its error with
the source line and exits 1.`,
		Args: cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			ctx := c.Context()
			hostname, _ := os.Hostname()
			reg, closePlugins, err := pluginset.Load(ctx, pluginset.Options{Hostname: hostname, StoreDir: store})
			if err != nil {
				return err
			}
			defer closePlugins()
			if err := reg.Add("the cluster", worldkinds.New(nil)); err != nil {
				return err
			}
			if err := reg.Add("the core", exitkind.New()); err != nil {
				return err
			}
			prog, err := langrun.Compile(args[0], langrun.Options{Kinds: reg, Hostname: hostname})
			if err == nil {
				var g *runtime.Graph
				if g, err = prog.Graph(ctx); err == nil {
					// As the engine would run it (Commit's own steps).
					if g, err = runtime.PrepareValid(g, runtime.PrepareOptions{NoAutoEdges: noAutoEdges, NoAutoGroup: true}); err == nil {
						return printGraph(c.OutOrStdout(), g, format)
					}
					err = langrun.Invalid(err)
				}
			}
			if errors.Is(err, langrun.ErrProgram) {
				fmt.Fprintln(c.ErrOrStderr(), err)
				return exitError{code: 1, err: errors.New("graph failed")}
			}
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "text", "output format: text, dot or json")
	fl.BoolVar(&noAutoEdges, "no-autoedges", false, "leave out the automatic edges")
	fl.StringVar(&store, "plugin-store", "", "folder of installed plugins (default: the user's data dir)")
	return cmd
}

// printGraph writes g in the format asked for.
func printGraph(w io.Writer, g *runtime.Graph, format string) error {
	switch format {
	case "text":
		_, err := io.WriteString(w, graphText(g))
		return err
	case "dot":
		_, err := io.WriteString(w, run.Dot(g))
		return err
	case "json":
		type edge struct {
			From   string `json:"from"`
			To     string `json:"to"`
			Notify bool   `json:"notify,omitempty"`
			Auto   bool   `json:"auto,omitempty"`
		}
		var doc struct {
			Vertices []string `json:"vertices"`
			Edges    []edge   `json:"edges"`
		}
		doc.Vertices = []string{}
		doc.Edges = []edge{}
		for _, n := range g.Nodes {
			doc.Vertices = append(doc.Vertices, runtime.ID(n.Res))
		}
		for _, e := range g.Edges {
			doc.Edges = append(doc.Edges, edge{runtime.ID(g.Nodes[e.From].Res), runtime.ID(g.Nodes[e.To].Res), e.Notify, e.Auto})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	}
	return fmt.Errorf("unknown format %q: want text, dot or json", format)
}

// graphText is the text format: sorted Vertex and Edge lines.
func graphText(g *runtime.Graph) string {
	lines := make([]string, 0, len(g.Nodes)+len(g.Edges))
	for _, n := range g.Nodes {
		lines = append(lines, "Vertex: "+runtime.ID(n.Res))
	}
	for _, e := range g.Edges {
		lines = append(lines, "Edge: "+runtime.ID(g.Nodes[e.From].Res)+" -> "+runtime.ID(g.Nodes[e.To].Res))
	}
	sort.Strings(lines)
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return b.String()
}
