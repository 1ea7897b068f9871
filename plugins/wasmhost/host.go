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
	"strings"
	"sync"
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
	// PoolSize is the most instances kept per module (default 4). The
	// pool makes up to one per CPU as calls need them, and more only when
	// every instance has been busy for a while (Module.get).
	PoolSize int
	// QuickStart is how long Load waits for the optimizing compiler (a
	// compilation-cache hit takes well under it) before it starts the
	// module on wazero's interpreter, switching to the compiled code
	// once the compiler is done. Zero means 150ms; negative always waits
	// for the compiler. See docs/benchmarks.md, "first start".
	QuickStart time.Duration
	// Trusted runs the modules without wazero's termination checks
	// (WithCloseOnContextDone): calls are 2x to 4x cheaper in CPU
	// (docs/benchmarks.md), but a call cannot be interrupted at its
	// deadline. Only for modules that are part of mgmt itself, as the
	// first-party plugin is; never for installed plugins. Memory limits
	// still hold. A trusted host must have a cache directory of its own:
	// wazero's cache does not tell code compiled with checks from code
	// without.
	Trusted bool
	// Env is the WASI environment of every instance, as KEY=VALUE
	// entries (a later KEY replaces an earlier one). Empty, the default,
	// is what the ABI promises installed plugins (docs/abi.md section
	// 1); only modules that are part of mgmt get the process's
	// environment (see firstparty.HostConfig). An entry without '=',
	// with an empty key or with a NUL byte is an error of New.
	Env []string
	// Observer is told of every call and every instance thrown away
	// (nil: nobody is).
	Observer Observer
}

// Host owns the wazero runtimes that plugin modules run in: the compiler
// runtime, and an interpreter runtime made on first need for quick starts.
type Host struct {
	cfg     Config
	rt      wazero.Runtime
	imports []Import
	env     [][2]string // Config.Env, split

	interpOnce sync.Once
	interp     wazero.Runtime
	interpErr  error

	mu   sync.Mutex
	mods []*Module // loaded, closed by Close
}

// closeWait bounds how long Close waits for background compilations.
const closeWait = time.Minute

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
	if cfg.QuickStart == 0 {
		cfg.QuickStart = 150 * time.Millisecond
	}
	env, err := parseEnv(cfg.Env)
	if err != nil {
		return nil, err
	}
	rc := limits(wazero.NewRuntimeConfigCompiler(), cfg)
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
	rt, err := newRuntime(ctx, rc, imports)
	if err != nil {
		return nil, err
	}
	return &Host{cfg: cfg, rt: rt, imports: imports, env: env}, nil
}

// parseEnv splits KEY=VALUE entries into pairs.
func parseEnv(entries []string) ([][2]string, error) {
	var out [][2]string
	for _, e := range entries {
		k, v, ok := strings.Cut(e, "=")
		if !ok || k == "" || strings.IndexByte(e, 0) >= 0 {
			return nil, fmt.Errorf("plugin environment: %q is not KEY=VALUE without NUL bytes", e)
		}
		out = append(out, [2]string{k, v})
	}
	return out, nil
}

// limits applies the host's per-call and per-instance limits to rc.
func limits(rc wazero.RuntimeConfig, cfg Config) wazero.RuntimeConfig {
	return rc.WithCloseOnContextDone(!cfg.Trusted).
		WithMemoryLimitPages(cfg.MemoryLimitMiB * 16) // 64 KiB pages
}

// newRuntime makes a runtime with WASI and the host's imports.
func newRuntime(ctx context.Context, rc wazero.RuntimeConfig, imports []Import) (wazero.Runtime, error) {
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
	return rt, nil
}

// interpreter returns the interpreter runtime, made on first use with the
// same limits and imports as the compiler's.
func (h *Host) interpreter(ctx context.Context) (wazero.Runtime, error) {
	h.interpOnce.Do(func() {
		h.interp, h.interpErr = newRuntime(ctx, limits(wazero.NewRuntimeConfigInterpreter(), h.cfg), h.imports)
	})
	return h.interp, h.interpErr
}

// Close closes every module, waiting (up to a minute) for background
// compilations so that their code reaches the cache, then the runtimes.
func (h *Host) Close(ctx context.Context) error {
	h.mu.Lock()
	mods := h.mods
	h.mods = nil
	h.mu.Unlock()
	wctx, cancel := context.WithTimeout(ctx, closeWait)
	defer cancel()
	var err error
	for _, m := range mods {
		err = errors.Join(err, m.Close(wctx))
	}
	if errors.Is(err, errStillCompiling) {
		// Closing the runtime under a compilation that is still running
		// makes wazero panic: leave it (and its memory) to the compiler,
		// which stops when the process does.
		return err
	}
	err = errors.Join(err, h.rt.Close(ctx))
	if h.interp != nil {
		err = errors.Join(err, h.interp.Close(ctx))
	}
	return err
}
