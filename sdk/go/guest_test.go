//go:build !wasip1

package mgmt_test

import (
	"context"
	"encoding"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/mgmt-wasm/mgmt/internal/testwasm"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
)

// testImports is a minimal host side of the mgmt_v1 imports log, hostname
// and time_now, recording log lines.
type testImports struct {
	mu    sync.Mutex
	lines []string
}

func (ti *testImports) logged() []string {
	ti.mu.Lock()
	defer ti.mu.Unlock()
	return slices.Clone(ti.lines)
}

// define is a wasmhost.Import.
func (ti *testImports) define(ctx context.Context, rt wazero.Runtime) error {
	b := rt.NewHostModuleBuilder(hostabi.Namespace).
		NewFunctionBuilder().WithFunc(func(ctx context.Context, m api.Module, ptr, n, out uint32) int32 {
		b, ok := m.Memory().Read(ptr, n)
		var req hostabi.LogRequest
		if !ok {
			return -int32(hostabi.CodeMemory)
		}
		if err := req.UnmarshalBinary(b); err != nil {
			return -int32(hostabi.CodeMalformed)
		}
		ti.mu.Lock()
		ti.lines = append(ti.lines, req.Level.String()+" "+req.Message)
		ti.mu.Unlock()
		m.Memory().WriteUint32Le(out, 0)
		return 0
	}).Export(hostabi.ImportLog).
		NewFunctionBuilder().WithFunc(func(ctx context.Context, m api.Module, ptr, n, out uint32) int32 {
		return reply(ctx, m, out, &hostabi.HostnameResponse{Hostname: "testhost"})
	}).Export(hostabi.ImportHostname).
		NewFunctionBuilder().WithFunc(func() int64 { return 1e18 }).Export(hostabi.ImportTimeNow).
		NewFunctionBuilder().WithFunc(fsRead).Export(hostabi.ImportFSRead).
		NewFunctionBuilder().WithFunc(fsWrite).Export(hostabi.ImportFSWriteAtomic).
		NewFunctionBuilder().WithFunc(fsStat).Export(hostabi.ImportFSStat)
	// The SDK binds every import; the ones these tests do not use are
	// refused as unsupported.
	for _, name := range []string{
		hostabi.ImportFSMkdir, hostabi.ImportFSRemove, hostabi.ImportFSRename, hostabi.ImportFSChmod, hostabi.ImportFSChown,
		hostabi.ImportFSReaddir, hostabi.ImportFSSymlink, hostabi.ImportFSReadlink, hostabi.ImportExec,
		hostabi.ImportKVGet, hostabi.ImportKVPut, hostabi.ImportKVDelete,
	} {
		b = b.NewFunctionBuilder().WithFunc(unsupported).Export(name)
	}
	_, err := b.Instantiate(ctx)
	return err
}

// unsupported is an import these tests do not provide.
func unsupported(ctx context.Context, m api.Module, ptr, n, out uint32) int32 {
	m.Memory().WriteUint32Le(out, 0)
	return -int32(hostabi.CodeUnsupported)
}

// request decodes the request at (ptr, n), or returns a negative code.
func request(m api.Module, ptr, n uint32, req encoding.BinaryUnmarshaler) int32 {
	b, ok := m.Memory().Read(ptr, n)
	if !ok {
		return -int32(hostabi.CodeMemory)
	}
	if err := req.UnmarshalBinary(b); err != nil {
		return -int32(hostabi.CodeMalformed)
	}
	return 0
}

// fsRead, fsWrite and fsStat serve the file imports on the real file
// system, without capability checks (test only).
func fsRead(ctx context.Context, m api.Module, ptr, n, out uint32) int32 {
	var req hostabi.ReadRequest
	if c := request(m, ptr, n, &req); c != 0 {
		return c
	}
	data, err := os.ReadFile(req.Path)
	if err != nil {
		return -int32(hostabi.CodeOf(err))
	}
	data = data[min(int(req.Offset), len(data)):]
	return reply(ctx, m, out, &hostabi.ReadResponse{Data: data, EOF: true})
}

func fsWrite(ctx context.Context, m api.Module, ptr, n, out uint32) int32 {
	var req hostabi.WriteAtomicRequest
	if c := request(m, ptr, n, &req); c != 0 {
		return c
	}
	if err := os.WriteFile(req.Path, req.Data, 0o644); err != nil {
		return -int32(hostabi.CodeOf(err))
	}
	m.Memory().WriteUint32Le(out, 0)
	return 0
}

func fsStat(ctx context.Context, m api.Module, ptr, n, out uint32) int32 {
	var req hostabi.StatRequest
	if c := request(m, ptr, n, &req); c != 0 {
		return c
	}
	fi, err := os.Stat(req.Path)
	if err != nil {
		return -int32(hostabi.CodeOf(err))
	}
	return reply(ctx, m, out, &hostabi.StatResponse{Type: hostabi.FileRegular, Size: uint64(fi.Size()), Mode: uint32(fi.Mode().Perm())})
}

// reply writes a response into a buffer from the guest's alloc (called
// re-entrantly) and stores its pointer at out, as ABI section 3 says.
func reply(ctx context.Context, m api.Module, out uint32, resp encoding.BinaryMarshaler) int32 {
	b, err := resp.MarshalBinary()
	if err != nil {
		return -int32(hostabi.CodeInternal)
	}
	res, err := m.ExportedFunction(hostabi.ExportAlloc).Call(ctx, uint64(len(b)))
	if err != nil || res[0] == 0 {
		return -int32(hostabi.CodeMemory)
	}
	p := uint32(res[0])
	if !m.Memory().Write(p, b) || !m.Memory().WriteUint32Le(out, p) {
		return -int32(hostabi.CodeMemory)
	}
	return int32(len(b))
}

// buildHello builds examples/plugins/go-hello to wasm.
func buildHello(t *testing.T) []byte {
	t.Helper()
	wasm, err := os.ReadFile(testwasm.BuildGo(t, filepath.Join("..", "..", "examples", "plugins", "go-hello")))
	if err != nil {
		t.Fatal(err)
	}
	return wasm
}

// call encodes req, calls verb on m and decodes the response into resp.
func call(t *testing.T, m *wasmhost.Module, verb string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) {
	t.Helper()
	b, err := req.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.Call(context.Background(), verb, b)
	if err != nil {
		t.Fatalf("%s: %v", verb, err)
	}
	if err := resp.UnmarshalBinary(out); err != nil {
		t.Fatalf("%s response: %v", verb, err)
	}
}

func helloSpec(msg, path string) hostabi.ResourceSpec {
	t := hostabi.NewStruct(hostabi.Field{Name: "msg", Type: hostabi.TypeStr}, hostabi.Field{Name: "path", Type: hostabi.TypeStr})
	return hostabi.ResourceSpec{Kind: "hello", Name: "greeter", Params: &hostabi.StructValue{
		T: t, Fields: []hostabi.Value{hostabi.StrValue(msg), hostabi.StrValue(path)}}}
}

// TestGuestOnHost builds the go-hello example with this SDK and drives it
// through plugins/wasmhost: the proof that the guest SDK and the host agree
// on ABI v1.
func TestGuestOnHost(t *testing.T) {
	wasm := buildHello(t)
	ctx := context.Background()
	imports := &testImports{}
	h, err := wasmhost.New(ctx, wasmhost.Config{PoolSize: 1}, imports.define)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(ctx)
	m, err := h.Load(ctx, "go-hello", wasm)
	if err != nil {
		t.Fatal(err)
	}

	v, err := m.Invoke(ctx, hostabi.ExportVersion)
	if err != nil || uint32(v[0]) != hostabi.Version {
		t.Fatalf("mgmt_abi_version: %v %v", v, err)
	}

	var d hostabi.DescribeResponse
	call(t, m, hostabi.VerbDescribe, &hostabi.DescribeRequest{Host: "test"}, &d)
	if d.Error != nil || d.Name != "go-hello" || len(d.Kinds) != 1 || d.Kinds[0].Kind != "hello" {
		t.Fatalf("describe: %+v", d)
	}
	k := d.Kinds[0]
	if len(k.Params) != 2 || k.Params[0].Name != "msg" || k.Params[1].Name != "path" ||
		!k.Params[0].Type.Equal(hostabi.TypeStr) || !k.Params[1].Type.Equal(hostabi.TypeStr) ||
		!hostabi.StrValue("hello").Equal(k.Params[0].Default) {
		t.Fatalf("kind hello: %+v", k)
	}
	for _, e := range d.RequiredExports() {
		if _, ok := m.Exports()[e]; !ok {
			t.Errorf("required export %q is missing", e)
		}
	}

	file := filepath.Join(t.TempDir(), "greeting")
	tests := []struct {
		verb, msg, path string
		wantOK          bool
		wantLog         []string
	}{
		{hostabi.VerbCheck, "hi", "", true, []string{"info hello greeter from testhost: hi"}},
		{hostabi.VerbCheck, "hi", file, false, []string{"info hello greeter from testhost: hi"}},
		{hostabi.VerbApply, "hi", file, false, []string{"info hello greeter from testhost: hi", "info hello greeter: wrote " + file}},
		{hostabi.VerbCheck, "hi", file, true, []string{"info hello greeter from testhost: hi"}},
	}
	for _, tt := range tests {
		before := len(imports.logged())
		var resp hostabi.CheckResponse
		call(t, m, tt.verb, &hostabi.CheckRequest{ResourceSpec: helloSpec(tt.msg, tt.path)}, &resp)
		if resp.Error != nil || resp.CheckOK != tt.wantOK {
			t.Errorf("%s %q %q: check_ok %v, error %v; want %v", tt.verb, tt.msg, tt.path, resp.CheckOK, resp.Error, tt.wantOK)
		}
		if got := imports.logged()[before:]; !slices.Equal(got, tt.wantLog) {
			t.Errorf("%s %q: logged %q, want %q", tt.verb, tt.msg, got, tt.wantLog)
		}
	}
	if b, err := os.ReadFile(file); err != nil || string(b) != "hi" {
		t.Errorf("apply wrote %q, %v", b, err)
	}

	for _, tt := range []struct{ msg, path, param string }{
		{"hi", "relative/x", "path"},
		{"", "/x", "msg"},
	} {
		var resp hostabi.ValidateResponse
		s := helloSpec(tt.msg, tt.path)
		call(t, m, hostabi.VerbValidate, &s, &resp)
		if resp.Error == nil || resp.Error.Code != hostabi.CodeInvalid || resp.Error.Param != tt.param {
			t.Errorf("validate msg=%q path=%q: %v, want an invalid error about %s", tt.msg, tt.path, resp.Error, tt.param)
		}
	}
	var ok hostabi.ValidateResponse
	s := helloSpec("hi", "/x")
	call(t, m, hostabi.VerbValidate, &s, &ok)
	if ok.Error != nil {
		t.Errorf("validate of good params: %v", ok.Error)
	}

	var w hostabi.WatchResponse
	call(t, m, hostabi.VerbWatch, &s, &w)
	if w.Error != nil || len(w.Watches) != 0 {
		t.Errorf("watch: %+v", w)
	}

	// A malformed request is an error response, not a trap.
	out, err := m.Call(ctx, hostabi.VerbCheck, []byte{0xff})
	var bad hostabi.CheckResponse
	if err != nil || bad.UnmarshalBinary(out) != nil || bad.Error == nil || bad.Error.Code != hostabi.CodeMalformed {
		t.Errorf("malformed check: %v, %v", err, bad.Error)
	}
	if _, errs, restarts := m.Stats(); errs != 0 || restarts != 0 {
		t.Errorf("%d failed calls and %d restarts, want none", errs, restarts)
	}
	if strings.Join(imports.logged(), "") == "" {
		t.Error("nothing was logged")
	}
}
