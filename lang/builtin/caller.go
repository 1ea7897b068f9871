package builtin

import (
	"context"
	"errors"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Caller runs the functions that plugins provide (the library: fmt.printf,
// strings.*, os.readfile, ...). The function engine calls it for every
// function that is not part of the language's core.
type Caller interface {
	// Call runs the function with the registry name name, with sig its
	// signature after type unification (a func type without type
	// variables) and args its argument values. It returns the value and
	// the event sources after which the function must be called again
	// with the same arguments (for streaming functions; nil otherwise).
	// An unknown name is an error wrapping ErrNoFunc.
	Call(ctx context.Context, name string, sig *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error)
}

// ErrNoFunc is wrapped by the error of a Caller asked for a function that no
// plugin provides.
var ErrNoFunc = errors.New("no plugin provides this function")
