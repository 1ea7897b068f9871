package mgmt

import (
	"encoding"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// This file holds the functions a plugin provides and the call verb
// (docs/abi.md, "Function verbs").

// FuncImpl computes the value of a registered function for one call. An
// error fails the call with code "failed" unless it carries another code
// (an *hostabi.ABIError in its chain, or an io/fs sentinel).
type FuncImpl func(c *FuncCall) (hostabi.Value, error)

// FuncCall is one call of a registered function. The embedded Context
// gives the host imports resources use (ReadFile, Stat, ReadDir, Exec,
// Hostname, Now, Log, ...), checked against the plugin's capabilities as
// for resources; its resource accessors (Kind, Name, VarDir, ...) are
// empty.
type FuncCall struct {
	Context
	// Func is the function's name, as registered.
	Func string
	// Type is the call's signature after type unification: a func type
	// without type variables, so that a polymorphic function knows what
	// to return. It is nil when the host sent none.
	Type *hostabi.Type
	// Args are the argument values, in order.
	Args []hostabi.Value

	watches []hostabi.WatchSpec
}

// Watch asks the host to call the function again, with the same
// arguments, when one of ws fires: a function whose value changes by
// itself (a file's content, the time) declares here what it depends on.
// The watches of a call replace those of the previous call.
func (c *FuncCall) Watch(ws ...hostabi.WatchSpec) { c.watches = append(c.watches, ws...) }

// Out is the result type of the call's signature, or nil.
func (c *FuncCall) Out() *hostabi.Type {
	if c.Type == nil {
		return nil
	}
	return c.Type.Out
}

// fn is a registered function.
type fn struct {
	info hostabi.FuncInfo
	impl FuncImpl
}

// The plugin's functions, filled by init functions before any verb runs.
var (
	funcs     = map[string]*fn{}
	funcOrder []string
)

// RegisterFunc adds a function: info is what describe reports (its mcl
// name, its signature, which may hold type variables, and whether it is
// pure) and impl computes its value for each call. It panics on an empty
// or duplicate name, a signature that is not a func type, a nil impl, or
// Infer set (this SDK does not serve the infer verb yet), as these are
// programming errors.
func RegisterFunc(info hostabi.FuncInfo, impl FuncImpl) {
	switch {
	case info.Name == "":
		panic("mgmt.RegisterFunc: empty name")
	case funcs[info.Name] != nil:
		panic(fmt.Sprintf("mgmt.RegisterFunc: function %q registered twice", info.Name))
	case info.Type == nil || info.Type.Kind != hostabi.KindFunc:
		panic(fmt.Sprintf("mgmt.RegisterFunc: function %q: signature %v is not a func type", info.Name, info.Type))
	case impl == nil:
		panic(fmt.Sprintf("mgmt.RegisterFunc: function %q: nil impl", info.Name))
	case info.Infer:
		panic(fmt.Sprintf("mgmt.RegisterFunc: function %q: the SDK does not serve the infer verb", info.Name))
	}
	funcs[info.Name] = &fn{info: info, impl: impl}
	funcOrder = append(funcOrder, info.Name)
}

// funcInfos lists the registered functions in registration order.
func funcInfos() []hostabi.FuncInfo {
	out := make([]hostabi.FuncInfo, 0, len(funcOrder))
	for _, name := range funcOrder {
		out = append(out, funcs[name].info)
	}
	return out
}

// callFunc serves the call verb. The watches a function asked for before
// it failed travel with its error.
func callFunc(req []byte) encoding.BinaryMarshaler {
	var in hostabi.CallRequest
	if err := in.UnmarshalBinary(req); err != nil {
		return &hostabi.CallResponse{Error: malformed(err)}
	}
	f := funcs[in.Name]
	if f == nil {
		return &hostabi.CallResponse{Error: &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: fmt.Sprintf("plugin %s has no function %q", pluginName, in.Name)}}
	}
	if in.Type != nil && len(in.Type.In) != len(in.Args) {
		return &hostabi.CallResponse{Error: &hostabi.ABIError{Code: hostabi.CodeInvalid,
			Message: fmt.Sprintf("function %s: %d arguments for the signature %s", in.Name, len(in.Args), in.Type)}}
	}
	c := &FuncCall{Context: Context{req: &hostabi.CheckRequest{}}, Func: in.Name, Type: in.Type, Args: in.Args}
	v, err := f.impl(c)
	switch {
	case err != nil:
		return &hostabi.CallResponse{Watches: c.watches, Error: abiError(err, hostabi.CodeFailed)}
	case v == nil:
		return &hostabi.CallResponse{Error: &hostabi.ABIError{Code: hostabi.CodeInternal, Message: fmt.Sprintf("function %s returned no value", in.Name)}}
	}
	return &hostabi.CallResponse{Result: v, Watches: c.watches}
}
