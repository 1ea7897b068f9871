package run

import (
	"context"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// ExitError is returned by Run when an exit resource asked mgmt to stop
// with a nonzero status.
type ExitError struct {
	// Code is the status the resource asked for (1 to 125).
	Code int
}

// Error says which status was asked for.
func (e *ExitError) Error() string {
	return fmt.Sprintf("an exit resource asked mgmt to exit with status %d", e.Code)
}

// exitKinds is the source of the exit kind. It is part of the core, not
// a plugin, because what it does is stop the core: on apply it asks Run to
// shut down cleanly with its code (upstream's ExitRes).
type exitKinds struct {
	requests chan int // buffered: the first request wins
}

// exitInfo describes the exit kind. Params: code (int, 0 to 125), the
// status mgmt exits with.
var exitInfo = hostabi.KindInfo{
	Kind:   "exit",
	Params: []hostabi.ParamInfo{{Name: "code", Type: hostabi.TypeInt}},
}

func newExitKinds() *exitKinds { return &exitKinds{requests: make(chan int, 1)} }

// Kinds lists the one kind.
func (k *exitKinds) Kinds() []string { return []string{exitInfo.Kind} }

// Lookup describes exit.
func (k *exitKinds) Lookup(kind string) (*hostabi.KindInfo, bool) {
	if kind != exitInfo.Kind {
		return nil, false
	}
	return &exitInfo, true
}

// New builds an exit resource.
func (k *exitKinds) New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error) {
	if kind != exitInfo.Kind {
		return nil, fmt.Errorf("unknown resource kind %q", kind)
	}
	r := &exitRes{name: name, requests: k.requests}
	for p, v := range params {
		iv, ok := v.(hostabi.IntValue)
		if p != "code" || !ok {
			return nil, fmt.Errorf("exit has no param %q of type %s (its params: [code])", p, v.Type())
		}
		r.code = int64(iv)
	}
	return r, nil
}

// exitRes is an exit resource.
type exitRes struct {
	name     string
	code     int64
	requests chan int
	logf     func(string, ...any)
}

func (r *exitRes) Kind() string { return exitInfo.Kind }
func (r *exitRes) Name() string { return r.name }

// Init keeps the logger.
func (r *exitRes) Init(init *hostabi.Init) error {
	r.logf = init.Logf
	return nil
}

// Validate wants a portable status.
func (r *exitRes) Validate() error {
	if r.code < 0 || r.code > 125 {
		return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "code", Message: fmt.Sprintf("code %d is not in the range 0 to 125", r.code)}
	}
	return nil
}

// Watch has nothing to watch.
func (r *exitRes) Watch(context.Context, hostabi.Events) error { return nil }

// CheckApply asks mgmt to exit when applied; a check only reports that it
// would.
func (r *exitRes) CheckApply(_ context.Context, apply bool) (bool, error) {
	if !apply {
		return false, nil
	}
	if r.logf != nil {
		r.logf("asking mgmt to exit with status %d", r.code)
	}
	select {
	case r.requests <- int(r.code):
	default: // an exit is already pending
	}
	return false, nil
}

// Close releases nothing.
func (r *exitRes) Close() error { return nil }

// Equal compares name and code.
func (r *exitRes) Equal(other hostabi.Resource) bool {
	o, ok := other.(*exitRes)
	return ok && o.name == r.name && o.code == r.code
}
