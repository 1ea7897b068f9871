package wasmres

import (
	"context"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// edgeCache is the autoedges answer for one generation of a resource's
// spec (a failure is cached as an empty answer).
type edgeCache struct {
	gen  uint64
	resp *hostabi.AutoEdgesResponse
}

// autoEdges calls the autoedges verb once per spec: the engine asks for
// the UIDs and then the edges, and the params change only through Recv,
// which starts a new generation. hostabi.AutoEdger has no error return, so
// a failure is logged (through Init.Logf, at Init when it comes later) and
// reads as no UIDs and no edges.
func (r *resource) autoEdges() *hostabi.AutoEdgesResponse {
	r.aeMu.Lock()
	defer r.aeMu.Unlock()
	r.mu.Lock()
	spec, gen, cached := r.spec, r.gen, r.edges
	r.mu.Unlock()
	if cached != nil && cached.gen == gen {
		return cached.resp
	}
	resp, err := r.callAutoEdges(spec)
	if err != nil {
		r.logf("autoedges: %v", err)
		resp = &hostabi.AutoEdgesResponse{}
	}
	r.mu.Lock()
	if r.gen == gen {
		r.edges = &edgeCache{gen: gen, resp: resp}
	}
	r.mu.Unlock()
	return resp
}

// callAutoEdges calls the autoedges verb for spec.
func (r *resource) callAutoEdges(spec hostabi.ResourceSpec) (*hostabi.AutoEdgesResponse, error) {
	req, err := spec.MarshalBinary()
	if err != nil {
		return nil, err
	}
	resp := &hostabi.AutoEdgesResponse{}
	if err := r.call(context.Background(), hostabi.VerbAutoEdges, req, resp); err != nil {
		return nil, err
	}
	if err := guestError(resp.Error); err != nil {
		return nil, err
	}
	return resp, nil
}
