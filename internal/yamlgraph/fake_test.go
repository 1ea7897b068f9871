package yamlgraph

import (
	"context"
	"errors"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// fakeKinds is a runtime.Kinds with a few kinds described in the test.
type fakeKinds map[string]*hostabi.KindInfo

func str(name string) hostabi.ParamInfo { return hostabi.ParamInfo{Name: name, Type: hostabi.TypeStr} }

// testKinds: file and noop take params, exec also sends, http:server has a
// colon in its kind.
var testKinds = fakeKinds{
	"file": {Kind: "file", Params: []hostabi.ParamInfo{str("path"), str("content"), str("state"), str("mode")},
		Traits: hostabi.Traits{Recv: true}},
	"exec": {Kind: "exec", Params: []hostabi.ParamInfo{
		str("cmd"),
		{Name: "args", Type: hostabi.NewList(hostabi.TypeStr)},
		{Name: "timeout", Type: hostabi.TypeInt},
		{Name: "env", Type: hostabi.NewMap(hostabi.TypeStr, hostabi.TypeStr)},
		{Name: "codes", Type: hostabi.NewMap(hostabi.TypeInt, hostabi.TypeStr)},
	}, Sends: []hostabi.ParamInfo{str("output"), {Name: "exitcode", Type: hostabi.TypeInt}},
		Traits: hostabi.Traits{Send: true}},
	"noop":        {Kind: "noop", Params: []hostabi.ParamInfo{str("comment")}},
	"http:server": {Kind: "http:server", Params: []hostabi.ParamInfo{str("address")}},
}

func (f fakeKinds) Lookup(kind string) (*hostabi.KindInfo, bool) {
	k, ok := f[kind]
	return k, ok
}

// New refuses the name "fail-new", to test how its errors are reported.
func (f fakeKinds) New(kind, name string, params map[string]hostabi.Value) (runtime.Res, error) {
	if name == "fail-new" {
		return nil, errors.New("refused by the plugin")
	}
	return &fakeRes{kind: kind, name: name, params: params}, nil
}

// fakeRes is a resource that records its params. It sends and receives.
type fakeRes struct {
	kind, name string
	params     map[string]hostabi.Value
}

func (r *fakeRes) Kind() string                                   { return r.kind }
func (r *fakeRes) Name() string                                   { return r.name }
func (r *fakeRes) Validate() error                                { return nil }
func (r *fakeRes) Watch(context.Context, hostabi.Events) error    { return nil }
func (r *fakeRes) CheckApply(context.Context, bool) (bool, error) { return true, nil }
func (r *fakeRes) Close() error                                   { return nil }
func (r *fakeRes) Sends() map[string]hostabi.Value                { return nil }
func (r *fakeRes) Recv(string, hostabi.Value) (bool, error)       { return false, nil }
func (r *fakeRes) Equal(o hostabi.Resource) bool                  { return o == hostabi.Resource(r) }

var (
	_ hostabi.Sender = (*fakeRes)(nil)
	_ hostabi.Recver = (*fakeRes)(nil)
)
