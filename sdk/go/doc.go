// Package mgmt is the Go SDK for mgmt-wasm plugins: the guest side of host
// ABI v1 (docs/abi.md). A plugin is a main package built with
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o plugin.wasm .
//
// that imports this package and, in an init function, calls [SetPlugin],
// [Register] once per resource kind and [RegisterFunc] once per function.
// This package owns every export the ABI asks for (mgmt_abi_version,
// alloc, dealloc, describe, validate, watch, check, apply, autoedges,
// reverse and call): it decodes each request, dispatches it to the
// registered kind or function and encodes the response. Errors travel in
// the response's error field; a panic in a kind or function becomes an
// "internal" error rather than a trap.
//
// The wasm glue lives in files built only for wasip1. Everything else,
// including [Handle], which runs one verb on encoded bytes, builds natively,
// so kinds can be unit-tested with go test (see [SetHost]).
package mgmt
