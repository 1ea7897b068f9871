package hostabi

import (
	"bytes"
	"errors"
	"testing"
)

// TestExecRequestInheritEnv pins the bytes of ExecRequest's inherit_env
// (tag 7, a bool) and its canonical-form rules.
func TestExecRequestInheritEnv(t *testing.T) {
	golden := []struct {
		name string
		m    ExecRequest
		want string
	}{
		{"alone", ExecRequest{Path: "/bin/x", InheritEnv: true}, "0a 06 2f 62 69 6e 2f 78 38 01"},
		{"after timeout", ExecRequest{Path: "/bin/x", TimeoutMS: 1000, InheritEnv: true}, "0a 06 2f 62 69 6e 2f 78 30 e8 07 38 01"},
		{"false is absent", ExecRequest{Path: "/bin/x"}, "0a 06 2f 62 69 6e 2f 78"},
	}
	for _, tt := range golden {
		t.Run(tt.name, func(t *testing.T) {
			b, err := tt.m.MarshalBinary()
			if want := hexBytes(t, tt.want); err != nil || !bytes.Equal(b, want) {
				t.Fatalf("% x, %v; want % x", b, err, want)
			}
			var got ExecRequest
			if err := got.UnmarshalBinary(b); err != nil || got.InheritEnv != tt.m.InheritEnv || got.Path != tt.m.Path || got.TimeoutMS != tt.m.TimeoutMS {
				t.Fatalf("decoded %+v, %v", got, err)
			}
		})
	}
	bad := []struct{ name, in string }{
		{"explicit false", "0a 01 2f 38 00"},
		{"bool 2", "0a 01 2f 38 02"},
		{"wrong wire type", "0a 01 2f 3a 01 01"},
		{"before timeout", "0a 01 2f 38 01 30 01"},
		{"twice", "0a 01 2f 38 01 38 01"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			var m ExecRequest
			if err := m.UnmarshalBinary(hexBytes(t, tt.in)); !errors.Is(err, ErrMalformed) {
				t.Fatalf("%+v, %v; want malformed", m, err)
			}
		})
	}
}
