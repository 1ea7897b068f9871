// Package wasmres turns a wasm plugin module into resource kinds the engine
// can run and functions it can call: it checks the module's ABI version,
// asks it to describe itself, and builds hostabi.Resource values whose
// verbs are calls into the module (docs/abi.md, sections 2 and 6); Call
// runs the call verb. The host owns the watches the guest asks for
// (section 10).
package wasmres

import (
	"context"
	"fmt"
	"slices"
	"sort"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
)

// HostName is what the host tells plugins in the describe request.
const HostName = "mgmt-wasm"

// Plugin is a loaded plugin: its module and what it described.
type Plugin struct {
	mod     Module
	desc    *hostabi.DescribeResponse
	kinds   map[string]*hostabi.KindInfo
	funcs   map[string]*hostabi.FuncInfo
	watcher *hostwatch.Watcher
	granted hostabi.Capabilities
	// kv serves the resources' kv watches (nil: none).
	kv hostfuncs.KV
	// prepare says the module exports the optional prepare verb, which
	// Validate then calls (prepare.go).
	prepare bool
}

// WatchKV makes kv serve the kv watches of the plugin's resources; without
// it they fail as unsupported.
func (p *Plugin) WatchKV(kv hostfuncs.KV) { p.kv = kv }

// Load checks the module's ABI version, calls describe, and verifies that
// the module exports every verb its description needs. mod is usually a
// *wasmhost.Module. granted are the
// capabilities the plugin may use: its host imports are refused anything
// else, whatever it asked for in describe.
func Load(ctx context.Context, mod Module, w *hostwatch.Watcher, granted hostabi.Capabilities) (*Plugin, error) {
	out, err := mod.Invoke(ctx, hostabi.ExportVersion)
	if err != nil {
		return nil, err
	}
	if v := int32(out[0]); v != hostabi.Version {
		return nil, fmt.Errorf("plugin %s: ABI version %d, this host speaks %d", mod.Name(), v, hostabi.Version)
	}
	req, err := (&hostabi.DescribeRequest{Host: HostName}).MarshalBinary()
	if err != nil {
		return nil, err
	}
	resp, err := mod.CallMax(ctx, hostabi.VerbDescribe, req, smallResponse)
	if err != nil {
		return nil, err
	}
	desc := &hostabi.DescribeResponse{}
	if err := desc.UnmarshalBinary(resp); err != nil {
		return nil, fmt.Errorf("plugin %s: describe: %w", mod.Name(), err)
	}
	if desc.Error != nil {
		return nil, fmt.Errorf("plugin %s: describe: %w", mod.Name(), desc.Error)
	}
	if desc.Encoding != "" && desc.Encoding != hostabi.EncodingBin1 {
		return nil, fmt.Errorf("plugin %s: encoding %q is not supported (want %q)", mod.Name(), desc.Encoding, hostabi.EncodingBin1)
	}
	exports := mod.Exports()
	var missing []string
	for _, name := range desc.RequiredExports() {
		if _, ok := exports[name]; !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("plugin %s: its description needs exports it lacks: %v", mod.Name(), missing)
	}
	p := &Plugin{mod: mod, desc: desc, kinds: map[string]*hostabi.KindInfo{}, funcs: map[string]*hostabi.FuncInfo{}, watcher: w, granted: granted}
	_, p.prepare = exports[hostabi.VerbPrepare]
	for i := range desc.Kinds {
		k := &desc.Kinds[i]
		if _, dup := p.kinds[k.Kind]; dup {
			return nil, fmt.Errorf("plugin %s: kind %q is described twice", mod.Name(), k.Kind)
		}
		p.kinds[k.Kind] = k
	}
	for i := range desc.Functions {
		f := &desc.Functions[i]
		if _, dup := p.funcs[f.Name]; dup {
			return nil, fmt.Errorf("plugin %s: function %q is described twice", mod.Name(), f.Name)
		}
		p.funcs[f.Name] = f
	}
	return p, nil
}

// Description is what the plugin said about itself.
func (p *Plugin) Description() *hostabi.DescribeResponse { return p.desc }

// Kinds lists the kinds the plugin provides, sorted.
func (p *Plugin) Kinds() []string {
	out := make([]string, 0, len(p.kinds))
	for k := range p.kinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Lookup describes a kind of the plugin.
func (p *Plugin) Lookup(kind string) (*hostabi.KindInfo, bool) {
	k, ok := p.kinds[kind]
	return k, ok
}

// New builds a resource of one of the plugin's kinds. params holds the
// params the user set; the others take their defaults (or zero values), as
// the ABI asks the host to send every param, and are named in the spec's
// Unset. The resource implements exactly the trait interfaces of hostabi
// that its kind declares.
func (p *Plugin) New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error) {
	k, ok := p.kinds[kind]
	if !ok {
		return nil, fmt.Errorf("plugin %s provides no kind %q", p.mod.Name(), kind)
	}
	full, unset, err := fillParams(k, params)
	if err != nil {
		return nil, err
	}
	return p.newResource(k, hostabi.ResourceSpec{Kind: kind, Name: name, Params: full, Unset: unset}), nil
}

// newResource builds the resource for spec, wrapped in the type that has
// the trait methods of k's traits and no others.
func (p *Plugin) newResource(k *hostabi.KindInfo, spec hostabi.ResourceSpec) hostabi.Resource {
	return withTraits(&resource{p: p, info: k, spec: spec})
}

// fillParams builds the params struct: every param in the described order,
// the user's value, else the default, else the zero value. unset names the
// params the user did not give, sorted.
func fillParams(k *hostabi.KindInfo, params map[string]hostabi.Value) (full *hostabi.StructValue, unset []string, err error) {
	for name := range params {
		if k.Param(name) == nil {
			known := make([]string, 0, len(k.Params))
			for _, p := range k.Params {
				known = append(known, p.Name)
			}
			slices.Sort(known)
			return nil, nil, fmt.Errorf("%s has no param %q (its params: %v)", k.Kind, name, known)
		}
	}
	if len(k.Params) == 0 {
		return nil, nil, nil
	}
	values := make([]hostabi.Value, len(k.Params))
	for i, p := range k.Params {
		v, ok := params[p.Name]
		switch {
		case ok:
			if v == nil || !v.Type().Equal(p.Type) {
				return nil, nil, fmt.Errorf("param %s: %w: want %s, got %s", p.Name, hostabi.ErrType, p.Type, typeOf(v))
			}
		case p.Default != nil:
			v = p.Default
		default:
			z, err := hostabi.Zero(p.Type)
			if err != nil {
				return nil, nil, fmt.Errorf("param %s: %w", p.Name, err)
			}
			v = z
		}
		if !ok {
			unset = append(unset, p.Name)
		}
		values[i] = v
	}
	slices.Sort(unset)
	return &hostabi.StructValue{T: paramsType(k), Fields: values}, unset, nil
}

// paramsType is the struct type of k's params: one field per param, in
// the described order.
func paramsType(k *hostabi.KindInfo) *hostabi.Type {
	fields := make([]hostabi.Field, len(k.Params))
	for i, p := range k.Params {
		fields[i] = hostabi.Field{Name: p.Name, Type: p.Type}
	}
	return hostabi.NewStruct(fields...)
}

// typeOf is v's type, or nil for a nil value (for error messages).
func typeOf(v hostabi.Value) *hostabi.Type {
	if v == nil {
		return nil
	}
	return v.Type()
}
