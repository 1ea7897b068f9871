package main

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/libmod/libinfo"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// The function library: every function of libinfo.Funcs, described as
// libinfo.Info describes it (the host's native list is the same).
func init() {
	for _, f := range libinfo.Funcs() {
		registerLib(f)
	}
}

// registerLib registers one library function with the SDK. It panics on a
// signature that does not parse, as RegisterFunc does on a duplicate name:
// both are bugs of the library that make shows at once.
func registerLib(f lib.Func) {
	info, err := libinfo.Info(f)
	if err != nil {
		panic(err.Error())
	}
	impl := f.Impl
	mgmt.RegisterFunc(info, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		call := &lib.Call{Type: c.Type, Args: c.Args, Host: sdkHost{c}}
		v, err := impl(call)
		c.Watch(call.Watches()...)
		return v, err
	})
}
