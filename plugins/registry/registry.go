// Package registry joins the sources of resource kinds and functions (the
// built-in kinds, the first-party plugin, installed plugins) into one
// runtime.Kinds-shaped registry that is also the builtin.Caller of the
// functions: a kind or a function comes from exactly one source.
package registry

import (
	"context"
	"fmt"
	"sort"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
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

// FuncSource is a Source that also provides functions, as a wasm plugin
// (wasmres.Plugin) does.
type FuncSource interface {
	// Funcs describes the functions it provides.
	Funcs() []hostabi.FuncInfo
	// Call runs one of its functions (see builtin.Caller).
	Call(ctx context.Context, name string, sig *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error)
}

// Registry maps each kind and each function to the source that provides
// it.
type Registry struct {
	byKind map[string]entry
	byFunc map[string]funcEntry
}

var _ builtin.Caller = (*Registry)(nil)

type entry struct {
	source string
	s      Source
}

type funcEntry struct {
	source string
	info   hostabi.FuncInfo
	s      FuncSource
}

// New returns an empty registry.
func New() *Registry {
	return &Registry{byKind: map[string]entry{}, byFunc: map[string]funcEntry{}}
}

// Add adds a source's kinds, and its functions when it is a FuncSource,
// under the source's name. A kind or function another source already
// provides, or a function the source lists twice, is an error naming
// both, and nothing of s is added.
func (r *Registry) Add(name string, s Source) error {
	kinds := s.Kinds()
	for _, k := range kinds {
		if e, dup := r.byKind[k]; dup {
			return fmt.Errorf("kind %q is provided by both %s and %s", k, e.source, name)
		}
	}
	fs, _ := s.(FuncSource)
	var funcs []hostabi.FuncInfo
	if fs != nil {
		funcs = fs.Funcs()
	}
	seen := make(map[string]bool, len(funcs))
	for _, f := range funcs {
		if e, dup := r.byFunc[f.Name]; dup {
			return fmt.Errorf("function %q is provided by both %s and %s", f.Name, e.source, name)
		}
		if seen[f.Name] {
			return fmt.Errorf("function %q is provided twice by %s", f.Name, name)
		}
		seen[f.Name] = true
	}
	for _, k := range kinds {
		r.byKind[k] = entry{source: name, s: s}
	}
	for _, f := range funcs {
		r.byFunc[f.Name] = funcEntry{source: name, info: f, s: fs}
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

// Funcs lists the name of every function, sorted.
func (r *Registry) Funcs() []string {
	out := make([]string, 0, len(r.byFunc))
	for name := range r.byFunc {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Func describes a function and names its source.
func (r *Registry) Func(name string) (info hostabi.FuncInfo, source string, ok bool) {
	e, ok := r.byFunc[name]
	return e.info, e.source, ok
}

// Call runs the function name of the source that provides it (see
// builtin.Caller). An unknown name is an error wrapping builtin.ErrNoFunc.
func (r *Registry) Call(ctx context.Context, name string, sig *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	e, ok := r.byFunc[name]
	if !ok {
		return nil, nil, fmt.Errorf("function %q: %w", name, builtin.ErrNoFunc)
	}
	return e.s.Call(ctx, name, sig, args)
}
