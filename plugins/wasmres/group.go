package wasmres

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// groupCmp reports whether other may be grouped into r: a resource of the
// same plugin and kind (only kinds with the groupable trait have
// GroupCmp), as upstream groups resources of one kind.
func (r *resource) groupCmp(other hostabi.Resource) bool {
	w, ok := other.(wasm)
	if !ok {
		return false
	}
	o := w.base()
	return o != r && o.p == r.p && o.info == r.info && r.info.Traits.Groupable
}

// setGroup keeps the children grouped into r. The engine validates and
// initializes them but runs only r: r's Watch sets up their watches too,
// and r's CheckApply sends them in the request's group. Resources taking
// part in send/recv are never grouped, so the children neither send nor
// receive, and the edges (and so the refreshes) meant for them reach r.
func (r *resource) setGroup(children []hostabi.Resource) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.group = append([]hostabi.Resource(nil), children...)
}

// groupSpecs returns the current specs of r's children.
func (r *resource) groupSpecs() ([]hostabi.ResourceSpec, error) {
	r.mu.Lock()
	children := r.group
	r.mu.Unlock()
	if len(children) == 0 {
		return nil, nil
	}
	specs := make([]hostabi.ResourceSpec, len(children))
	for i, c := range children {
		w, ok := c.(wasm)
		if !ok || w.base().p != r.p {
			return nil, fmt.Errorf("%s: %s[%s] was grouped into it but is not a resource of the same plugin", r.id(), c.Kind(), c.Name())
		}
		specs[i] = w.base().snapshot()
	}
	return specs, nil
}
