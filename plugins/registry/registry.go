// Package registry joins the sources of resource kinds (the built-in
// kinds, installed plugins) into one runtime.Kinds-shaped registry: a kind
// comes from exactly one source.
package registry

import (
	"fmt"
	"sort"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Source provides resource kinds.
type Source interface {
	// Kinds lists the kinds it provides.
	Kinds() []string
	// Lookup describes one of its kinds.
	Lookup(kind string) (*hostabi.KindInfo, bool)
	// New builds a resource of one of its kinds.
	New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error)
}

// Registry maps each kind to the source that provides it.
type Registry struct {
	byKind map[string]entry
}

type entry struct {
	source string
	s      Source
}

// New returns an empty registry.
func New() *Registry { return &Registry{byKind: map[string]entry{}} }

// Add adds a source's kinds under the source's name. A kind another source
// already provides is an error naming both, and nothing of s is added.
func (r *Registry) Add(name string, s Source) error {
	kinds := s.Kinds()
	for _, k := range kinds {
		if e, dup := r.byKind[k]; dup {
			return fmt.Errorf("kind %q is provided by both %s and %s", k, e.source, name)
		}
	}
	for _, k := range kinds {
		r.byKind[k] = entry{source: name, s: s}
	}
	return nil
}

// Kinds lists every kind, sorted.
func (r *Registry) Kinds() []string {
	out := make([]string, 0, len(r.byKind))
	for k := range r.byKind {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Source names the source of a kind ("" if none).
func (r *Registry) Source(kind string) string { return r.byKind[kind].source }

// Lookup describes a kind.
func (r *Registry) Lookup(kind string) (*hostabi.KindInfo, bool) {
	e, ok := r.byKind[kind]
	if !ok {
		return nil, false
	}
	return e.s.Lookup(kind)
}

// New builds a resource of a kind.
func (r *Registry) New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error) {
	e, ok := r.byKind[kind]
	if !ok {
		return nil, fmt.Errorf("unknown resource kind %q", kind)
	}
	return e.s.New(kind, name, params)
}
