// Package noop is the first-party noop kind: a resource that does nothing,
// useful as a graph node to hang edges and notifications on.
package noop

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Info describes the noop kind. Params: comment (str), which is only
// remembered.
var Info = hostabi.KindInfo{
	Kind:   "noop",
	Params: []hostabi.ParamInfo{{Name: "comment", Type: hostabi.TypeStr}},
	Traits: hostabi.Traits{Groupable: true, Refresh: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &res{}, nil
	})
}

// res is a noop resource.
type res struct{}

// Validate accepts every noop.
func (*res) Validate() error { return nil }

// Watch watches nothing.
func (*res) Watch() []hostabi.WatchSpec { return nil }

// CheckApply is always fine: there is nothing to manage. A pending refresh
// is logged, as upstream's noop does.
func (*res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	if ctx.Refresh() && apply {
		ctx.Log("received a notification")
	}
	return true, nil
}
