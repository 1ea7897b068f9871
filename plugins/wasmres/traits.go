package wasmres

import "github.com/mgmt-wasm/mgmt/hostabi"

// The engine finds a resource's traits by type assertion, so a wasm
// resource must have the methods of a trait exactly when its kind declares
// it: a kind without recv must fail the engine's Recver test, not fail
// later inside Recv. Each trait's methods are on a small carrier type
// below, and traits_gen.go has one struct type per combination of the six
// traits, embedding the resource and the carriers of that combination.

// Trait bits, which index wrappers.
const (
	bitAutoEdge = 1 << iota
	bitGroupable
	bitSend
	bitRecv
	bitRefresh
	bitReverse
	numCombos = 1 << iota
)

// traitBits is the combination of traits k declares.
func traitBits(k *hostabi.KindInfo) int {
	t, bits := k.Traits, 0
	for _, b := range []struct {
		on  bool
		bit int
	}{
		{t.AutoEdge, bitAutoEdge}, {t.Groupable, bitGroupable}, {t.Send, bitSend},
		{t.Recv, bitRecv}, {t.Refresh, bitRefresh}, {t.Reverse, bitReverse},
	} {
		if b.on {
			bits |= b.bit
		}
	}
	return bits
}

// withTraits wraps r in the type of its kind's trait combination.
func withTraits(r *resource) hostabi.Resource {
	return wrappers[traitBits(r.info)](r)
}

// autoEdgeTrait makes a resource a hostabi.AutoEdger (autoedge.go).
type autoEdgeTrait struct{ r *resource }

// UIDs lists what the resource manages, as the autoedges verb says.
func (t autoEdgeTrait) UIDs() []hostabi.UID { return t.r.autoEdges().UIDs }

// AutoEdges lists what the resource depends on, as the autoedges verb says.
func (t autoEdgeTrait) AutoEdges() [][]hostabi.UID { return t.r.autoEdges().Edges }

// groupTrait makes a resource a hostabi.Groupable (group.go).
type groupTrait struct{ r *resource }

// GroupCmp reports whether other can be grouped into this resource.
func (t groupTrait) GroupCmp(other hostabi.Resource) bool { return t.r.groupCmp(other) }

// SetGroup hands the resource the children grouped into it.
func (t groupTrait) SetGroup(children []hostabi.Resource) { t.r.setGroup(children) }

// sendTrait makes a resource a hostabi.Sender.
type sendTrait struct{ r *resource }

// Sends returns the values the guest sent on its last check or apply.
func (t sendTrait) Sends() map[string]hostabi.Value {
	t.r.mu.Lock()
	defer t.r.mu.Unlock()
	return t.r.sends
}

// recvTrait makes a resource a hostabi.Recver (recv.go).
type recvTrait struct{ r *resource }

// Recv sets param field to v and reports whether the resource changed.
func (t recvTrait) Recv(field string, v hostabi.Value) (bool, error) { return t.r.recv(field, v) }

// refreshTrait makes a resource a hostabi.Refreshable.
type refreshTrait struct{ r *resource }

// SetRefresh records a pending refresh for the next CheckApply.
func (t refreshTrait) SetRefresh(b bool) {
	t.r.mu.Lock()
	defer t.r.mu.Unlock()
	t.r.refresh = b
}

// reverseTrait makes a resource a hostabi.Reversible (reverse.go).
type reverseTrait struct{ r *resource }

// Reversed returns the resource that undoes this one.
func (t reverseTrait) Reversed() (hostabi.Resource, error) { return t.r.reversed() }
