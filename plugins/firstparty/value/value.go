// Package value is the first-party value kind: a resource that holds a
// value, given as a param or received through send/recv, and sends it on.
//
// Params: any (str): the value; unset means the resource holds none and
// sends nothing. Sends: any (str). Traits: groupable, send, recv.
//
// The value is kept in the resource's private directory, as upstream keeps
// it in its local value store, so that a resource whose value changed (a
// new graph, or a new value received) reports a change and notifies its
// dependents, while an unchanged value is left alone.
//
// Differences from upstream: upstream's any holds a value of any type; the
// ABI has no such type yet, so any is a str here. The value store is not
// readable by functions (upstream's value.get) yet.
package value

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Info describes the value kind.
var Info = hostabi.KindInfo{
	Kind:   "value",
	Params: []hostabi.ParamInfo{{Name: "any", Type: hostabi.TypeStr}},
	Sends:  []hostabi.ParamInfo{{Name: "any", Type: hostabi.TypeStr}},
	Traits: hostabi.Traits{Groupable: true, Send: true, Recv: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &res{held: held(p)}, nil
	})
}

// held returns the value that p gives a value resource, or nil for none.
func held(p mgmt.Params) *string {
	if !p.IsSet("any") {
		return nil
	}
	s := p.Str("any")
	return &s
}

// res is a value resource.
type res struct {
	held *string // nil: no value
}

// Validate accepts every value.
func (*res) Validate() error { return nil }

// Watch watches nothing: only a new graph or a received value changes it.
func (*res) Watch() []hostabi.WatchSpec { return nil }

// CheckApply compares the value with the stored one, and on apply stores
// it (or forgets the stored one when the value is unset); the resources
// grouped into this one are stored beside it. It reports a change when a
// stored value differed.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	st := store{ctx: ctx}
	ok, err := st.sync(ctx.VarDir(), "", r.held, apply)
	if err != nil {
		return false, err
	}
	for _, g := range ctx.Group() {
		gp, err := mgmt.ParamsOf(&g)
		if err != nil {
			return false, err
		}
		gok, err := st.sync(memberDir(ctx.VarDir(), g.Name), "value["+g.Name+"]: ", held(gp), apply)
		if err != nil {
			return false, err
		}
		ok = ok && gok
	}
	return ok, nil
}

// Sends returns the value as any, or nothing when the resource has none.
func (r *res) Sends() map[string]hostabi.Value {
	if r.held == nil {
		return nil
	}
	return map[string]hostabi.Value{"any": hostabi.StrValue(*r.held)}
}
