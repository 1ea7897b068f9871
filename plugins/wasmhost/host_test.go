package wasmhost

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func readTestdata(t *testing.T, name string) []byte { return mustRead(t, name) }

func mustRead(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// loadGuest starts a host with cfg and loads testdata/guest.wasm.
func loadGuest(t *testing.T, cfg Config) *Module {
	t.Helper()
	ctx := context.Background()
	h, err := New(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { h.Close(ctx) })
	m, err := h.Load(ctx, "guest", readTestdata(t, "guest.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// Every committed test module under plugins/*/testdata must be what its
// WAT source compiles to (make wat regenerates them).
func TestTestdataIsUpToDate(t *testing.T) {
	if _, err := exec.LookPath("wat2wasm"); err != nil {
		t.Skip("wat2wasm (Debian package wabt) is not installed")
	}
	sources, err := filepath.Glob(filepath.Join("..", "*", "testdata", "*.wat"))
	if err != nil || len(sources) < 4 {
		t.Fatalf("found %d WAT sources (%v)", len(sources), err)
	}
	for _, src := range sources {
		out := filepath.Join(t.TempDir(), "fresh.wasm")
		if b, err := exec.Command("wat2wasm", src, "-o", out).CombinedOutput(); err != nil {
			t.Fatalf("wat2wasm %s: %v: %s", src, err, b)
		}
		fresh, _ := os.ReadFile(out)
		committed, _ := os.ReadFile(strings.TrimSuffix(src, ".wat") + ".wasm")
		if !bytes.Equal(fresh, committed) {
			t.Errorf("%s.wasm is stale: run make wat", strings.TrimSuffix(src, ".wat"))
		}
	}
}

func TestCallRoundTrip(t *testing.T) {
	m := loadGuest(t, Config{})
	for _, size := range []int{0, 1, 7, 4096, 300 << 10} { // the last one makes the guest grow its memory
		req := bytes.Repeat([]byte{0xA5}, size)
		for i := range req {
			req[i] = byte(i)
		}
		got, err := m.Call(context.Background(), "echo", req)
		if err != nil {
			t.Fatalf("echo of %d bytes: %v", size, err)
		}
		if !bytes.Equal(got, req) {
			t.Fatalf("echo of %d bytes came back different", size)
		}
	}
}

// A hostile or broken guest costs only its own call: the instance is
// replaced and the next call works.
func TestHostileGuests(t *testing.T) {
	tests := []struct {
		export string
		limit  bool   // stopped by a limit (ErrLimit)
		want   string // in the error
	}{
		{"spin", true, "deadline"},
		{"trap", false, "unreachable"},
		{"bomb", false, "unreachable"},
		{"wild", false, "outside guest memory"},
		{"nosuch", false, `no export "nosuch"`},
	}
	for _, tc := range tests {
		t.Run(tc.export, func(t *testing.T) {
			timeout := 10 * time.Second // only a hang guard
			if tc.limit {
				timeout = 200 * time.Millisecond
			}
			m := loadGuest(t, Config{CallTimeout: timeout, MemoryLimitMiB: 4, PoolSize: 1})
			if got, err := m.Call(context.Background(), "count", nil); err != nil || got[0] != 1 {
				t.Fatalf("first call: %v %v", got, err)
			}
			_, err := m.Call(context.Background(), tc.export, []byte("x"))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
			if errors.Is(err, ErrLimit) != tc.limit {
				t.Errorf("errors.Is(err, ErrLimit) = %v, want %v: %v", !tc.limit, tc.limit, err)
			}
			if !strings.Contains(err.Error(), "plugin guest: "+tc.export) {
				t.Errorf("the error does not name the plugin and export: %v", err)
			}
			// The next call works, on a fresh instance (its count restarts).
			got, err := m.Call(context.Background(), "count", nil)
			if err != nil {
				t.Fatalf("the call after %s failed: %v", tc.export, err)
			}
			if got[0] != 1 {
				t.Errorf("the broken instance was reused (count %d)", got[0])
			}
			if _, _, restarts := m.Stats(); restarts != 1 {
				t.Errorf("%d restarts, want 1", restarts)
			}
		})
	}
}

func TestMemoryLimitHolds(t *testing.T) {
	m := loadGuest(t, Config{MemoryLimitMiB: 2})
	// 3 MiB cannot be allocated under a 2 MiB cap: alloc returns 0.
	_, err := m.Call(context.Background(), "echo", make([]byte, 3<<20))
	if err == nil || !strings.Contains(err.Error(), "unusable pointer") {
		t.Fatalf("a request larger than the memory cap: %v", err)
	}
}

func TestLoadRejectsModulesWithoutTheConvention(t *testing.T) {
	h, err := New(context.Background(), Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close(context.Background())
	if _, err := h.Load(context.Background(), "bad", readTestdata(t, "noalloc.wasm")); err == nil || !strings.Contains(err.Error(), `"alloc"`) {
		t.Fatalf("Load of a module without alloc: %v", err)
	}
	if _, err := h.Load(context.Background(), "cmd", readTestdata(t, "command.wasm")); err == nil || !strings.Contains(err.Error(), "reactor") {
		t.Fatalf("Load of a WASI command: %v", err)
	}
	if _, err := h.Load(context.Background(), "junk", []byte("not wasm")); err == nil {
		t.Fatal("Load of junk succeeded")
	}
}

func TestPoolIsBounded(t *testing.T) {
	m := loadGuest(t, Config{PoolSize: 2})
	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if got, err := m.Call(context.Background(), "echo", []byte("hi")); err != nil || string(got) != "hi" {
				errs <- errors.Join(err, errors.New("bad echo "+string(got)))
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := len(m.slots); n > 2 {
		t.Errorf("%d live instances, the pool allows 2", n)
	}
}

func TestCompilationCacheIsWritten(t *testing.T) {
	dir := t.TempDir()
	loadGuest(t, Config{CacheDir: dir})
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("the compilation cache %s is empty (%v)", dir, err)
	}
}

func TestInvokePlainExport(t *testing.T) {
	m := loadGuest(t, Config{})
	out, err := m.Invoke(context.Background(), "alloc", 8)
	if err != nil || len(out) != 1 || out[0] < 1024 {
		t.Fatalf("Invoke(alloc, 8) = %v, %v", out, err)
	}
	if _, err := m.Invoke(context.Background(), "nosuch"); err == nil || !strings.Contains(err.Error(), `no export "nosuch"`) {
		t.Fatalf("Invoke of a missing export: %v", err)
	}
}

func TestResponseCap(t *testing.T) {
	m := loadGuest(t, Config{})
	req := make([]byte, 2<<20)
	if _, err := m.CallMax(context.Background(), "echo", req, 1<<20); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), "exceeds the 1048576-byte limit") {
		t.Fatalf("a 2 MiB answer under a 1 MiB cap: %v", err)
	}
	if out, err := m.CallMax(context.Background(), "echo", req[:1<<20], 1<<20); err != nil || len(out) != 1<<20 {
		t.Fatalf("an answer at the cap: %d bytes, %v", len(out), err)
	}
}
