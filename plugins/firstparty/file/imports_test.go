package file_test

import (
	"context"
	"encoding/binary"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// osGuest is the file module on a wazero runtime of its own, whose mgmt_v1
// imports serve fs_stat, fs_read and fs_write_atomic from the real file
// system and count every import call by name. With noStats the host
// ignores want_stat, as a host from before it does.
type osGuest struct {
	mod     api.Module
	calls   map[string]int
	noStats bool
	params  []hostabi.ParamInfo
}

// newOSGuest instantiates the module and reads its params from describe.
func newOSGuest(t *testing.T, noStats bool) *osGuest {
	t.Helper()
	ctx := context.Background()
	rt := wazero.NewRuntime(ctx)
	t.Cleanup(func() { rt.Close(ctx) })
	wasi_snapshot_preview1.MustInstantiate(ctx, rt)
	g := &osGuest{calls: map[string]int{}, noStats: noStats}
	b := rt.NewHostModuleBuilder(hostabi.Namespace)
	for _, name := range []string{
		hostabi.ImportLog, hostabi.ImportHostname, hostabi.ImportFSStat, hostabi.ImportFSRead,
		hostabi.ImportFSWriteAtomic, hostabi.ImportFSMkdir, hostabi.ImportFSRemove, hostabi.ImportFSRename,
		hostabi.ImportFSChmod, hostabi.ImportFSChown, hostabi.ImportFSReaddir, hostabi.ImportFSSymlink,
		hostabi.ImportFSReadlink,
	} {
		b.NewFunctionBuilder().WithGoModuleFunction(api.GoModuleFunc(func(ctx context.Context, m api.Module, stack []uint64) {
			stack[0] = api.EncodeI32(g.serve(ctx, m, name, api.DecodeU32(stack[0]), api.DecodeU32(stack[1]), api.DecodeU32(stack[2])))
		}), []api.ValueType{api.ValueTypeI32, api.ValueTypeI32, api.ValueTypeI32}, []api.ValueType{api.ValueTypeI32}).Export(name)
	}
	b.NewFunctionBuilder().WithFunc(func() int64 { return 0 }).Export(hostabi.ImportTimeNow)
	if _, err := b.Instantiate(ctx); err != nil {
		t.Fatal(err)
	}
	mod, err := rt.InstantiateWithConfig(ctx, fptest.Wasm(t, "file"), wazero.NewModuleConfig().WithStartFunctions("_initialize"))
	if err != nil {
		t.Fatal(err)
	}
	g.mod = mod
	var d hostabi.DescribeResponse
	if err := d.UnmarshalBinary(g.verb(t, hostabi.VerbDescribe, nil)); err != nil {
		t.Fatal(err)
	}
	if len(d.Kinds) != 1 || d.Kinds[0].Kind != "file" {
		t.Fatalf("describe: kinds %v, want file", d.Kinds)
	}
	g.params = d.Kinds[0].Params
	clear(g.calls)
	return g
}

// verb calls a verb with req and returns its response.
func (g *osGuest) verb(t *testing.T, verb string, req []byte) []byte {
	t.Helper()
	ctx := context.Background()
	var ptr uint64
	if len(req) > 0 {
		res, err := g.mod.ExportedFunction("alloc").Call(ctx, uint64(len(req)))
		if err != nil {
			t.Fatal(err)
		}
		ptr = res[0]
		g.mod.Memory().Write(uint32(ptr), req)
	}
	res, err := g.mod.ExportedFunction(verb).Call(ctx, ptr, uint64(len(req)))
	if err != nil {
		t.Fatalf("%s: %v", verb, err)
	}
	p, n := uint32(res[0]>>32), uint32(res[0])
	out, ok := g.mod.Memory().Read(p, n)
	if !ok {
		t.Fatalf("%s: response outside memory", verb)
	}
	return slices.Clone(out)
}

// checkApply runs check (apply false) or apply on the file path with the
// params given; the others are unset.
func (g *osGuest) checkApply(t *testing.T, path string, apply bool, set map[string]hostabi.Value) (bool, error) {
	t.Helper()
	fields := make([]hostabi.Field, len(g.params))
	values := make([]hostabi.Value, len(g.params))
	var unset []string
	for i, p := range g.params {
		fields[i] = hostabi.Field{Name: p.Name, Type: p.Type}
		v, ok := set[p.Name]
		if !ok {
			var err error
			if v, err = hostabi.Zero(p.Type); err != nil {
				t.Fatal(err)
			}
			unset = append(unset, p.Name)
		}
		values[i] = v
	}
	slices.Sort(unset)
	req, err := (&hostabi.CheckRequest{ResourceSpec: hostabi.ResourceSpec{
		Kind: "file", Name: path, Params: &hostabi.StructValue{T: hostabi.NewStruct(fields...), Fields: values}, Unset: unset,
	}}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	verb := hostabi.VerbCheck
	if apply {
		verb = hostabi.VerbApply
	}
	var resp hostabi.CheckResponse
	if err := resp.UnmarshalBinary(g.verb(t, verb, req)); err != nil {
		t.Fatal(err)
	}
	if resp.Error != nil {
		return false, resp.Error
	}
	return resp.CheckOK, nil
}

// serve answers one import call.
func (g *osGuest) serve(ctx context.Context, m api.Module, name string, ptr, n, outPtr uint32) int32 {
	g.calls[name]++
	req, ok := m.Memory().Read(ptr, n)
	if !ok {
		return -int32(hostabi.CodeMemory)
	}
	resp, err := g.answer(name, slices.Clone(req))
	if err != nil {
		var ae *hostabi.ABIError
		if errors.As(err, &ae) {
			return -int32(ae.Code)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return -int32(hostabi.CodeNotFound)
		}
		return -int32(hostabi.CodeIO)
	}
	if len(resp) == 0 {
		return 0
	}
	res, err := m.ExportedFunction("alloc").Call(ctx, uint64(len(resp)))
	if err != nil || res[0] == 0 {
		return -int32(hostabi.CodeMemory)
	}
	m.Memory().Write(uint32(res[0]), resp)
	var out [4]byte
	binary.LittleEndian.PutUint32(out[:], uint32(res[0]))
	m.Memory().Write(outPtr, out[:])
	return int32(len(resp))
}

// answer serves the file imports a content repair uses; the others are
// unsupported (log succeeds).
func (g *osGuest) answer(name string, req []byte) ([]byte, error) {
	switch name {
	case hostabi.ImportLog:
		return nil, nil
	case hostabi.ImportFSStat:
		var r hostabi.StatRequest
		if err := r.UnmarshalBinary(req); err != nil {
			return nil, err
		}
		st, err := osStat(r.Path)
		if err != nil {
			return nil, err
		}
		return st.MarshalBinary()
	case hostabi.ImportFSRead:
		var r hostabi.ReadRequest
		if err := r.UnmarshalBinary(req); err != nil {
			return nil, err
		}
		data, err := os.ReadFile(r.Path)
		if err != nil {
			return nil, err
		}
		data = data[min(int(r.Offset), len(data)):]
		out := hostabi.ReadResponse{Data: data, EOF: true}
		if r.Limit > 0 && uint64(len(data)) > r.Limit {
			out.Data, out.EOF = data[:r.Limit], false
		}
		if r.WantStat && !g.noStats {
			if out.Stat, err = osStat(r.Path); err != nil {
				return nil, err
			}
		}
		return out.MarshalBinary()
	case hostabi.ImportFSWriteAtomic:
		var r hostabi.WriteAtomicRequest
		if err := r.UnmarshalBinary(req); err != nil {
			return nil, err
		}
		mode := os.FileMode(r.Mode)
		if mode == 0 {
			mode = 0o644
			if fi, err := os.Stat(r.Path); err == nil {
				mode = fi.Mode().Perm()
			}
		}
		tmp := r.Path + ".tmp"
		if err := os.WriteFile(tmp, r.Data, mode); err != nil {
			return nil, err
		}
		if err := os.Chmod(tmp, mode); err != nil { // no umask
			return nil, err
		}
		if err := os.Rename(tmp, r.Path); err != nil {
			return nil, err
		}
		if !r.WantStat || g.noStats {
			return nil, nil
		}
		st, err := osStat(r.Path)
		if err != nil {
			return nil, err
		}
		return st.MarshalBinary()
	}
	return nil, &hostabi.ABIError{Code: hostabi.CodeUnsupported}
}

// osStat describes the regular file at path.
func osStat(path string) (*hostabi.StatResponse, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	st := fi.Sys().(*syscall.Stat_t)
	return &hostabi.StatResponse{Type: hostabi.FileRegular, Mode: st.Mode & 0o7777, Size: uint64(fi.Size()), UID: st.Uid, GID: st.Gid}, nil
}

// TestRepairNeedsNoStat checks the imports of a drift repair: with a host
// that answers the stat with the read and the write, one fs_read and one
// fs_write_atomic and no fs_stat; with one that does not, the repair
// still works, asking fs_stat instead. A check of the repaired file is
// then one fs_read, with no fs_stat when the host answers the stat.
func TestRepairNeedsNoStat(t *testing.T) {
	for _, tc := range []struct {
		name    string
		noStats bool
		stats   int
	}{
		{"host answers stats", false, 0},
		{"host without want_stat", true, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "f")
			if err := os.WriteFile(path, []byte("drift\n"), 0o640); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(path, 0o640); err != nil {
				t.Fatal(err)
			}
			g := newOSGuest(t, tc.noStats)
			params := map[string]hostabi.Value{"content": hostabi.StrValue("managed\n"), "state": hostabi.StrValue("exists")}
			ok, err := g.checkApply(t, path, true, params)
			if err != nil || ok {
				t.Fatalf("apply = %v, %v; want false (repaired), nil", ok, err)
			}
			if got, err := os.ReadFile(path); err != nil || string(got) != "managed\n" {
				t.Fatalf("content %q (%v) after the repair", got, err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
				t.Errorf("mode after the repair: %v (%v), want 0640 kept", fi.Mode().Perm(), err)
			}
			want := map[string]int{hostabi.ImportFSRead: 1, hostabi.ImportFSWriteAtomic: 1, hostabi.ImportFSStat: tc.stats}
			for name, n := range want {
				if g.calls[name] != n {
					t.Errorf("repair: %s called %d times, want %d (all calls: %v)", name, g.calls[name], n, g.calls)
				}
			}

			clear(g.calls)
			if ok, err := g.checkApply(t, path, false, params); err != nil || !ok {
				t.Fatalf("check of the repaired file = %v, %v; want true, nil", ok, err)
			}
			if tc.noStats {
				return
			}
			if len(g.calls) != 1 || g.calls[hostabi.ImportFSRead] != 1 {
				t.Errorf("check: imports called %v, want one fs_read", g.calls)
			}
		})
	}
}
