package wasmres

import (
	"context"
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// reversed calls the reverse verb and builds the resource that undoes r:
// the same kind and name with the params the guest returned, every one of
// them set.
func (r *resource) reversed() (hostabi.Resource, error) {
	spec := r.snapshot()
	req, err := spec.MarshalBinary()
	if err != nil {
		return nil, fmt.Errorf("reverse %s: %w", r.id(), err)
	}
	resp := &hostabi.ReverseResponse{}
	if err := r.call(context.Background(), hostabi.VerbReverse, req, resp); err != nil {
		return nil, fmt.Errorf("reverse %s: %w", r.id(), err)
	}
	if err := guestError(resp.Error); err != nil {
		return nil, fmt.Errorf("reverse %s: %w", r.id(), err)
	}
	if err := checkReversedParams(r.info, resp.Params); err != nil {
		return nil, fmt.Errorf("reverse %s: plugin %s: %w", r.id(), r.p.mod.Name(), err)
	}
	return r.p.newResource(r.info, hostabi.ResourceSpec{Kind: spec.Kind, Name: spec.Name, Params: resp.Params}), nil
}

// checkReversedParams checks that params is what a resource of kind k
// needs: none for a kind without params, else the struct of its params.
func checkReversedParams(k *hostabi.KindInfo, params *hostabi.StructValue) error {
	switch {
	case len(k.Params) == 0 && params == nil:
		return nil
	case params == nil:
		return errors.New("the reverse response has no params")
	case !params.T.Equal(paramsType(k)):
		return fmt.Errorf("the reverse response's params are %s, want %s", params.T, paramsType(k))
	}
	return nil
}
