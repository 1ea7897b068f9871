package builtin

import (
	"context"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// noopInfo describes the noop kind: a resource that does nothing, used as a
// graph anchor. Params: comment (str).
func noopInfo() *hostabi.KindInfo {
	return &hostabi.KindInfo{
		Kind:   "noop",
		Params: []hostabi.ParamInfo{{Name: "comment", Type: hostabi.TypeStr}},
		Traits: hostabi.Traits{Groupable: true, Refresh: true},
	}
}

// noopRes is a noop resource. It is always in its desired state.
type noopRes struct {
	*base
	group   []hostabi.Resource // guarded by mu
	refresh bool               // guarded by mu
}

// newNoop builds a noop resource.
func newNoop(_ *Registry, b *base) hostabi.Resource { return &noopRes{base: b} }

// Validate accepts any noop.
func (r *noopRes) Validate() error { return nil }

// Watch has no event sources: it returns at once.
func (r *noopRes) Watch(context.Context, hostabi.Events) error { return nil }

// CheckApply changes nothing and reports the state correct.
func (r *noopRes) CheckApply(context.Context, bool) (bool, error) {
	r.mu.Lock()
	r.refresh = false
	r.mu.Unlock()
	return true, nil
}

// Close releases nothing.
func (r *noopRes) Close() error { return nil }

// Equal reports whether other is a noop with the same name and params.
func (r *noopRes) Equal(other hostabi.Resource) bool {
	o, ok := other.(*noopRes)
	return ok && r.equalParams(o.base)
}

// GroupCmp accepts any other noop.
func (r *noopRes) GroupCmp(other hostabi.Resource) bool {
	o, ok := other.(*noopRes)
	return ok && o != r
}

// SetGroup records the noops grouped into this one.
func (r *noopRes) SetGroup(children []hostabi.Resource) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.group = children
}

// SetRefresh records a pending refresh, which a noop ignores.
func (r *noopRes) SetRefresh(refresh bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refresh = refresh
}
