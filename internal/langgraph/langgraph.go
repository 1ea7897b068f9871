// Package langgraph turns the output of an mcl evaluation (lang/eval) into
// the engine's resource graph: it builds each resource through the plugin
// registry, sets its metaparams, and links its edges and send/recv pairs.
package langgraph

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/eval"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// Build returns the resource graph of out, with resources built by kinds.
// Errors name the resource and where the program declared it.
func Build(out *eval.Output, kinds runtime.Kinds) (*runtime.Graph, error) {
	g := &runtime.Graph{Nodes: make([]*runtime.Node, 0, len(out.Resources))}
	index := make(map[eval.ResID]int, len(out.Resources))
	for _, r := range out.Resources {
		res, err := kinds.New(r.Kind, r.Name, r.Params)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", r.Pos, r.ID(), err)
		}
		n := &runtime.Node{Res: res, Meta: runtime.DefaultMeta(), Pos: r.Pos.String()}
		for name, v := range r.Meta {
			if err := n.Meta.Set(name, v); err != nil {
				return nil, fmt.Errorf("%s: %s: %w", r.Pos, r.ID(), err)
			}
		}
		if err := n.Meta.Validate(); err != nil {
			return nil, fmt.Errorf("%s: %s: %w", r.Pos, r.ID(), err)
		}
		index[eval.ResID{Kind: r.Kind, Name: r.Name}] = g.Add(n)
	}
	for _, e := range out.Edges {
		from, okf := index[e.From]
		to, okt := index[e.To]
		if !okf || !okt {
			return nil, fmt.Errorf("%s: edge %s -> %s: a resource is not declared", e.Pos, e.From, e.To)
		}
		if e.SendKey == "" {
			g.AddEdge(from, to, e.Notify)
			continue
		}
		n := g.Nodes[to]
		if n.Recv == nil {
			n.Recv = map[string]runtime.SendRef{}
		}
		if old, dup := n.Recv[e.RecvKey]; dup && (old.From != from || old.Key != e.SendKey) {
			return nil, fmt.Errorf("%s: %s.%s receives from two senders", e.Pos, e.To, e.RecvKey)
		}
		n.Recv[e.RecvKey] = runtime.SendRef{From: from, Key: e.SendKey}
		g.AddEdge(from, to, e.Notify)
	}
	return g, nil
}
