// Package sysfuncs is mgmt's sys.* function library: the environment,
// host name, CPUs, load and uptime of the machine mgmt runs on, read
// through the call's [lib.Host] (see package osfuncs/hostinfo). The facts
// that change by themselves ask to be called again: on a change of
// /etc/hostname, or every few seconds.
package sysfuncs

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// module is the mcl module of these functions.
const module = "sys"

// Funcs returns every sys.* function.
func Funcs() []lib.Func {
	fs := []lib.Func{
		{Name: "hostname", Sig: "func() str", Impl: hostname},
		{Name: "getenv", Sig: "func(str) str", Impl: getenv},
		{Name: "hasenv", Sig: "func(str) bool", Impl: hasenv},
		{Name: "env", Sig: "func() map{str: str}", Impl: env},
		{Name: "cpu_count", Sig: "func() int", Impl: cpuCount},
		{Name: "load", Sig: "func() " + loadSig, Impl: load},
		{Name: "uptime", Sig: "func() int", Impl: uptime},
	}
	for i := range fs {
		name, f := module+"."+fs[i].Name, fs[i].Impl
		fs[i].Name = name
		fs[i].Impl = func(c *lib.Call) (hostabi.Value, error) {
			v, err := f(c)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			return v, nil
		}
	}
	return fs
}
