package wasmhost

import (
	"context"
	"testing"
)

// BenchmarkCall measures one round trip of the calling convention (alloc,
// write, call, read, dealloc twice) with a small and a 1 KiB request.
func BenchmarkCall(b *testing.B) {
	for _, size := range []int{16, 1024} {
		b.Run(map[int]string{16: "16B", 1024: "1KiB"}[size], func(b *testing.B) {
			ctx := context.Background()
			h, err := New(ctx, Config{})
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
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := m.Call(ctx, "echo", req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
