package wasmres

import (
	"context"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// preparedWatch is the watch answer a prepare call gave for one
// generation of the spec.
type preparedWatch struct {
	gen     uint64
	watches []hostabi.WatchSpec
	err     *hostabi.ABIError
}

// prepare is Validate through the prepare verb: one call answers validate,
// autoedges (for kinds with the trait) and watch, instead of three calls
// that each decode the same spec in the guest. The autoedges answer goes
// where autoEdges keeps its own; the watch answer waits for the next
// Watch, which takes it only if the spec has not changed since (a Recv
// starts a new generation) and only once, so a watch set up again later
// asks the guest afresh.
func (r *resource) prepare() error {
	r.mu.Lock()
	spec, gen := r.spec, r.gen
	r.mu.Unlock()
	req := hostabi.PrepareRequest{ResourceSpec: spec, AutoEdges: r.info.Traits.AutoEdge, Watch: true}
	b, err := req.MarshalBinary()
	if err != nil {
		return err
	}
	resp := &hostabi.PrepareResponse{}
	if err := r.call(context.Background(), hostabi.VerbPrepare, b, resp); err != nil {
		return err
	}
	if err := guestError(resp.Error); err != nil {
		return err
	}
	aeErr := guestError(resp.AutoEdgesError)
	r.mu.Lock()
	setEdges := false
	if r.gen == gen {
		r.prepared = &preparedWatch{gen: gen, watches: resp.Watches, err: resp.WatchError}
		if req.AutoEdges && (r.edges == nil || r.edges.gen != gen) {
			setEdges = true
			ae := resp.AutoEdgesResponse()
			if aeErr != nil {
				ae = &hostabi.AutoEdgesResponse{} // as autoEdges does
			}
			r.edges = &edgeCache{gen: gen, resp: ae}
		}
	}
	r.mu.Unlock()
	if setEdges && aeErr != nil {
		r.logf("autoedges: %v", aeErr)
	}
	return nil
}

// takePrepared returns the prepared watch answer if it is for the current
// spec, and forgets it. r.mu is held.
func (r *resource) takePrepared() *preparedWatch {
	p := r.prepared
	r.prepared = nil
	if p == nil || p.gen != r.gen {
		return nil
	}
	return p
}
