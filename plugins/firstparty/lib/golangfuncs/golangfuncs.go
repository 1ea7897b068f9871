// Package golangfuncs is mgmt's golang/* function library: thin wrappers of
// Go's standard library (golang/math, golang/strings, golang/strconv,
// golang/path, golang/path/filepath, golang/html, golang/math/rand,
// golang/runtime, golang/os, golang/os/exec) with mcl types, where ints
// are int64 and floats float64.
//
// The wrappers that would ask the machine (the environment, files, ids,
// the host name, CPUs) ask it through the call's [lib.Host], because the
// wasm module's own process knows nothing of the host; the few answers
// that only the module's runtime can give (runtime.num_goroutine,
// runtime.stack, ...) are the module's, as their doc says.
package golangfuncs

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// impl computes one function's value.
type impl = func(c *lib.Call) (hostabi.Value, error)

// entry is one wrapper: its name within its Go package, its mcl signature
// and its implementation.
type entry struct {
	name, sig string
	impl      impl
}

// module is the wrappers of one Go package.
type module struct {
	pkg     string // "math", "path/filepath", ...
	entries []entry
}

// modules lists every wrapped package, in functions.tsv's order.
func modules() []module {
	return []module{
		{"html", htmlEntries()},
		{"math", mathEntries()},
		{"math/rand", randEntries()},
		{"os", osEntries()},
		{"os/exec", execEntries()},
		{"path", pathEntries()},
		{"path/filepath", filepathEntries()},
		{"runtime", runtimeEntries()},
		{"strconv", strconvEntries()},
		{"strings", stringsEntries()},
	}
}

// Funcs returns every golang/* function. They are all pure, as upstream
// declares them: equal arguments give equal results for the life of a
// program (a program does not see its environment or ids change).
func Funcs() []lib.Func {
	var fs []lib.Func
	for _, m := range modules() {
		for _, e := range m.entries {
			name := "golang/" + m.pkg + "." + e.name
			fs = append(fs, lib.Func{Name: name, Sig: e.sig, Pure: true, Impl: guard(name, e.impl)})
		}
	}
	return fs
}

// guard prefixes f's errors with the function's name and turns a panic of
// the wrapped Go function into an error.
func guard(name string, f impl) impl {
	return func(c *lib.Call) (v hostabi.Value, err error) {
		defer func() {
			if r := recover(); r != nil {
				v, err = nil, fmt.Errorf("%s: panic: %v", name, r)
			}
		}()
		v, err = f(c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return v, nil
	}
}
