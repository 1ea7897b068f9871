package wasmhost

import (
	"context"
	"errors"
	"testing"
	"time"
)

// While the compiler is slow (held here, as on a cold cache), a module
// runs on the interpreter with the same limits; once compiled, the
// interpreter instance is retired when it comes back and new instances run
// compiled code. Neither switch counts as a restart.
func TestQuickStartOnInterpreter(t *testing.T) {
	gate := make(chan struct{})
	beforeCompile = func() { <-gate }
	defer func() { beforeCompile = func() {} }()
	m := loadGuest(t, Config{PoolSize: 1, QuickStart: time.Millisecond, CallTimeout: 300 * time.Millisecond})
	if m.Compiled() {
		t.Fatal("the module is compiled although the compiler was held")
	}
	count := func() byte {
		t.Helper()
		got, err := m.Call(context.Background(), "count", nil)
		if err != nil {
			t.Fatal(err)
		}
		return got[0]
	}
	if a, b := count(), count(); a != 1 || b != 2 {
		t.Fatalf("counts %d, %d on the interpreter, want 1, 2 (one pooled instance)", a, b)
	}
	// The deadline holds on the interpreter too.
	if _, err := m.Call(context.Background(), "spin", []byte("x")); !errors.Is(err, ErrLimit) {
		t.Fatalf("spin on the interpreter: %v, want a limit error", err)
	}
	count() // a fresh interpreter instance
	close(gate)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := m.WaitCompiled(ctx); err != nil {
		t.Fatal(err)
	}
	if !m.Compiled() {
		t.Fatal("not compiled after the compiler finished")
	}
	if got := count(); got != 2 {
		t.Fatalf("count %d: the idle interpreter instance should serve one more call", got)
	}
	if got := count(); got != 1 {
		t.Fatalf("count %d: the interpreter instance was not retired for a compiled one", got)
	}
	if _, _, restarts := m.Stats(); restarts != 1 {
		t.Errorf("%d restarts, want 1 (the spin only)", restarts)
	}
}

// A cache hit (or a fast compile) never touches the interpreter.
func TestQuickStartCompiledWhenFast(t *testing.T) {
	m := loadGuest(t, Config{QuickStart: time.Minute})
	if !m.Compiled() {
		t.Fatal("the module runs on the interpreter although the compiler was given a minute")
	}
}

// A module compiled into the cache once is loaded compiled the next time,
// even when the quick-start wait is tiny: the host knows it is a cache hit.
func TestQuickStartSkippedOnCacheHit(t *testing.T) {
	cache := t.TempDir()
	first := loadGuest(t, Config{CacheDir: cache, QuickStart: time.Minute})
	if err := first.WaitCompiled(context.Background()); err != nil {
		t.Fatal(err)
	}
	gate := make(chan struct{})
	beforeCompile = func() { <-gate }
	defer func() { beforeCompile = func() {} }()
	go func() { time.Sleep(50 * time.Millisecond); close(gate) }()
	m := loadGuest(t, Config{CacheDir: cache, QuickStart: time.Nanosecond})
	if !m.Compiled() {
		t.Fatal("a cached module started on the interpreter")
	}
}

// A trusted host runs modules with the same calling convention and memory
// cap; only the deadline is not enforced inside guest code.
func TestTrustedHost(t *testing.T) {
	m := loadGuest(t, Config{Trusted: true, MemoryLimitMiB: 2})
	got, err := m.Call(context.Background(), "echo", []byte("hello"))
	if err != nil || string(got) != "hello" {
		t.Fatalf("echo on a trusted host: %q, %v", got, err)
	}
	if _, err := m.Call(context.Background(), "echo", make([]byte, 3<<20)); err == nil {
		t.Fatal("a 3 MiB request fit under a 2 MiB memory cap on a trusted host")
	}
}

// A Close that gives up waiting for a compilation still running says so and
// leaves the runtime to the compiler: closing it under the compiler made
// wazero panic when the compilation went on.
func TestCloseDuringCompilation(t *testing.T) {
	gate := make(chan struct{})
	beforeCompile = func() { <-gate }
	defer func() { beforeCompile = func() {} }()
	ctx := context.Background()
	h, err := New(ctx, Config{PoolSize: 1, QuickStart: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	m, err := h.Load(ctx, "guest", readTestdata(t, "guest.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Call(ctx, "count", nil); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	if err := h.Close(short); !errors.Is(err, errStillCompiling) {
		t.Fatalf("Close during a compilation: %v, want errStillCompiling", err)
	}
	close(gate)
	// The compilation finishes on a runtime that is still open: no panic.
	wait, cancelWait := context.WithTimeout(ctx, 30*time.Second)
	defer cancelWait()
	_ = m.WaitCompiled(wait) // its result after Close does not matter
}
