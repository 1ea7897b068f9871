package mgmt

import (
	"encoding"
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Handle runs one verb (such as "check") on an encoded request and returns
// the encoded response, as the wasm exports do: describe, the resource
// verbs and call. Failures, including an undecodable request, an unknown
// kind, function or verb and a panic in a kind or function, are reported
// in the response's error field. It is exported so that kinds and
// functions can be tested natively with real messages.
func Handle(verb string, req []byte) (resp []byte) {
	defer func() {
		if r := recover(); r != nil {
			resp = errorResponse(&hostabi.ABIError{Code: hostabi.CodeInternal, Message: fmt.Sprintf("panic in %s: %v", verb, r)})
		}
	}()
	var m encoding.BinaryMarshaler
	switch verb {
	case hostabi.VerbDescribe:
		m = describe(req)
	case hostabi.VerbValidate:
		m = validate(req)
	case hostabi.VerbWatch:
		m = watch(req)
	case hostabi.VerbCheck:
		m = checkApply(req, false)
	case hostabi.VerbApply:
		m = checkApply(req, true)
	case hostabi.VerbAutoEdges:
		m = autoEdges(req)
	case hostabi.VerbPrepare:
		m = prepare(req)
	case hostabi.VerbReverse:
		m = reverse(req)
	case hostabi.VerbCall:
		m = callFunc(req)
	default:
		return errorResponse(&hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: "unknown verb " + verb})
	}
	b, err := m.MarshalBinary()
	if err != nil {
		return errorResponse(&hostabi.ABIError{Code: hostabi.CodeInternal, Message: fmt.Sprintf("%s: encoding the response: %v", verb, err)})
	}
	return b
}

// errorResponse encodes a response carrying only e. Every response has
// its error at tag 15, so a ValidateResponse is every verb's error
// response.
func errorResponse(e *hostabi.ABIError) []byte {
	b, _ := (&hostabi.ValidateResponse{Error: e}).MarshalBinary()
	return b
}

// abiError turns err into the error field of a response: an *ABIError in
// its chain gives the code and param; otherwise a code of the io/fs or
// context sentinels, or def.
func abiError(err error, def hostabi.Code) *hostabi.ABIError {
	if err == nil {
		return nil
	}
	var ae *hostabi.ABIError
	if errors.As(err, &ae) && ae.Code != hostabi.CodeOK {
		if ae == err {
			return ae
		}
		return &hostabi.ABIError{Code: ae.Code, Param: ae.Param, Message: err.Error()}
	}
	code := hostabi.CodeOf(err)
	if code == hostabi.CodeFailed {
		code = def
	}
	return &hostabi.ABIError{Code: code, Message: err.Error()}
}

// malformed is the error of a request that did not decode.
func malformed(err error) *hostabi.ABIError { return abiError(err, hostabi.CodeMalformed) }

func describe(req []byte) encoding.BinaryMarshaler {
	var in hostabi.DescribeRequest
	if err := in.UnmarshalBinary(req); err != nil {
		return &hostabi.DescribeResponse{Error: malformed(err)}
	}
	out := &hostabi.DescribeResponse{Name: pluginName, Version: pluginVersion, Capabilities: capabilities}
	for _, name := range kindOrder {
		out.Kinds = append(out.Kinds, kinds[name].info)
	}
	out.Functions = funcInfos()
	return out
}

// resource builds the resource a request names.
func resource(spec *hostabi.ResourceSpec) (Resource, error) {
	k, err := lookup(spec.Kind)
	if err != nil {
		return nil, err
	}
	p, err := k.params(spec)
	if err != nil {
		return nil, err
	}
	r, err := k.new(spec.Name, p)
	if err != nil {
		return nil, abiError(err, hostabi.CodeInvalid)
	}
	if r == nil {
		return nil, &hostabi.ABIError{Code: hostabi.CodeInternal, Message: fmt.Sprintf("kind %s: constructor returned nil", spec.Kind)}
	}
	return r, nil
}

func validate(req []byte) encoding.BinaryMarshaler {
	var in hostabi.ValidateRequest
	if err := in.UnmarshalBinary(req); err != nil {
		return &hostabi.ValidateResponse{Error: malformed(err)}
	}
	r, err := resource(&in)
	if err == nil {
		err = r.Validate()
	}
	return &hostabi.ValidateResponse{Error: abiError(err, hostabi.CodeInvalid)}
}

func watch(req []byte) encoding.BinaryMarshaler {
	var in hostabi.WatchRequest
	if err := in.UnmarshalBinary(req); err != nil {
		return &hostabi.WatchResponse{Error: malformed(err)}
	}
	r, err := resource(&in)
	if err != nil {
		return &hostabi.WatchResponse{Error: abiError(err, hostabi.CodeInvalid)}
	}
	return &hostabi.WatchResponse{Watches: r.Watch()}
}

func checkApply(req []byte, apply bool) encoding.BinaryMarshaler {
	entry, err := checkRequests.get(req)
	if err != nil {
		return &hostabi.CheckResponse{Error: malformed(err)}
	}
	in := entry.req
	r, err := checkRequests.resource(entry)
	if err != nil {
		return &hostabi.CheckResponse{Error: abiError(err, hostabi.CodeInvalid)}
	}
	ok, err := r.CheckApply(&Context{req: in}, apply)
	if err != nil {
		return &hostabi.CheckResponse{Error: abiError(err, hostabi.CodeFailed)}
	}
	out := &hostabi.CheckResponse{CheckOK: ok}
	if s, isSender := r.(Sender); isSender {
		out.Sends = s.Sends()
	}
	return out
}

func autoEdges(req []byte) encoding.BinaryMarshaler {
	var in hostabi.AutoEdgesRequest
	if err := in.UnmarshalBinary(req); err != nil {
		return &hostabi.AutoEdgesResponse{Error: malformed(err)}
	}
	r, err := resource(&in)
	if err != nil {
		return &hostabi.AutoEdgesResponse{Error: abiError(err, hostabi.CodeInvalid)}
	}
	uids, edges, e := autoEdgesOf(r, in.Kind)
	return &hostabi.AutoEdgesResponse{UIDs: uids, Edges: edges, Error: e}
}

// autoEdgesOf is the autoedges answer of r, a resource of kind: what it
// manages and depends on, or the error (no UIDs then).
func autoEdgesOf(r Resource, kind string) ([]hostabi.UID, [][]hostabi.UID, *hostabi.ABIError) {
	ae, ok := r.(AutoEdger)
	if !ok {
		return nil, nil, &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: "kind " + kind + " has no autoedges"}
	}
	uids, edges, err := ae.AutoEdges()
	if err != nil {
		return nil, nil, abiError(err, hostabi.CodeFailed)
	}
	return uids, edges, nil
}

// prepare serves the prepare verb: validate and, on the same resource,
// what autoedges and watch would answer, so that a resource entering the
// graph costs the host one call instead of three.
func prepare(req []byte) encoding.BinaryMarshaler {
	var in hostabi.PrepareRequest
	if err := in.UnmarshalBinary(req); err != nil {
		return &hostabi.PrepareResponse{Error: malformed(err)}
	}
	r, err := resource(&in.ResourceSpec)
	if err == nil {
		err = r.Validate()
	}
	if err != nil {
		return &hostabi.PrepareResponse{Error: abiError(err, hostabi.CodeInvalid)}
	}
	prepared(req, &in.ResourceSpec, r)
	out := &hostabi.PrepareResponse{}
	if in.AutoEdges {
		out.UIDs, out.Edges, out.AutoEdgesError = autoEdgesOf(r, in.Kind)
	}
	if in.Watch {
		out.Watches = r.Watch()
	}
	return out
}
