//go:build wasip1

package mgmt

import (
	"unsafe"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// This file holds the module's exports (docs/abi.md sections 1 and 2).

// buffers keeps every buffer alloc handed out alive, keyed by its address,
// until dealloc (the Go GC does not move objects on wasm). Requests are
// found here too: the host always writes them into a buffer from alloc.
var buffers = map[uint32][]byte{}

// allocBuf allocates n bytes (n > 0) and registers them.
func allocBuf(n uint32) (uint32, []byte) {
	b := make([]byte, n)
	p := uint32(uintptr(unsafe.Pointer(&b[0])))
	buffers[p] = b
	return p, b
}

//go:wasmexport mgmt_abi_version
func wasmABIVersion() int32 { return hostabi.Version }

//go:wasmexport alloc
func wasmAlloc(size uint32) uint32 {
	if size == 0 {
		return 0
	}
	p, _ := allocBuf(size)
	return p
}

//go:wasmexport dealloc
func wasmDealloc(ptr, size uint32) { delete(buffers, ptr) }

// verb runs a verb on the request at (ptr, n) and returns the packed
// response, allocated with alloc.
func verb(name string, ptr, n uint32) uint64 {
	var req []byte
	if n > 0 {
		b, ok := buffers[ptr]
		if !ok || uint32(len(b)) < n {
			return respond(errorResponse(&hostabi.ABIError{Code: hostabi.CodeMemory, Message: "request buffer was not allocated by alloc"}))
		}
		req = b[:n]
	}
	return respond(Handle(name, req))
}

// respond copies resp into a buffer from alloc and packs it.
func respond(resp []byte) uint64 {
	if len(resp) == 0 {
		return 0
	}
	p, b := allocBuf(uint32(len(resp)))
	copy(b, resp)
	return hostabi.PackPtrLen(p, uint32(len(resp)))
}

//go:wasmexport describe
func wasmDescribe(ptr, n uint32) uint64 { return verb(hostabi.VerbDescribe, ptr, n) }

//go:wasmexport validate
func wasmValidate(ptr, n uint32) uint64 { return verb(hostabi.VerbValidate, ptr, n) }

//go:wasmexport watch
func wasmWatch(ptr, n uint32) uint64 { return verb(hostabi.VerbWatch, ptr, n) }

//go:wasmexport check
func wasmCheck(ptr, n uint32) uint64 { return verb(hostabi.VerbCheck, ptr, n) }

//go:wasmexport apply
func wasmApply(ptr, n uint32) uint64 { return verb(hostabi.VerbApply, ptr, n) }

//go:wasmexport autoedges
func wasmAutoEdges(ptr, n uint32) uint64 { return verb(hostabi.VerbAutoEdges, ptr, n) }

//go:wasmexport prepare
func wasmPrepare(ptr, n uint32) uint64 { return verb(hostabi.VerbPrepare, ptr, n) }

//go:wasmexport reverse
func wasmReverse(ptr, n uint32) uint64 { return verb(hostabi.VerbReverse, ptr, n) }

//go:wasmexport call
func wasmCallFunc(ptr, n uint32) uint64 { return verb(hostabi.VerbCall, ptr, n) }
