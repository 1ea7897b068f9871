package wasmres

import (
	"fmt"
	"slices"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// recv sets param field to v, as a send/recv edge delivers it. The field
// must be a declared param and v of its type. The params struct is
// immutable, so the spec gets a new one; the param counts as set from then
// on. It reports whether the resource changed: the value differs, or the
// param was unset (a received "" is not the same as no content). A change
// invalidates the cached autoedges.
func (r *resource) recv(field string, v hostabi.Value) (bool, error) {
	decl := r.info.Param(field)
	if decl == nil {
		return false, fmt.Errorf("%s: no param %q to receive into", r.id(), field)
	}
	if v == nil || !v.Type().Equal(decl.Type) {
		return false, fmt.Errorf("%s: param %s: %w: it is %s, the value received is %s", r.id(), field, hostabi.ErrType, decl.Type, typeOf(v))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	params := r.spec.Params
	i := slices.IndexFunc(params.T.Fields, func(f hostabi.Field) bool { return f.Name == field })
	if i < 0 || i >= len(params.Fields) {
		return false, fmt.Errorf("%s: param %s is missing from its params %s", r.id(), field, params.T)
	}
	wasUnset := slices.Contains(r.spec.Unset, field)
	if !wasUnset && params.Fields[i].Equal(v) {
		return false, nil
	}
	fields := slices.Clone(params.Fields)
	fields[i] = v
	r.spec.Params = &hostabi.StructValue{T: params.T, Fields: fields}
	if wasUnset {
		r.spec.Unset = slices.DeleteFunc(slices.Clone(r.spec.Unset), func(s string) bool { return s == field })
		if len(r.spec.Unset) == 0 {
			r.spec.Unset = nil
		}
	}
	r.gen++
	return true, nil
}
