package firstparty

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// loadRegistry loads the embedded module on a host of cfg and puts it in a
// registry, as internal/pluginset does.
func loadRegistry(t *testing.T, cfg wasmhost.Config) *registry.Registry {
	t.Helper()
	module(t)
	ctx := context.Background()
	h, err := wasmhost.New(ctx, cfg, hostfuncs.Define(hostfuncs.Env{Hostname: "node-e2e"}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(context.Background()) })
	p, err := Load(ctx, h, nil)
	if err != nil {
		t.Fatal(err)
	}
	reg := registry.New()
	if err := reg.Add("the first-party plugin", p); err != nil {
		t.Fatal(err)
	}
	return reg
}

// sig parses a signature.
func sig(t *testing.T, s string) *hostabi.Type {
	t.Helper()
	typ, err := hostabi.ParseType(s)
	if err != nil {
		t.Fatal(err)
	}
	return typ
}

// The library's functions run end to end: registry.Call, the call verb of
// the embedded module on the trusted host, the SDK, lib.Call, and the
// library's Host on the real host imports and the process environment.
// The functions are lib/testfuncs' (in the package "internal"), so that
// the test does not depend on the library packages.
func TestCallLibrary(t *testing.T) {
	t.Setenv("MGMT_FIRSTPARTY_E2E", "from the process")
	reg := loadRegistry(t, HostConfig(t.TempDir()))
	var c builtin.Caller = reg
	if names := reg.Funcs(); !slices.Contains(names, "internal.echo") || !slices.IsSorted(names) {
		t.Fatalf("registry functions %v", names)
	}
	if info, source, ok := reg.Func("internal.join"); !ok || source != "the first-party plugin" || info.Type.String() != "func() ?1" {
		t.Errorf("internal.join: %+v from %q", info, source)
	}
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	if err := os.WriteFile(file, []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := func(v string) hostabi.Value { return hostabi.StrValue(v) }
	strs := hostabi.NewList(hostabi.TypeStr)
	echoHi := &hostabi.ListValue{T: strs, Items: []hostabi.Value{s("echo"), s("hi")}}
	tests := []struct {
		fn      string
		sig     string
		args    []hostabi.Value
		want    hostabi.Value
		err     error
		watches []hostabi.WatchSpec
	}{
		{"internal.echo", "func(x int) int", []hostabi.Value{hostabi.IntValue(5)}, hostabi.IntValue(5), nil, nil},
		{"internal.echo", "func(x []str) []str", []hostabi.Value{echoHi}, echoHi, nil, nil},
		{"internal.readfile", "func(path str) str", []hostabi.Value{s(file)}, s("hello"), nil, []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: file}}},
		{"internal.readfile", "func(path str) str", []hostabi.Value{s(file + ".missing")}, nil, &hostabi.ABIError{Code: hostabi.CodeNotFound},
			[]hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: file + ".missing"}}},
		{"internal.stat", "func(path str) str", []hostabi.Value{s(dir)}, s("dir"), nil, nil},
		{"internal.stat", "func(path str) str", []hostabi.Value{s(file)}, s("file"), nil, nil},
		{"internal.stat", "func(path str) str", []hostabi.Value{s(file + ".missing")}, s("missing"), nil, nil},
		{"internal.hostname", "func() str", nil, s("node-e2e"), nil, nil},
		{"internal.exec", "func(argv []str) str", []hostabi.Value{echoHi}, s("hi\n"), nil, nil},
		{"internal.getenv", "func(name str) str", []hostabi.Value{s("MGMT_FIRSTPARTY_E2E")}, s("from the process"), nil, nil},
		{"internal.join", "func(a str, b int) str", []hostabi.Value{s("a"), hostabi.IntValue(1)}, s(`"a" 1`), nil, nil},
		{"internal.nope", "func() str", nil, nil, builtin.ErrNoFunc, nil},
	}
	for _, tt := range tests {
		v, watches, err := c.Call(context.Background(), tt.fn, sig(t, tt.sig), tt.args)
		switch {
		case tt.err == nil && (err != nil || !v.Equal(tt.want)):
			t.Errorf("%s%v = %v, %v; want %v", tt.fn, tt.args, v, err, tt.want)
		case tt.err != nil && !errors.Is(err, tt.err):
			t.Errorf("%s%v: error %v, want %v", tt.fn, tt.args, err, tt.err)
		}
		if !slices.Equal(watches, tt.watches) {
			t.Errorf("%s%v: watches %v, want %v", tt.fn, tt.args, watches, tt.watches)
		}
	}
}

// A module on a sandboxed host, as installed plugins run, sees an empty
// environment: only the trusted first-party host passes the process's.
func TestSandboxedEnvironment(t *testing.T) {
	t.Setenv("MGMT_FIRSTPARTY_E2E", "from the process")
	reg := loadRegistry(t, wasmhost.Config{CacheDir: t.TempDir()})
	v, _, err := reg.Call(context.Background(), "internal.getenv", sig(t, "func(name str) str"), []hostabi.Value{hostabi.StrValue("MGMT_FIRSTPARTY_E2E")})
	if err != nil || !v.Equal(hostabi.StrValue("")) {
		t.Errorf("getenv on a sandboxed host: %v, %v; want an empty value", v, err)
	}
}
