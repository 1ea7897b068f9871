package mgmt

import (
	"fmt"
	"slices"
	"sync/atomic"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Constructor builds the resource called name from its params. An error
// (best a [ParamError]) fails the call with code "invalid" unless it
// carries another code.
type Constructor func(name string, params Params) (Resource, error)

// kind is a registered resource kind.
type kind struct {
	info  hostabi.KindInfo
	new   Constructor
	index map[string]int // param name -> position in info.Params
	// fields is the params struct type of the last request whose fields
	// matched the declaration; composite types are interned by the
	// decoder, so the next request of the kind is checked by comparing
	// one pointer.
	fields atomic.Pointer[hostabi.Type]
}

// The plugin's registry, filled by init functions before any verb runs.
var (
	pluginName    = "go-plugin"
	pluginVersion = "0"
	capabilities  []string
	kinds         = map[string]*kind{}
	kindOrder     []string
)

// SetPlugin sets the plugin name and version that describe reports.
func SetPlugin(name, version string) {
	pluginName, pluginVersion = name, version
}

// RequireCapabilities adds capabilities (such as "fs.read:/etc") that
// describe asks the host for (docs/abi.md section 9).
func RequireCapabilities(caps ...string) {
	capabilities = append(capabilities, caps...)
}

// Register adds a resource kind: info is what describe reports (kind name,
// params in order, sends, traits) and new builds a resource for each call.
// It panics on an empty or duplicate kind, a param without a type, or a
// nil constructor, as these are programming errors.
func Register(info hostabi.KindInfo, new Constructor) {
	switch {
	case info.Kind == "":
		panic("mgmt.Register: empty kind")
	case kinds[info.Kind] != nil:
		panic(fmt.Sprintf("mgmt.Register: kind %q registered twice", info.Kind))
	case new == nil:
		panic(fmt.Sprintf("mgmt.Register: kind %q: nil constructor", info.Kind))
	}
	for _, p := range append(append([]hostabi.ParamInfo(nil), info.Params...), info.Sends...) {
		if p.Name == "" || p.Type == nil {
			panic(fmt.Sprintf("mgmt.Register: kind %q: param %q without a name or type", info.Kind, p.Name))
		}
	}
	index := make(map[string]int, len(info.Params))
	for i, p := range info.Params {
		index[p.Name] = i
	}
	kinds[info.Kind] = &kind{info: info, new: new, index: index}
	kindOrder = append(kindOrder, info.Kind)
}

// resetRegistry forgets every registration (for tests).
func resetRegistry() {
	pluginName, pluginVersion, capabilities = "go-plugin", "0", nil
	kinds, kindOrder = map[string]*kind{}, nil
	funcs, funcOrder = map[string]*fn{}, nil
	checkRequests.reset() // their resources are of the kinds forgotten
	lastPrepared.reset()
}

// lookup returns the registered kind called name, or an "unsupported"
// error naming the plugin.
func lookup(name string) (*kind, error) {
	k := kinds[name]
	if k == nil {
		return nil, &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: fmt.Sprintf("plugin %s has no kind %q", pluginName, name)}
	}
	return k, nil
}

// params turns the params of a request into Params, checked against the
// kind's declared params: every declared param is present with its type
// (a missing one takes its default or zero value, and counts as unset)
// and no other. The request's unset names carry over.
func (k *kind) params(spec *hostabi.ResourceSpec) (Params, error) {
	p := Params{Values: make(map[string]hostabi.Value, len(k.info.Params)), Unset: slices.Clone(spec.Unset)}
	if s := spec.Params; s != nil {
		if s.T != k.fields.Load() || len(s.Fields) != len(s.T.Fields) {
			if err := k.checkFields(s); err != nil {
				return Params{}, err
			}
			k.fields.Store(s.T)
		}
		for i, f := range s.T.Fields {
			p.Values[f.Name] = s.Fields[i]
		}
	}
	if len(p.Values) < len(k.info.Params) {
		for _, decl := range k.info.Params {
			if _, ok := p.Values[decl.Name]; ok {
				continue
			}
			v := decl.Default
			if v == nil {
				z, err := hostabi.Zero(decl.Type)
				if err != nil {
					return Params{}, ParamError(decl.Name, "%v", err)
				}
				v = z
			}
			p.Values[decl.Name] = v
			p.Unset = append(p.Unset, decl.Name)
		}
		slices.Sort(p.Unset)
		p.Unset = slices.Compact(p.Unset)
	}
	return p, nil
}

// checkFields checks that every field of a params struct is a declared
// param of the declared type.
func (k *kind) checkFields(s *hostabi.StructValue) error {
	for i, f := range s.T.Fields {
		at, ok := k.index[f.Name]
		if !ok {
			return ParamError(f.Name, "kind %s has no param %s", k.info.Kind, f.Name)
		}
		if i >= len(s.Fields) || !f.Type.Equal(k.info.Params[at].Type) {
			return ParamError(f.Name, "param %s is %s, want %s", f.Name, f.Type, k.info.Params[at].Type)
		}
	}
	return nil
}
