// Package builtin provides the first-party resource kinds (noop, print,
// file) natively in Go. It serves until the wasm plugin host exists, and
// afterwards as the direct-Go baseline that the host's overhead is measured
// against. Its [Registry] satisfies the engine's kind lookup (runtime.Kinds).
package builtin

import (
	"errors"
	"fmt"
	"slices"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
)

var (
	// ErrUnknownKind is wrapped by errors for a kind the registry lacks.
	ErrUnknownKind = errors.New("unknown resource kind")
	// ErrUnknownParam is wrapped by errors for a param the kind lacks.
	ErrUnknownParam = errors.New("unknown param")
	// ErrInvalid is wrapped by Validate errors.
	ErrInvalid = errors.New("invalid resource")
)

// kindDef is one kind: its description and its constructor.
type kindDef struct {
	info *hostabi.KindInfo
	new  func(r *Registry, b *base) hostabi.Resource
}

// Registry holds the Go-native kinds. It is safe for concurrent use.
type Registry struct {
	w     *hostwatch.Watcher
	kinds map[string]kindDef
}

// New returns a registry whose resources take their file-system events from
// w. w may be nil when no file resource will be watched: Watch then fails.
func New(w *hostwatch.Watcher) *Registry {
	r := &Registry{w: w, kinds: make(map[string]kindDef)}
	for _, d := range []kindDef{
		{noopInfo(), newNoop},
		{printInfo(), newPrint},
		{fileInfo(), newFile},
	} {
		r.kinds[d.info.Kind] = d
	}
	return r
}

// Lookup describes kind, or reports false when the registry lacks it. The
// returned KindInfo is shared and must not be modified.
func (r *Registry) Lookup(kind string) (*hostabi.KindInfo, bool) {
	d, ok := r.kinds[kind]
	if !ok {
		return nil, false
	}
	return d.info, true
}

// New builds a resource of kind called name. params holds the params the
// user set; each must be a param of the kind and of its declared type. The
// others take their defaults. New does not validate the resource: the
// engine calls Validate.
func (r *Registry) New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error) {
	d, ok := r.kinds[kind]
	if !ok {
		return nil, fmt.Errorf("%s[%s]: %w %q", kind, name, ErrUnknownKind, kind)
	}
	set := make(map[string]hostabi.Value, len(params))
	for k, v := range params {
		p := d.info.Param(k)
		if p == nil {
			return nil, fmt.Errorf("%s[%s]: %w %q", kind, name, ErrUnknownParam, k)
		}
		if v == nil || !v.Type().Equal(p.Type) {
			return nil, fmt.Errorf("%s[%s]: param %s: %w: want %s, got %s",
				kind, name, k, hostabi.ErrType, p.Type, typeOf(v))
		}
		set[k] = v
	}
	return d.new(r, &base{kind: kind, name: name, params: set}), nil
}

// Kinds lists the kinds the registry provides, sorted.
func (r *Registry) Kinds() []string {
	out := make([]string, 0, len(r.kinds))
	for k := range r.kinds {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// typeOf returns v's type for messages, tolerating nil.
func typeOf(v hostabi.Value) *hostabi.Type {
	if v == nil {
		return nil
	}
	return v.Type()
}
