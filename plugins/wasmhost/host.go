// Package wasmhost runs WebAssembly plugin modules on wazero: it compiles
// them (with an on-disk compilation cache), keeps a pool of instances per
// module, and calls their exports under a deadline and a memory limit. A
// trap, a timeout or an out-of-memory is an error of that call: the
// instance is thrown away and the next call gets a fresh one.
//
// The calling convention is the host ABI's: the guest exports
// alloc(size i32) i32 and dealloc(ptr i32, size i32); a verb export takes
// (ptr i32, len i32) pointing at the request and returns an i64 packing the
// response as ptr<<32 | len. The host writes the request into memory the
// guest allocated, frees it after the call, copies the response out, and
// frees it too. This package does not interpret the bytes.
package wasmhost

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/imports/wasi_snapshot_preview1"
)

// Config sets the limits of a Host.
type Config struct {
	// CacheDir holds wazero's compilation cache, so a second start does not
	// compile again; empty means no cache.
	CacheDir string
	// MemoryLimitMiB caps each instance's linear memory (default 64).
	MemoryLimitMiB uint32
	// CallTimeout is the deadline of every call (default 10s).
	CallTimeout time.Duration
	// PoolSize is the most instances kept per module (default 4).
	PoolSize int
}

// Host owns the wazero runtime that plugin modules run in.
type Host struct {
	cfg Config
	rt  wazero.Runtime
}

// ErrLimit is wrapped by errors of calls stopped by a limit: the deadline or
// the memory cap.
var ErrLimit = errors.New("plugin limit reached")

// Import defines host functions in the runtime before modules are loaded
// (the host ABI's imports are defined this way).
type Import func(ctx context.Context, rt wazero.Runtime) error

// New starts a host. The imports are instantiated once, for every module.
func New(ctx context.Context, cfg Config, imports ...Import) (*Host, error) {
	if cfg.MemoryLimitMiB == 0 {
		cfg.MemoryLimitMiB = 64
	}
	if cfg.CallTimeout == 0 {
		cfg.CallTimeout = 10 * time.Second
	}
	if cfg.PoolSize <= 0 {
		cfg.PoolSize = 4
	}
	rc := wazero.NewRuntimeConfigCompiler().
		WithCloseOnContextDone(true).
		WithMemoryLimitPages(cfg.MemoryLimitMiB * 16) // 64 KiB pages
	if cfg.CacheDir != "" {
		if err := os.MkdirAll(cfg.CacheDir, 0o700); err != nil {
			return nil, fmt.Errorf("compilation cache %s: %w", cfg.CacheDir, err)
		}
		cache, err := wazero.NewCompilationCacheWithDir(cfg.CacheDir)
		if err != nil {
			return nil, fmt.Errorf("compilation cache %s: %w", cfg.CacheDir, err)
		}
		rc = rc.WithCompilationCache(cache)
	}
	rt := wazero.NewRuntimeWithConfig(ctx, rc)
	if _, err := wasi_snapshot_preview1.Instantiate(ctx, rt); err != nil {
		rt.Close(ctx)
		return nil, fmt.Errorf("wasi: %w", err)
	}
	for _, imp := range imports {
		if err := imp(ctx, rt); err != nil {
			rt.Close(ctx)
			return nil, fmt.Errorf("host imports: %w", err)
		}
	}
	return &Host{cfg: cfg, rt: rt}, nil
}

// Close closes every module and the runtime.
func (h *Host) Close(ctx context.Context) error {
	return h.rt.Close(ctx)
}
