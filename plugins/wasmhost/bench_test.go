package wasmhost

import (
	"context"
	"testing"
	"time"
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
	// With an observer (what --prometheus adds: the clock and the call).
	b.Run("16B/trusted/observed", func(b *testing.B) {
		benchCall(b, 16, Config{Trusted: true, Observer: nopObserver{}})
	})
}

// nopObserver is an Observer that does nothing.
type nopObserver struct{}

func (nopObserver) ObserveCall(string, string, time.Duration, error) {}
func (nopObserver) ObserveRestart(string)                            {}

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
