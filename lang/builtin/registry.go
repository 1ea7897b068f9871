// Package builtin is what the mcl checker knows about the world outside the
// program: the functions it may call, the resource kinds it may declare and
// the built-in variables, behind the Registry interface. It also provides
// Table, a registry of the language's built-in functions and of the library's
// signatures, so that programs can be checked before the library's plugins
// exist.
package builtin

import (
	"errors"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Registry is what the scope and type phases ask about names that the
// program does not define.
type Registry interface {
	// Func returns the type of the function with the registry name name
	// ("len", "fmt.printf", "golang/strings.to_lower"). The type may hold
	// type variables (?1), which are fresh at every call. When infer is not
	// nil it computes the type of each call instead, from what is known
	// about the call; sig is then only descriptive and may be nil.
	Func(name string) (sig *hostabi.Type, infer InferFunc, ok bool)
	// Kind returns the schema of a resource kind.
	Kind(kind string) (*hostabi.KindInfo, bool)
	// Packages returns the import paths of the core packages ("fmt",
	// "golang/strings", ...).
	Packages() []string
	// Var returns a built-in variable by its dotted name ("hostname",
	// "const.res.file.state.exists", "os.family_debian").
	Var(name string) (Var, bool)
}

// Var is a built-in variable.
type Var struct {
	// Type is the variable's type.
	Type *hostabi.Type
	// Value is its value when known statically (a string, int64, float64
	// or bool), or nil.
	Value any
}

// InferFunc computes the type of one call of a function whose type depends
// on its arguments: the returned type is a function type with one argument
// per call argument, and may hold type variables (fresh for this call).
// It returns ErrNeedMore when it cannot decide yet; the checker calls it
// again when more is known, and reports the call as ambiguous if it never
// can.
type InferFunc func(c *Call) (*hostabi.Type, error)

// ErrNeedMore is returned by an InferFunc that needs more type information.
var ErrNeedMore = errors.New("not enough type information yet")

// Call is what the checker knows about one call when it calls an InferFunc.
type Call struct {
	// Name is the function's registry name.
	Name string
	// Args describe the arguments, in order.
	Args []Arg
	// Out is the result type as far as it is known (it may hold ?
	// variables), or nil when nothing is known.
	Out *hostabi.Type
}

// Arg is what is known about one argument of a call.
type Arg struct {
	// Type is the argument's type as far as it is known (unknown parts
	// are type variables named "?"), or nil when nothing is known.
	Type *hostabi.Type
	// Value is the argument's value when it is a constant (a string,
	// int64, float64 or bool), or nil.
	Value any
}
