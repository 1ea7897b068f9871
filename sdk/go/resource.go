package mgmt

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Resource is one resource of a registered kind, built from its params for
// each call. Instances are not kept between calls (unless they are
// [Reusable]): everything a call needs comes from its params and from the
// [Context].
type Resource interface {
	// Validate checks the params. It must not touch the system. Return a
	// [ParamError] to name the bad param.
	Validate() error
	// Watch returns what the host must watch for the resource; when one
	// fires the host calls check again. None means "check on its own
	// schedule only".
	Watch() []hostabi.WatchSpec
	// CheckApply reports whether the state is correct (checkOK). With
	// apply false it only looks; with apply true it also corrects the
	// state, and then checkOK false with no error means it changed
	// something.
	CheckApply(ctx *Context, apply bool) (checkOK bool, err error)
}

// Reusable is a Resource that no call changes: everything it holds comes
// from its params, and its verbs keep their per-call state elsewhere. The
// SDK then serves the check and apply calls of one request (the same
// bytes, as each drift repair sends) with the value it built for the
// first, instead of building the resource anew for each: in a wasm guest
// that building is a good part of a call. Reusable itself is never
// called; it only marks the type.
type Reusable interface {
	Resource
	Reusable()
}

// Sender is a Resource of a kind with the send trait: after CheckApply the
// SDK returns Sends() as the values of the kind's sent fields.
type Sender interface {
	// Sends returns the sent fields' values by name.
	Sends() map[string]hostabi.Value
}

// AutoEdger is a Resource of a kind with the autoedge trait.
type AutoEdger interface {
	// AutoEdges returns what the resource manages (uids) and what it
	// depends on: groups of candidates in order of preference (edges).
	AutoEdges() (uids []hostabi.UID, edges [][]hostabi.UID, err error)
}

// Reverser is a Resource of a kind with the reverse trait: when the
// resource leaves the graph with Meta:reverse, the host runs the resource
// Reverse describes to undo it (a created file is removed).
type Reverser interface {
	// Reverse returns the params of the undoing resource (same kind and
	// name) that differ from this one's, by name; the params it leaves
	// out keep this resource's values. The host treats every param of
	// the reversal as set.
	Reverse() (map[string]hostabi.Value, error)
}

// ParamError returns an "invalid" error about the param called param, as
// validate and the kind constructors should report bad params.
func ParamError(param, format string, args ...any) error {
	return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: param, Message: fmt.Sprintf(format, args...)}
}
