package wasmhost

import (
	"context"

	"github.com/tetratelabs/wazero/api"
)

// allocKey is the context key of the running instance's alloc export.
type allocKey struct{}

// GuestAlloc returns the alloc export (ABI section 2) of the instance a call runs on, for
// host functions that hand the guest a response: looking it up with
// api.Module.ExportedFunction builds a new call engine (and its stack)
// every time. Outside a call made by this package it looks the export up.
func GuestAlloc(ctx context.Context, m api.Module) api.Function {
	if f, ok := ctx.Value(allocKey{}).(api.Function); ok {
		return f
	}
	return m.ExportedFunction("alloc")
}

// withAlloc records inst's alloc export in ctx for GuestAlloc.
func withAlloc(ctx context.Context, inst *instance) context.Context {
	if f := inst.fn("alloc"); f != nil {
		return context.WithValue(ctx, allocKey{}, f)
	}
	return ctx
}
