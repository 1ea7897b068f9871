// Package print is the first-party print kind: it logs its message each
// time it is applied (at startup, and whenever a parent changed or sent a
// notification), and is never itself a change.
package print

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Info describes the print kind. Params: msg (str), refresh_only (bool:
// print only when a refresh notification is pending).
var Info = hostabi.KindInfo{
	Kind: "print",
	Params: []hostabi.ParamInfo{
		{Name: "msg", Type: hostabi.TypeStr},
		{Name: "refresh_only", Type: hostabi.TypeBool},
	},
	Traits: hostabi.Traits{Groupable: true, Recv: true, Refresh: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &res{msg: p.Str("msg"), refreshOnly: p.Bool("refresh_only")}, nil
	})
}

// res is a print resource.
type res struct {
	msg         string
	refreshOnly bool
}

// Validate accepts every print.
func (*res) Validate() error { return nil }

// Watch watches nothing.
func (*res) Watch() []hostabi.WatchSpec { return nil }

// CheckApply logs "msg" on apply (with refresh_only, only when a refresh
// is pending), then the messages of the prints grouped into this one. It
// reports no change: printing does not alter the system.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	if !apply || (r.refreshOnly && !ctx.Refresh()) {
		return true, nil
	}
	ctx.Log("%s", r.msg)
	for _, g := range ctx.Group() {
		if msg, ok := g.Params.Field("msg"); ok {
			if s, ok := msg.(hostabi.StrValue); ok {
				ctx.Log("%s", string(s))
			}
		}
	}
	return true, nil
}
