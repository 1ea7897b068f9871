package mgmt

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Resource is one resource of a registered kind, built from its params for
// each call. Instances are not kept between calls: everything a call needs
// comes from its params and from the [Context].
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

// Params are a resource's params by name, each of the type its kind
// declared (the SDK checks that before calling the kind's constructor).
type Params map[string]hostabi.Value

// Str returns the str param called name, or "".
func (p Params) Str(name string) string {
	v, _ := p[name].(hostabi.StrValue)
	return string(v)
}

// Int returns the int param called name, or 0.
func (p Params) Int(name string) int64 {
	v, _ := p[name].(hostabi.IntValue)
	return int64(v)
}

// Bool returns the bool param called name, or false.
func (p Params) Bool(name string) bool {
	v, _ := p[name].(hostabi.BoolValue)
	return bool(v)
}

// Float returns the float param called name, or 0.
func (p Params) Float(name string) float64 {
	v, _ := p[name].(hostabi.FloatValue)
	return float64(v)
}

// Go returns the param called name as a plain Go value (see
// [hostabi.ToGo]), or nil.
func (p Params) Go(name string) any {
	if v, ok := p[name]; ok {
		return hostabi.ToGo(v)
	}
	return nil
}

// ParamError returns an "invalid" error about the param called param, as
// validate and the kind constructors should report bad params.
func ParamError(param, format string, args ...any) error {
	return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: param, Message: fmt.Sprintf(format, args...)}
}
