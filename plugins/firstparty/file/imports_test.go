package file

import (
	"encoding"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// osHost serves the file imports a content repair uses from the real file
// system, counting the calls by import. With noStats it ignores
// want_stat, as a host from before it does.
type osHost struct {
	calls   map[string]int
	noStats bool
}

func (h *osHost) Log(hostabi.LogLevel, string) {}
func (h *osHost) Hostname() (string, error)    { return "node", nil }
func (h *osHost) TimeNow() int64               { return 0 }

func (h *osHost) stat(path string) (*hostabi.StatResponse, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &hostabi.ABIError{Code: hostabi.CodeNotFound}
	}
	st := fi.Sys().(*syscall.Stat_t)
	return &hostabi.StatResponse{Type: hostabi.FileRegular, Mode: uint32(fi.Mode().Perm()), Size: uint64(fi.Size()), UID: st.Uid, GID: st.Gid}, nil
}

func (h *osHost) Call(name string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error {
	h.calls[name]++
	switch name {
	case hostabi.ImportFSStat:
		st, err := h.stat(req.(*hostabi.StatRequest).Path)
		if err != nil {
			return err
		}
		*resp.(*hostabi.StatResponse) = *st
	case hostabi.ImportFSRead:
		r := req.(*hostabi.ReadRequest)
		data, err := os.ReadFile(r.Path)
		if err != nil {
			return &hostabi.ABIError{Code: hostabi.CodeNotFound}
		}
		out := resp.(*hostabi.ReadResponse)
		*out = hostabi.ReadResponse{Data: data[min(int(r.Offset), len(data)):], EOF: true}
		if r.WantStat && !h.noStats {
			out.Stat, _ = h.stat(r.Path)
		}
	case hostabi.ImportFSWriteAtomic:
		r := req.(*hostabi.WriteAtomicRequest)
		tmp := r.Path + ".tmp"
		if err := os.WriteFile(tmp, r.Data, os.FileMode(r.Mode)); err != nil {
			return err
		}
		if err := os.Rename(tmp, r.Path); err != nil {
			return err
		}
		var data []byte
		if r.WantStat && !h.noStats {
			st, _ := h.stat(r.Path)
			data, _ = st.MarshalBinary()
		}
		if resp != nil {
			return resp.UnmarshalBinary(data)
		}
	default:
		return &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: name}
	}
	return nil
}

// TestRepairNeedsNoStat checks the imports of a drift repair: with a host
// that answers the stat with the read and the write, one fs_read and one
// fs_write_atomic and no fs_stat; with one that does not, the repair
// still works, asking fs_stat instead.
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
			h := &osHost{calls: map[string]int{}, noStats: tc.noStats}
			old := mgmt.SetHost(h)
			t.Cleanup(func() { mgmt.SetHost(old) })
			r := newRes(path, mgmt.Params{Values: map[string]hostabi.Value{
				"content": hostabi.StrValue("managed\n"),
				"state":   hostabi.StrValue(stateExists),
			}})
			ok, err := r.CheckApply(&mgmt.Context{}, true)
			if err != nil || ok {
				t.Fatalf("CheckApply = %v, %v; want false (repaired), nil", ok, err)
			}
			if got, err := os.ReadFile(path); err != nil || string(got) != "managed\n" {
				t.Fatalf("content %q (%v) after the repair", got, err)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o640 {
				t.Errorf("mode after the repair: %v (%v), want 0640 kept", fi.Mode().Perm(), err)
			}
			want := map[string]int{hostabi.ImportFSRead: 1, hostabi.ImportFSWriteAtomic: 1, hostabi.ImportFSStat: tc.stats}
			for name, n := range want {
				if h.calls[name] != n {
					t.Errorf("%s called %d times, want %d (all calls: %v)", name, h.calls[name], n, h.calls)
				}
			}
		})
	}
}
