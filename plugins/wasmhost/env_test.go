package wasmhost

import (
	"context"
	"strings"
	"testing"
)

// Config.Env is the WASI environment of every instance, and nothing else
// is: the default is an empty one.
func TestEnv(t *testing.T) {
	tests := []struct {
		name string
		env  []string
		want string // the entries, each ended by "|"
	}{
		{"default: empty", nil, ""},
		{"given", []string{"A=1", "PATH=/bin:/usr/bin", "EMPTY="}, "A=1|PATH=/bin:/usr/bin|EMPTY=|"},
		{"a later key replaces an earlier one", []string{"A=1", "B=2", "A=3"}, "A=3|B=2|"},
		{"value with =", []string{"X=a=b"}, "X=a=b|"},
	}
	t.Setenv("MGMT_WASMHOST_TEST", "must not leak")
	wasm := readTestdata(t, "environ.wasm")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			h, err := New(ctx, Config{Env: tt.env, QuickStart: -1})
			if err != nil {
				t.Fatal(err)
			}
			defer h.Close(ctx)
			m, err := h.Load(ctx, "environ", wasm)
			if err != nil {
				t.Fatal(err)
			}
			out, err := m.Call(ctx, "environ", nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.ReplaceAll(string(out), "\x00", "|"); got != tt.want {
				t.Errorf("environment %q, want %q", got, tt.want)
			}
		})
	}
}

func TestEnvInvalid(t *testing.T) {
	for _, entry := range []string{"NOEQUALS", "=value", "A=b\x00c"} {
		h, err := New(context.Background(), Config{Env: []string{"OK=1", entry}})
		if err == nil {
			h.Close(context.Background())
			t.Errorf("New accepted the environment entry %q", entry)
		} else if !strings.Contains(err.Error(), "KEY=VALUE") {
			t.Errorf("entry %q: %v", entry, err)
		}
	}
}
