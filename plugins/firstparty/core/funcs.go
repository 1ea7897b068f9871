package main

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/all"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/testfuncs"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// placeholderSig is the signature described for a library function whose
// Sig is "" (its type is inferred from its arguments, as printf's): the
// host's checker takes the signatures of library names from lang/builtin's
// table, not from the plugin, and the call verb always carries the
// settled signature.
const placeholderSig = "func() ?1"

// The function library: every function of lib/all, and the internal test
// functions of lib/testfuncs (names in the package "internal", which mcl
// programs cannot import).
func init() {
	for _, f := range append(all.All(), testfuncs.Funcs()...) {
		registerLib(f)
	}
}

// registerLib registers one library function with the SDK. It panics on a
// signature that does not parse, as RegisterFunc does on a duplicate name:
// both are bugs of the library that make shows at once.
func registerLib(f lib.Func) {
	sig := f.Sig
	if sig == "" {
		sig = placeholderSig
	}
	t, err := hostabi.ParseType(sig)
	if err != nil {
		panic(fmt.Sprintf("library function %s: signature %q: %v", f.Name, f.Sig, err))
	}
	impl := f.Impl
	mgmt.RegisterFunc(hostabi.FuncInfo{Name: f.Name, Type: t, Pure: f.Pure}, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		call := &lib.Call{Type: c.Type, Args: c.Args, Host: sdkHost{c}}
		v, err := impl(call)
		c.Watch(call.Watches()...)
		return v, err
	})
}
