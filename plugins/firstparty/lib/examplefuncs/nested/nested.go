// Package nested is mcl's example/nested package, upstream's test of
// nested package imports (import "example/nested").
package nested

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the example/nested package.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "example/nested.hello", Sig: "func() str", Pure: true, Impl: hello},
	}
}

// hello returns a greeting.
func hello(*lib.Call) (hostabi.Value, error) { return hostabi.StrValue("Hello!"), nil }
