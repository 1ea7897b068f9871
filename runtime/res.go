// Package runtime is the resource-graph engine: it runs a graph of resources,
// one logical worker per vertex, in topological order with independent
// branches in parallel, applies the metaparams, moves values along send/recv
// edges, delivers refresh notifications, adds automatic edges and groups, and
// swaps one graph for the next while unchanged resources keep running.
//
// The engine drives resources only through hostabi.Resource and the optional
// trait interfaces beside it. The plugin host implements them for wasm and
// process plugins; tests implement them with fakes.
package runtime

import (
	"context"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Res is the resource contract the engine drives (see hostabi.Resource).
type Res = hostabi.Resource

// Exporter publishes resources that carry Meta:export to the cluster. The
// cluster layer provides it; without one, exports go nowhere.
type Exporter interface {
	// Export publishes res for the given hosts ("*" for all).
	Export(ctx context.Context, res Res, hosts []string) error
}
