package hostfuncs

import (
	"bytes"
	"context"
	"encoding/binary"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

func loadCaller(t *testing.T, logs *bytes.Buffer) *wasmhost.Module {
	t.Helper()
	return loadCallerEnv(t, Env{Hostname: "node-7", Log: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
}

// loadCallerEnv loads testdata/caller.wasm on a host with env's imports.
func loadCallerEnv(t *testing.T, env Env) *wasmhost.Module {
	t.Helper()
	ctx := context.Background()
	h, err := wasmhost.New(ctx, wasmhost.Config{}, Define(env))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(ctx) })
	b, err := os.ReadFile(filepath.Join("testdata", "caller.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.Load(ctx, "caller", b)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// grantedCtx returns a context for the caller plugin granted caps.
func grantedCtx(t *testing.T, caps ...string) context.Context {
	t.Helper()
	granted, err := hostabi.ParseCapabilities(caps)
	if err != nil {
		t.Fatal(err)
	}
	return WithCaller(context.Background(), Caller{Plugin: "caller", Granted: granted})
}

func TestImports(t *testing.T) {
	logs := &bytes.Buffer{}
	m := loadCaller(t, logs)
	ctx := WithCaller(context.Background(), Caller{Plugin: "caller", Resource: "flag[x]"})

	out, err := m.Call(ctx, "host", nil)
	if err != nil {
		t.Fatal(err)
	}
	hr := &hostabi.HostnameResponse{}
	if err := hr.UnmarshalBinary(out); err != nil || hr.Hostname != "node-7" {
		t.Fatalf("hostname import gave %q (%v)", hr.Hostname, err)
	}

	codes := []struct {
		export string
		want   int32
	}{
		{"log", 0},
		{"logbad", -int32(hostabi.CodeMalformed)},
		{"logwild", -int32(hostabi.CodeMemory)},
	}
	for _, c := range codes {
		out, err := m.Call(ctx, c.export, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := int32(binary.LittleEndian.Uint32(out)); got != c.want {
			t.Errorf("%s: the import returned %d, want %d", c.export, got, c.want)
		}
	}
	line := logs.String()
	if strings.Count(line, "msg=") != 1 || !strings.Contains(line, "level=WARN") || !strings.Contains(line, `msg="flag[x]: hello"`) || !strings.Contains(line, "plugin=caller") {
		t.Errorf("log lines:\n%s", line)
	}

	before := time.Now().UnixNano()
	out, err = m.Call(ctx, "now", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := int64(binary.LittleEndian.Uint64(out)); got < before || got > time.Now().UnixNano() {
		t.Errorf("time_now = %d, not between %d and now", got, before)
	}
}
