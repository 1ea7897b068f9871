package wasmhost

import (
	"context"
	"testing"
)

// BenchmarkCall measures one round trip of the calling convention (alloc,
// write, call, read, dealloc twice) with a small and a 1 KiB request.
func BenchmarkCall(b *testing.B) {
	for _, trusted := range []bool{false, true} {
		for _, size := range []int{16, 1024} {
			name := map[int]string{16: "16B", 1024: "1KiB"}[size]
			if trusted {
				name += "/trusted"
			}
			b.Run(name, func(b *testing.B) { benchCall(b, size, Config{Trusted: trusted}) })
		}
	}
}

// benchCall calls echo with a request of size bytes on a host with cfg.
func benchCall(b *testing.B, size int, cfg Config) {
	ctx := context.Background()
	h, err := New(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	defer h.Close(ctx)
	m, err := h.Load(ctx, "guest", mustRead(b, "guest.wasm"))
	if err != nil {
		b.Fatal(err)
	}
	req := make([]byte, size)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Call(ctx, "echo", req); err != nil {
			b.Fatal(err)
		}
	}
}
