package mgmt

import (
	"encoding"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// statHost answers fs_write_atomic with the encoded stat it holds (empty
// when it holds none, as a host that ignores want_stat does), decoding it
// into the response as the wasm import glue does.
type statHost struct {
	fakeHost
	st    *hostabi.StatResponse
	asked bool
}

func (h *statHost) Call(name string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error {
	if err := h.fakeHost.Call(name, req, nil); err != nil {
		return err
	}
	h.asked = req.(*hostabi.WriteAtomicRequest).WantStat
	var data []byte
	if h.st != nil {
		data, _ = h.st.MarshalBinary()
	}
	if resp == nil {
		return nil
	}
	return resp.UnmarshalBinary(data)
}

func TestWriteFileStat(t *testing.T) {
	st := &hostabi.StatResponse{Type: hostabi.FileRegular, Mode: 0o600, Size: 4, UID: 7}
	for _, tc := range []struct {
		name string
		st   *hostabi.StatResponse
	}{
		{"host answers the stat", st},
		{"host answers nothing", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := &statHost{fakeHost: fakeHost{files: map[string][]byte{}}, st: tc.st}
			old := SetHost(h)
			t.Cleanup(func() { SetHost(old) })
			got, err := (&Context{req: &hostabi.CheckRequest{}}).WriteFileStat("/f", []byte("data"), 0o600)
			if err != nil {
				t.Fatal(err)
			}
			if !h.asked {
				t.Error("the request did not set want_stat")
			}
			if string(h.files["/f"]) != "data" {
				t.Errorf("wrote %q", h.files["/f"])
			}
			if (got == nil) != (tc.st == nil) || (got != nil && got.String() != tc.st.String()) {
				t.Errorf("stat %v, want %v", got, tc.st)
			}
		})
	}
}
