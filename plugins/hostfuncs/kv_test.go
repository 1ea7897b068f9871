package hostfuncs

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// mapKV is a kv store in memory.
type mapKV struct {
	mu sync.Mutex
	m  map[string]string
}

func (k *mapKV) Get(_ context.Context, key string) (string, bool, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, ok := k.m[key]
	return v, ok, nil
}

func (k *mapKV) Put(_ context.Context, key, value string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.m[key] = value
	return nil
}

func (k *mapKV) Delete(_ context.Context, key string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	delete(k.m, key)
	return nil
}

func (k *mapKV) Watch(string, func()) (func(), error) { return func() {}, nil }

// loadKVCaller loads the caller module on a host whose kv store is kv.
func loadKVCaller(t *testing.T, kv KV) *wasmhost.Module {
	t.Helper()
	return loadCallerEnv(t, Env{Hostname: "n", Log: slog.New(slog.NewTextHandler(&bytes.Buffer{}, nil)), KV: kv})
}

func TestKVImportsEnforceCapabilities(t *testing.T) {
	kv := &mapKV{m: map[string]string{"app/a": "1", "other/b": "2"}}
	m := loadKVCaller(t, kv)
	ctx := grantedCtx(t, "cluster.kv:app/")
	tests := []struct {
		name, verb string
		req        interface{ MarshalBinary() ([]byte, error) }
		code       hostabi.Code
	}{
		{"put in the grant", "kvput", &hostabi.KVPutRequest{Key: "app/c", Value: "3"}, 0},
		{"get outside the grant", "kvget", &hostabi.KVGetRequest{Key: "other/b"}, hostabi.CodeDenied},
		{"put outside the grant", "kvput", &hostabi.KVPutRequest{Key: "other/b", Value: "x"}, hostabi.CodeDenied},
		{"delete outside the grant", "kvdelete", &hostabi.KVDeleteRequest{Key: "apple"}, hostabi.CodeDenied},
		{"delete in the grant", "kvdelete", &hostabi.KVDeleteRequest{Key: "app/a"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			n, _ := proxy(t, m, ctx, tc.verb, tc.req)
			if want := -int32(tc.code); tc.code != 0 && n != want {
				t.Fatalf("result %d, want %d", n, want)
			} else if tc.code == 0 && n < 0 {
				t.Fatalf("result %d, want success", n)
			}
		})
	}
	if kv.m["app/c"] != "3" || kv.m["other/b"] != "2" {
		t.Fatalf("store after the writes: %v", kv.m)
	}
	if _, ok := kv.m["app/a"]; ok {
		t.Fatal("app/a was not deleted")
	}
	n, resp := proxy(t, m, ctx, "kvget", &hostabi.KVGetRequest{Key: "app/c"})
	got := &hostabi.KVGetResponse{}
	if n <= 0 || got.UnmarshalBinary(resp) != nil || !got.Exists || got.Value != "3" {
		t.Fatalf("kv_get app/c: %d %+v", n, got)
	}
	if n, _ := proxy(t, loadKVCaller(t, nil), ctx, "kvget", &hostabi.KVGetRequest{Key: "app/c"}); n != -int32(hostabi.CodeUnsupported) {
		t.Fatalf("without a cluster kv_get gave %d, want unsupported", n)
	}
	if _, err := WatchKV(kv, grantedCaps(t, "cluster.kv:app/"), "other/", func() {}); err == nil || !strings.Contains(err.Error(), "not granted") {
		t.Fatalf("a kv watch outside the grant: %v", err)
	}
}

func grantedCaps(t *testing.T, caps ...string) hostabi.Capabilities {
	t.Helper()
	c, err := hostabi.ParseCapabilities(caps)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
