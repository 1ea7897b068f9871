package cases

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
)

// FakeKinds is a KindSource with two small kinds for the lang tests:
// "res" (params s str, i int, l []str; sends out str; receives) and "sink"
// (param n int; neither sends nor receives).
type FakeKinds struct{}

// Lookup implements builtin.KindSource.
func (FakeKinds) Lookup(kind string) (*hostabi.KindInfo, bool) {
	switch kind {
	case "res":
		return &hostabi.KindInfo{Kind: "res", Params: []hostabi.ParamInfo{
			{Name: "s", Type: hostabi.TypeStr}, {Name: "i", Type: hostabi.TypeInt},
			{Name: "l", Type: hostabi.NewList(hostabi.TypeStr)},
		}, Sends: []hostabi.ParamInfo{{Name: "out", Type: hostabi.TypeStr}, {Name: "num", Type: hostabi.TypeInt}},
			Traits: hostabi.Traits{Send: true, Recv: true}}, true
	case "sink":
		return &hostabi.KindInfo{Kind: "sink", Params: []hostabi.ParamInfo{{Name: "n", Type: hostabi.TypeInt}}}, true
	}
	return nil, false
}

// FakeRegistry returns the builtin table over FakeKinds.
func FakeRegistry() builtin.Registry {
	t, err := builtin.NewTable(FakeKinds{}, "host")
	if err != nil {
		panic(err)
	}
	return t
}
