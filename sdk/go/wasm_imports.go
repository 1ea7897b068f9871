//go:build wasip1

package mgmt

import (
	"encoding"
	"fmt"
	"runtime/debug"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// This file holds the host imports (docs/abi.md section 3) and the Host
// built on them.

//go:wasmimport mgmt_v1 log
func importLog(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 hostname
func importHostname(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_stat
func importFSStat(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_read
func importFSRead(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_write_atomic
func importFSWriteAtomic(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_mkdir
func importFSMkdir(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_remove
func importFSRemove(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_rename
func importFSRename(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_chmod
func importFSChmod(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_chown
func importFSChown(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_readdir
func importFSReaddir(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_symlink
func importFSSymlink(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 fs_readlink
func importFSReadlink(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 kv_get
func importKVGet(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 kv_put
func importKVPut(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 kv_delete
func importKVDelete(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 exec
func importExec(req *byte, n uint32, out *uint32) int32

//go:wasmimport mgmt_v1 time_now
func importTimeNow() int64

// importFunc is the signature of every import but time_now.
type importFunc func(req *byte, n uint32, out *uint32) int32

// call calls an import with req (nil: an empty request) and decodes its
// response into resp (nil: none expected).
func call(name string, f importFunc, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error {
	var in []byte
	if req != nil {
		b, err := req.MarshalBinary()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		in = b
	}
	var p *byte
	if len(in) > 0 {
		p = &in[0]
	}
	var out uint32
	n := f(p, uint32(len(in)), &out)
	if n < 0 {
		code := hostabi.Code(-n)
		if code > hostabi.CodeFailed {
			code = hostabi.CodeFailed
		}
		return &hostabi.ABIError{Code: code, Message: "host import " + name + ": " + code.String()}
	}
	var data []byte
	if n > 0 {
		b, ok := buffers[out]
		delete(buffers, out)
		if !ok || len(b) < int(n) {
			return &hostabi.ABIError{Code: hostabi.CodeMemory, Message: "host import " + name + ": response not in an alloc buffer"}
		}
		data = b[:n]
	}
	if resp != nil {
		if err := resp.UnmarshalBinary(data); err != nil {
			return fmt.Errorf("host import %s: %w", name, err)
		}
	}
	return nil
}

// wasmHost is the Host of the mgmt_v1 imports.
type wasmHost struct{}

// gcPercent is the guest's GOGC. Each verb call allocates a little and
// frees it all; at Go's default (100) the collector then runs every few
// hundred calls, and a collection in wasm (one thread, no write-barrier
// help) costs milliseconds. A guest's heap stays small, so a higher target
// costs a few MiB per instance and measured 1.3x to 2x less CPU per call.
const gcPercent = 400

// gcLimit caps the heap the higher GOGC lets grow: past it the collector
// runs anyway, so an instance's memory stays near this size.
const gcLimit = 16 << 20

func init() {
	host = wasmHost{}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(gcLimit)
}

func (wasmHost) Log(level hostabi.LogLevel, msg string) {
	_ = call(hostabi.ImportLog, importLog, &hostabi.LogRequest{Level: level, Message: msg}, nil)
}

func (wasmHost) Hostname() (string, error) {
	var resp hostabi.HostnameResponse
	if err := call(hostabi.ImportHostname, importHostname, nil, &resp); err != nil {
		return "", err
	}
	return resp.Hostname, nil
}

func (wasmHost) TimeNow() int64 { return importTimeNow() }

// otherImports are the imports reachable through Host.Call.
var otherImports = map[string]importFunc{
	hostabi.ImportFSStat:        importFSStat,
	hostabi.ImportFSRead:        importFSRead,
	hostabi.ImportFSWriteAtomic: importFSWriteAtomic,
	hostabi.ImportFSMkdir:       importFSMkdir,
	hostabi.ImportFSRemove:      importFSRemove,
	hostabi.ImportFSRename:      importFSRename,
	hostabi.ImportFSChmod:       importFSChmod,
	hostabi.ImportFSChown:       importFSChown,
	hostabi.ImportFSReaddir:     importFSReaddir,
	hostabi.ImportFSSymlink:     importFSSymlink,
	hostabi.ImportFSReadlink:    importFSReadlink,
	hostabi.ImportExec:          importExec,
	hostabi.ImportKVGet:         importKVGet,
	hostabi.ImportKVPut:         importKVPut,
	hostabi.ImportKVDelete:      importKVDelete,
}

func (wasmHost) Call(name string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error {
	f, ok := otherImports[name]
	if !ok {
		return &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: "the SDK does not bind import " + name}
	}
	return call(name, f, req, resp)
}
