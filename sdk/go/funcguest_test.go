//go:build !wasip1

package mgmt_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// TestFuncGuestOnHost builds testdata/funcguest with this SDK and calls its
// functions through plugins/wasmhost: describe lists them, the module
// exports call, and a call reaches the host's imports, returns watches and
// maps errors to codes.
func TestFuncGuestOnHost(t *testing.T) {
	wasm, err := os.ReadFile(testwasm.BuildGo(t, filepath.Join("testdata", "funcguest")))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	h, err := wasmhost.New(ctx, wasmhost.Config{PoolSize: 1}, (&testImports{}).define)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(ctx)
	m, err := h.Load(ctx, "funcguest", wasm)
	if err != nil {
		t.Fatal(err)
	}
	var d hostabi.DescribeResponse
	call(t, m, hostabi.VerbDescribe, &hostabi.DescribeRequest{Host: "test"}, &d)
	if d.Error != nil || len(d.Kinds) != 0 || len(d.Functions) != 2 || d.Functions[0].Name != "g.greet" || d.Functions[1].Name != "g.first" || !d.Functions[1].Pure {
		t.Fatalf("describe: %+v", d)
	}
	for _, e := range d.RequiredExports() {
		if _, ok := m.Exports()[e]; !ok {
			t.Errorf("required export %q is missing", e)
		}
	}

	file := filepath.Join(t.TempDir(), "name")
	if err := os.WriteFile(file, []byte("ann"), 0o644); err != nil {
		t.Fatal(err)
	}
	greet := hostabi.NewFunc(hostabi.TypeStr, hostabi.Field{Name: "path", Type: hostabi.TypeStr})
	ints := hostabi.NewList(hostabi.TypeInt)
	first := hostabi.NewFunc(hostabi.TypeInt, hostabi.Field{Name: "l", Type: ints})
	tests := []struct {
		name    string
		req     hostabi.CallRequest
		want    hostabi.Value
		code    hostabi.Code
		watches []hostabi.WatchSpec
	}{
		{"imports", hostabi.CallRequest{Name: "g.greet", Type: greet, Args: []hostabi.Value{hostabi.StrValue(file)}},
			hostabi.StrValue("testhost: ann"), 0, []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: file}}},
		{"missing file", hostabi.CallRequest{Name: "g.greet", Type: greet, Args: []hostabi.Value{hostabi.StrValue(file + "x")}},
			nil, hostabi.CodeNotFound, []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: file + "x"}}},
		{"polymorphic", hostabi.CallRequest{Name: "g.first", Type: first, Args: []hostabi.Value{&hostabi.ListValue{T: ints, Items: []hostabi.Value{hostabi.IntValue(3), hostabi.IntValue(4)}}}},
			hostabi.IntValue(3), 0, nil},
		{"zero of the result type", hostabi.CallRequest{Name: "g.first", Type: first, Args: []hostabi.Value{&hostabi.ListValue{T: ints}}},
			hostabi.IntValue(0), 0, nil},
		{"unknown", hostabi.CallRequest{Name: "g.nope", Type: greet, Args: []hostabi.Value{hostabi.StrValue("")}},
			nil, hostabi.CodeUnsupported, nil},
	}
	for _, tt := range tests {
		var resp hostabi.CallResponse
		call(t, m, hostabi.VerbCall, &tt.req, &resp)
		if got := hostabi.CodeOf(errOf(resp.Error)); got != tt.code {
			t.Errorf("%s: error %v, want code %v", tt.name, resp.Error, tt.code)
		}
		if tt.want != nil && (resp.Result == nil || !resp.Result.Equal(tt.want)) {
			t.Errorf("%s: result %v, want %v", tt.name, resp.Result, tt.want)
		}
		if !slices.Equal(resp.Watches, tt.watches) {
			t.Errorf("%s: watches %v, want %v", tt.name, resp.Watches, tt.watches)
		}
	}
	if _, errs, restarts := m.Stats(); errs != 0 || restarts != 0 {
		t.Errorf("%d failed calls and %d restarts, want none", errs, restarts)
	}
}

// errOf is e as an error, nil for a nil e.
func errOf(e *hostabi.ABIError) error {
	if e == nil {
		return nil
	}
	return e
}
