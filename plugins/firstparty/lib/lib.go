// Package lib is the shape of mgmt's first-party function library: each
// library package (lib/strfuncs, lib/mathfuncs, ...) lists its functions as
// [Func] values, written against [Call] and [Host] only, so the same code
// runs natively in tests and inside the first-party library module
// (lib.wasm), where plugins/firstparty/libmod registers every Func with
// sdk/go.
package lib

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Func is one library function.
type Func struct {
	// Name is the function's mcl name, as in
	// ../shared/reference/functions.tsv ("strings.to_upper",
	// "golang/strings.to_lower").
	Name string
	// Sig is its signature in mcl syntax, with ?N type variables
	// ("func(a str) str", "func(0 ?1, 1 ?1) ?1"), or "" for a function
	// whose type the checker infers from its arguments (fmt.printf).
	Sig string
	// Pure says equal arguments always give equal results and the result
	// never changes by itself.
	Pure bool
	// Impl computes the function's value.
	Impl func(c *Call) (hostabi.Value, error)
}

// Call is one call of a Func.
type Call struct {
	// Type is the call's signature after type unification: a func type
	// without type variables, so a polymorphic function knows what to
	// return.
	Type *hostabi.Type
	// Args are the argument values, in order.
	Args []hostabi.Value
	// Host reaches what the function may read of the machine.
	Host Host

	watches []hostabi.WatchSpec
}

// Watch asks the host to call the function again, with the same
// arguments, when w fires: a streaming function (os.readfile,
// datetime.now) declares here what its value depends on.
func (c *Call) Watch(w hostabi.WatchSpec) { c.watches = append(c.watches, w) }

// Watches returns what the call asked to be watched.
func (c *Call) Watches() []hostabi.WatchSpec { return c.watches }

// Out is the result type of the call's signature, or nil.
func (c *Call) Out() *hostabi.Type {
	if c.Type == nil {
		return nil
	}
	return c.Type.Out
}

// Host is what a library function may reach beyond its arguments. Inside
// wasm it is backed by the host imports (and the plugin's capabilities);
// in native tests by the real machine.
type Host interface {
	// ReadFile returns the content of the file at path.
	ReadFile(path string) ([]byte, error)
	// Stat reports whether path exists and whether it is a directory.
	Stat(path string) (exists, dir bool, err error)
	// Hostname returns the machine's host name.
	Hostname() (string, error)
	// Exec runs argv and returns its standard output.
	Exec(argv []string) (stdout []byte, err error)
	// Environ returns the environment of the mgmt process as KEY=VALUE.
	Environ() []string
}
