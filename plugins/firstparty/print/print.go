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
// is pending), then does the same for each print grouped into this one,
// each by its own refresh_only. It reports no change: printing does not
// alter the system.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	if !apply {
		return true, nil
	}
	if !r.refreshOnly || ctx.Refresh() {
		ctx.Log("%s", r.msg)
	}
	for _, g := range ctx.Group() {
		p, err := mgmt.ParamsOf(&g)
		if err != nil {
			return false, err
		}
		if !p.Bool("refresh_only") || ctx.Refresh() {
			ctx.Log("%s[%s]: %s", g.Kind, g.Name, p.Str("msg"))
		}
	}
	return true, nil
}
