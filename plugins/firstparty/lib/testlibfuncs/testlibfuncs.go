// Package testlibfuncs is mcl's test package: the functions upstream mgmt
// ships to test its own engine (test.one_instance_*, test.one_stream,
// test.fastcount, ...). Programs import it as "test".
//
// Upstream keeps their state in each function node; here a function is
// called, not instantiated, so their state lives in the module instance
// (see state): it lasts as long as the wasm instance does, and a fresh
// instance starts again from zero.
package testlibfuncs

import (
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the test package, with the signatures
// and purity of ../shared/reference/functions.tsv.
func Funcs() []lib.Func {
	fs := []lib.Func{
		{Name: "test.fastcount", Sig: "func() int", Pure: false, Impl: fastCount},
		{Name: "test.forkvloop", Sig: "func() map{str: str}", Pure: false, Impl: forKVLoop},
		{Name: "test.forloop", Sig: "func() []str", Pure: false, Impl: forLoop},
		{Name: "test.one_stream", Sig: "func(count int) str", Pure: false, Impl: oneStream},
		{Name: "test.slow_string", Sig: "func() str", Pure: false, Impl: slowString},
	}
	// Upstream's a, c, e and g are facts (impure), b, d, f and h simple
	// pure functions; all of them may run only once.
	for i, letter := range "abcdefgh" {
		name := "test.one_instance_" + string(letter)
		fs = append(fs, lib.Func{Name: name, Sig: "func() str", Pure: i%2 == 1, Impl: oneInstance(name)})
	}
	return fs
}
