// Package exitkind is the core's exit kind: a resource that, when applied,
// asks mgmt to shut down cleanly with its code (upstream's ExitRes). It is
// part of the core, not a plugin, because what it does is stop the core.
package exitkind

import (
	"context"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Source is the source of the exit kind (a registry.Source). Its
// resources send their code on Requests when applied.
type Source struct {
	requests chan int // buffered: the first request wins
}

// Info describes the exit kind. Params: code (int, 0 to 125), the status
// mgmt exits with.
var Info = hostabi.KindInfo{
	Kind:   "exit",
	Params: []hostabi.ParamInfo{{Name: "code", Type: hostabi.TypeInt}},
}

// New returns the source of the exit kind.
func New() *Source { return &Source{requests: make(chan int, 1)} }

// Requests delivers the code of the first exit resource applied.
func (k *Source) Requests() <-chan int { return k.requests }

// Kinds lists the one kind.
func (k *Source) Kinds() []string { return []string{Info.Kind} }

// Lookup describes exit.
func (k *Source) Lookup(kind string) (*hostabi.KindInfo, bool) {
	if kind != Info.Kind {
		return nil, false
	}
	return &Info, true
}

// New builds an exit resource.
func (k *Source) New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error) {
	if kind != Info.Kind {
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

func (r *exitRes) Kind() string { return Info.Kind }
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
