package wasmres

import (
	"context"
	"fmt"
	"slices"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// This file holds the plugin's functions and the call verb (docs/abi.md,
// "Function verbs").

// Funcs lists the functions the plugin provides, in the order it
// described them.
func (p *Plugin) Funcs() []hostabi.FuncInfo { return slices.Clone(p.desc.Functions) }

// Func describes a function of the plugin.
func (p *Plugin) Func(name string) (*hostabi.FuncInfo, bool) {
	f, ok := p.funcs[name]
	return f, ok
}

// Call runs the call verb: the function name with the signature sig (a
// func type without type variables, as type unification settled it; nil
// takes the described signature when it has none) and the argument values
// args, which must be of sig's argument types. It returns the function's
// value, of sig's result type, and the watches after which the function
// must be called again. The call runs on the module's instance pool under
// the host's deadline; the host imports it makes are checked against the
// plugin's grants, as a resource's are, and so are its path watches. When
// the function fails, the watches it asked for come with the error, so
// that the caller may try again when they fire.
func (p *Plugin) Call(ctx context.Context, name string, sig *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	f, ok := p.funcs[name]
	if !ok {
		return nil, nil, fmt.Errorf("plugin %s provides no function %q", p.mod.Name(), name)
	}
	if sig == nil {
		sig = f.Type
	}
	if err := checkArgs(sig, args); err != nil {
		return nil, nil, fmt.Errorf("plugin %s: function %s: %w", p.mod.Name(), name, err)
	}
	req, err := (&hostabi.CallRequest{Name: name, Type: sig, Args: args}).MarshalBinary()
	if err != nil {
		return nil, nil, fmt.Errorf("plugin %s: function %s: %w", p.mod.Name(), name, err)
	}
	resp := &hostabi.CallResponse{}
	if err := p.call(ctx, "", hostabi.VerbCall, req, wasmhost.MaxResponse, resp); err != nil {
		return nil, nil, fmt.Errorf("function %s: %w", name, err)
	}
	for _, w := range resp.Watches {
		if err := p.checkWatch(w); err != nil {
			return nil, nil, fmt.Errorf("plugin %s: function %s: %w", p.mod.Name(), name, err)
		}
	}
	if err := guestError(resp.Error); err != nil {
		return nil, resp.Watches, fmt.Errorf("plugin %s: function %s: %w", p.mod.Name(), name, err)
	}
	if t := resp.Result.Type(); !t.Equal(sig.Out) {
		return nil, nil, fmt.Errorf("plugin %s: function %s: %w: it returned a %s, its signature %s wants a %s", p.mod.Name(), name, hostabi.ErrType, t, sig, sig.Out)
	}
	return resp.Result, resp.Watches, nil
}

// checkArgs checks that sig is a func type without type variables and
// that args match its arguments.
func checkArgs(sig *hostabi.Type, args []hostabi.Value) error {
	switch {
	case sig.Kind != hostabi.KindFunc:
		return fmt.Errorf("%w: signature %s is not a func type", hostabi.ErrType, sig)
	case sig.HasVars():
		return fmt.Errorf("%w: signature %s still has type variables", hostabi.ErrType, sig)
	case len(args) != len(sig.In):
		return fmt.Errorf("%w: %d arguments for the signature %s", hostabi.ErrType, len(args), sig)
	}
	for i, a := range args {
		if a == nil || !a.Type().Equal(sig.In[i].Type) {
			return fmt.Errorf("%w: argument %d is a %s, the signature %s wants a %s", hostabi.ErrType, i, typeOf(a), sig, sig.In[i].Type)
		}
	}
	return nil
}

// checkWatch checks a watch a function returned as the resources' watches
// are checked when they are set up (ABI section 10): a path needs fs.read
// on it, an interval must not be 0, a kv prefix needs cluster.kv, and an
// unknown kind is unsupported.
func (p *Plugin) checkWatch(w hostabi.WatchSpec) error {
	switch w.Kind {
	case hostabi.WatchPath:
		if err := hostfuncs.CanRead(p.granted, w.Path); err != nil {
			return fmt.Errorf("watch %s: %w", w.Path, err)
		}
	case hostabi.WatchInterval:
		if w.IntervalMS == 0 {
			return &hostabi.ABIError{Code: hostabi.CodeInvalid, Message: "watch: an interval of 0 ms"}
		}
	case hostabi.WatchKV:
		if !p.granted.Allows(hostabi.OpKV, w.Key) {
			return &hostabi.ABIError{Code: hostabi.CodeDenied, Message: fmt.Sprintf("watch of the keys %q: not granted cluster.kv on them", w.Key)}
		}
	default:
		return &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: fmt.Sprintf("watch: unknown kind %s", w.Kind)}
	}
	return nil
}
