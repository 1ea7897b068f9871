// Package hostfuncs implements the host imports of ABI v1 (docs/abi.md,
// section 3) that plugins call from inside a verb: log, hostname and
// time_now; the file system imports fs_stat, fs_read, fs_write_atomic,
// fs_mkdir, fs_remove, fs_rename, fs_chmod, fs_chown, fs_readdir,
// fs_symlink and fs_readlink; and exec. Each import learns who is calling
// (the plugin, the resource, the capabilities granted) from the call's
// context (WithCaller). The file system and exec imports resolve the
// paths they are given through their symlinks and check the resolved
// paths against the caller's grants (default deny) before they act.
package hostfuncs

import (
	"context"
	"encoding/binary"
	"log/slog"
	"syscall"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// Caller identifies who is calling an import.
type Caller struct {
	// Plugin is the plugin's name.
	Plugin string
	// Resource is kind[name] when a resource's verb is running.
	Resource string
	// Granted are the capabilities the plugin was granted at install;
	// every file system and exec import checks them (default deny).
	Granted hostabi.Capabilities
}

type callerKey struct{}

// WithCaller returns a context that tells the imports who is calling.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

func callerOf(ctx context.Context) Caller {
	c, _ := ctx.Value(callerKey{}).(Caller)
	return c
}

// Env is what the imports need from mgmt.
type Env struct {
	// Hostname is the node's hostname as mgmt knows it.
	Hostname string
	// Log receives the plugins' log lines.
	Log *slog.Logger
	// KV is the cluster's kv store of the kv imports (nil: none; they
	// answer unsupported).
	KV KV
	// Wrote is told of each file fs_write_atomic replaced for a
	// resource, by the resource's WriterID, the file's real path, the
	// data written and the file's stat as written (taken on the file
	// before it was renamed into place), right after (nil: nobody is).
	// The file watcher uses it not to hand a resource the echo of its own
	// write (hostwatch.Watcher.Wrote).
	Wrote func(writer, path string, data []byte, st *syscall.Stat_t)
}

// WriterID names a plugin's resource (kind[name]) as Env.Wrote and the
// file watcher's subscriptions do.
func WriterID(plugin, resource string) string { return plugin + " " + resource }

// Define defines the mgmt_v1 host module in rt. Use it as a
// wasmhost.Import.
func Define(env Env) func(ctx context.Context, rt wazero.Runtime) error {
	if env.Log == nil {
		env.Log = slog.New(slog.DiscardHandler)
	}
	return func(ctx context.Context, rt wazero.Runtime) error {
		b := rt.NewHostModuleBuilder(hostabi.Namespace)
		messageImport(b, hostabi.ImportLog, env.log)
		messageImport(b, hostabi.ImportHostname, env.hostname)
		b.NewFunctionBuilder().WithGoFunction(api.GoFunc(timeNowImport), nil, []api.ValueType{api.ValueTypeI64}).Export(hostabi.ImportTimeNow)
		messageImport(b, hostabi.ImportFSStat, env.fsStat)
		messageImport(b, hostabi.ImportFSRead, env.fsRead)
		messageImport(b, hostabi.ImportFSWriteAtomic, env.fsWriteAtomic)
		messageImport(b, hostabi.ImportFSMkdir, env.fsMkdir)
		messageImport(b, hostabi.ImportFSRemove, env.fsRemove)
		messageImport(b, hostabi.ImportFSChmod, env.fsChmod)
		messageImport(b, hostabi.ImportFSReaddir, env.fsReaddir)
		messageImport(b, hostabi.ImportFSRename, env.fsRename)
		messageImport(b, hostabi.ImportFSChown, env.fsChown)
		messageImport(b, hostabi.ImportFSSymlink, env.fsSymlink)
		messageImport(b, hostabi.ImportFSReadlink, env.fsReadlink)
		messageImport(b, hostabi.ImportExec, env.execImport)
		messageImport(b, hostabi.ImportKVGet, env.kvGet)
		messageImport(b, hostabi.ImportKVPut, env.kvPut)
		messageImport(b, hostabi.ImportKVDelete, env.kvDelete)
		_, err := b.Instantiate(ctx)
		return err
	}
}

// messageImport defines an import of the message convention, (req_ptr,
// req_len, out_ptr) -> i32, without reflection: wazero's WithFunc calls
// its Go function through reflect.Value.Call, a few µs and allocations per
// call of an import that a check may make several times.
func messageImport(b wazero.HostModuleBuilder, name string, f func(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32) {
	i32 := api.ValueTypeI32
	b.NewFunctionBuilder().WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, m api.Module, stack []uint64) {
		stack[0] = api.EncodeI32(f(ctx, m, api.DecodeU32(stack[0]), api.DecodeU32(stack[1]), api.DecodeU32(stack[2])))
	}), []api.ValueType{i32, i32, i32}, []api.ValueType{i32}).Export(name)
}

// log is the log import: (req_ptr, req_len, out_ptr) -> i32.
func (env Env) log(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.LogRequest{}
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	c := callerOf(ctx)
	level := slog.Level(req.Level)
	attrs := []any{"plugin", c.Plugin}
	if c.Resource != "" {
		env.Log.Log(ctx, level, c.Resource+": "+req.Message, attrs...)
	} else {
		env.Log.Log(ctx, level, req.Message, attrs...)
	}
	return respond(ctx, m, outPtr, nil)
}

// hostname is the hostname import.
func (env Env) hostname(ctx context.Context, m api.Module, _, _, outPtr uint32) int32 {
	b, err := (&hostabi.HostnameResponse{Hostname: env.Hostname}).MarshalBinary()
	if err != nil {
		return -int32(hostabi.CodeInternal)
	}
	return respond(ctx, m, outPtr, b)
}

// timeNow is the time_now import: () -> i64 Unix nanoseconds.
func timeNow() int64 { return time.Now().UnixNano() }

// timeNowImport is timeNow on wazero's stack: () -> i64.
func timeNowImport(_ context.Context, stack []uint64) { stack[0] = uint64(timeNow()) }

// decode reads and decodes a request from guest memory; it returns 0 or a
// negative error code.
func decode(m api.Module, ptr, n uint32, msg interface{ UnmarshalBinary([]byte) error }) int32 {
	b, ok := m.Memory().Read(ptr, n)
	if !ok {
		return -int32(hostabi.CodeMemory)
	}
	if err := msg.UnmarshalBinary(b); err != nil {
		return -int32(hostabi.CodeMalformed)
	}
	return 0
}

// respond hands a response to the guest as section 3 says: it calls the
// guest's alloc, writes the bytes there, stores the pointer at outPtr and
// returns the length (0 for an empty response).
func respond(ctx context.Context, m api.Module, outPtr uint32, resp []byte) int32 {
	var ptr uint32
	if len(resp) > 0 {
		alloc := wasmhost.GuestAlloc(ctx, m)
		if alloc == nil {
			return -int32(hostabi.CodeMemory)
		}
		out, err := alloc.Call(ctx, uint64(len(resp)))
		if err != nil || uint32(out[0]) == 0 {
			return -int32(hostabi.CodeMemory)
		}
		ptr = uint32(out[0])
		if !m.Memory().Write(ptr, resp) {
			return -int32(hostabi.CodeMemory)
		}
	}
	var le [4]byte
	binary.LittleEndian.PutUint32(le[:], ptr)
	if !m.Memory().Write(outPtr, le[:]) {
		return -int32(hostabi.CodeMemory)
	}
	return int32(len(resp))
}
