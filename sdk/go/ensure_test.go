package mgmt

import (
	"encoding"
	"errors"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// ensureHost keeps files in memory, records the writes, and fails the
// calls to an import named in fail with that code.
type ensureHost struct {
	fakeHost
	writes []hostabi.WriteAtomicRequest
	fail   map[string]hostabi.Code
}

func (h *ensureHost) Call(name string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error {
	if code, ok := h.fail[name]; ok {
		return &hostabi.ABIError{Code: code}
	}
	if name == hostabi.ImportFSWriteAtomic {
		h.writes = append(h.writes, *req.(*hostabi.WriteAtomicRequest))
	}
	return h.fakeHost.Call(name, req, resp)
}

func newEnsureHost(t *testing.T, files map[string]string) *ensureHost {
	h := &ensureHost{fakeHost: fakeHost{files: map[string][]byte{}}, fail: map[string]hostabi.Code{}}
	for p, s := range files {
		h.files[p] = []byte(s)
	}
	old := SetHost(h)
	t.Cleanup(func() { SetHost(old) })
	return h
}

func TestEnsureContent(t *testing.T) {
	for _, tc := range []struct {
		name   string
		files  map[string]string
		apply  bool
		ok     bool
		writes int
	}{
		{"equal", map[string]string{"/f": "want"}, true, true, 0},
		{"equal check", map[string]string{"/f": "want"}, false, true, 0},
		{"differs", map[string]string{"/f": "old"}, true, false, 1},
		{"differs check", map[string]string{"/f": "old"}, false, false, 0},
		{"missing", nil, true, false, 1},
		{"missing check", nil, false, false, 0},
		{"prefix", map[string]string{"/f": "wan"}, true, false, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newEnsureHost(t, tc.files)
			c := &Context{req: &hostabi.CheckRequest{}}
			ok, err := c.EnsureContent("/f", []byte("want"), tc.apply)
			if err != nil || ok != tc.ok {
				t.Fatalf("EnsureContent = %v, %v; want %v, nil", ok, err, tc.ok)
			}
			if len(h.writes) != tc.writes {
				t.Fatalf("%d writes, want %d", len(h.writes), tc.writes)
			}
			for _, w := range h.writes {
				// Mode 0: the host keeps a replaced file's mode.
				if w.Path != "/f" || string(w.Data) != "want" || w.Mode != 0 {
					t.Errorf("write %s %q mode %o; want /f \"want\" mode 0", w.Path, w.Data, w.Mode)
				}
			}
			want, had := tc.files["/f"]
			if tc.writes > 0 {
				want, had = "want", true
			}
			if got, ok := h.files["/f"]; ok != had || string(got) != want {
				t.Errorf("file %q (exists %v), want %q (exists %v)", got, ok, want, had)
			}
		})
	}
}

func TestEnsureContentErrors(t *testing.T) {
	for _, tc := range []struct {
		name, fail, msg string
	}{
		{"read", hostabi.ImportFSRead, "read /f: "},
		{"write", hostabi.ImportFSWriteAtomic, "write /f: "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newEnsureHost(t, map[string]string{"/f": "old"})
			h.fail[tc.fail] = hostabi.CodeDenied
			c := &Context{req: &hostabi.CheckRequest{}}
			ok, err := c.EnsureContent("/f", []byte("want"), true)
			if ok || err == nil {
				t.Fatalf("EnsureContent = %v, %v; want false and an error", ok, err)
			}
			if !strings.HasPrefix(err.Error(), tc.msg) || !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeDenied}) {
				t.Errorf("error %q: want it to start with %q and wrap the host's denied error", err, tc.msg)
			}
		})
	}
}
