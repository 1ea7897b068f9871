package mgmt

import (
	"encoding"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// reverse runs the reverse verb: the resource's Reverse gives the params
// that change, and the response carries the whole params struct of the
// undoing resource, in the kind's declared order.
func reverse(req []byte) encoding.BinaryMarshaler {
	var in hostabi.ReverseRequest
	if err := in.UnmarshalBinary(req); err != nil {
		return &hostabi.ReverseResponse{Error: malformed(err)}
	}
	r, err := resource(&in)
	if err != nil {
		return &hostabi.ReverseResponse{Error: abiError(err, hostabi.CodeInvalid)}
	}
	rv, ok := r.(Reverser)
	if !ok {
		return &hostabi.ReverseResponse{Error: &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: "kind " + in.Kind + " cannot be reversed"}}
	}
	changes, err := rv.Reverse()
	if err != nil {
		return &hostabi.ReverseResponse{Error: abiError(err, hostabi.CodeFailed)}
	}
	params, err := reversedParams(kinds[in.Kind], &in, changes)
	if err != nil {
		return &hostabi.ReverseResponse{Error: abiError(err, hostabi.CodeInternal)}
	}
	return &hostabi.ReverseResponse{Params: params}
}

// reversedParams is spec's params with changes applied, as the struct the
// host expects: every declared param, in order. A change to an undeclared
// param or of the wrong type is a bug in the kind.
func reversedParams(k *kind, spec *hostabi.ResourceSpec, changes map[string]hostabi.Value) (*hostabi.StructValue, error) {
	p, err := k.params(spec)
	if err != nil {
		return nil, err
	}
	for name, v := range changes {
		decl := k.info.Param(name)
		switch {
		case decl == nil:
			return nil, fmt.Errorf("kind %s: Reverse changed param %q, which the kind does not declare", k.info.Kind, name)
		case v == nil || !v.Type().Equal(decl.Type):
			return nil, fmt.Errorf("kind %s: Reverse gave param %s a value of type %v, want %s", k.info.Kind, name, typeOf(v), decl.Type)
		}
		p.Values[name] = v
	}
	if len(k.info.Params) == 0 {
		return nil, nil
	}
	fields := make([]hostabi.Field, len(k.info.Params))
	values := make([]hostabi.Value, len(k.info.Params))
	for i, decl := range k.info.Params {
		fields[i] = hostabi.Field{Name: decl.Name, Type: decl.Type}
		values[i] = p.Values[decl.Name]
	}
	return &hostabi.StructValue{T: hostabi.NewStruct(fields...), Fields: values}, nil
}

// typeOf is v's type, or nil for a nil value.
func typeOf(v hostabi.Value) *hostabi.Type {
	if v == nil {
		return nil
	}
	return v.Type()
}
