package wasmhost

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// TestMayGrow checks the pool's growth rule: freely up to one instance
// per CPU, past that only when no instance has come back for stallAfter.
func TestMayGrow(t *testing.T) {
	cpus := runtime.GOMAXPROCS(0)
	m := &Module{slots: make(chan struct{}, cpus+2)}
	now := time.Now()
	tests := []struct {
		name string
		live int
		back time.Time
		want bool
	}{
		{"no instance yet", 0, now, true},
		{"fewer than the CPUs", cpus - 1, now, true},
		{"one per CPU, one just came back", cpus, now, false},
		{"one per CPU, none back for a while", cpus, now.Add(-10 * stallAfter), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for len(m.slots) > 0 {
				<-m.slots
			}
			for range tt.live {
				m.slots <- struct{}{}
			}
			m.lastBack.Store(tt.back.UnixNano())
			if got := m.mayGrow(); got != tt.want {
				t.Fatalf("mayGrow with %d live of %d CPUs = %v, want %v", tt.live, cpus, got, tt.want)
			}
		})
	}
}

// TestPoolGrowsPastABlockedInstance checks that a call stuck in its
// instance (here spinning until its deadline) does not hold up the next
// call: with one CPU's worth of instances busy, the pool makes another.
func TestPoolGrowsPastABlockedInstance(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	m := loadGuest(t, Config{PoolSize: 4, CallTimeout: 5 * time.Second})
	if _, err := m.Call(context.Background(), "echo", []byte("warm")); err != nil {
		t.Fatal(err)
	}
	spinning := make(chan error, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		_, err := m.Call(ctx, "spin", nil)
		spinning <- err
	}()
	for len(m.idle.ready) > 0 { // until the spin has the only instance
		time.Sleep(time.Millisecond)
	}
	got, err := m.Call(context.Background(), "echo", []byte("hi"))
	if err != nil || string(got) != "hi" {
		t.Fatalf("echo beside a spinning call: %q, %v", got, err)
	}
	select {
	case err := <-spinning:
		t.Fatalf("the spin ended (%v) before the echo could be served beside it", err)
	default:
	}
	if n := len(m.slots); n != 2 {
		t.Errorf("%d live instances, want 2 (the spinning one and a new one)", n)
	}
	cancel()
	if err := <-spinning; err == nil {
		t.Error("the cancelled spin reported no error")
	}
}

// TestPoolGrowsForEveryBlockedCaller checks that when several callers
// wait behind blocked instances, each gets a new instance in turn (the
// stall watch passes from one waiting caller to the next), up to the
// pool's size.
func TestPoolGrowsForEveryBlockedCaller(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	m := loadGuest(t, Config{PoolSize: 3, CallTimeout: 30 * time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 3)
	for range 3 {
		go func() {
			_, err := m.Call(ctx, "spin", nil)
			done <- err
		}()
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(m.slots) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("%d instances for 3 blocked callers after 10 s, want 3", len(m.slots))
		}
		time.Sleep(5 * time.Millisecond)
	}
	select {
	case err := <-done:
		t.Fatalf("a spin ended early: %v", err)
	default:
	}
	cancel()
	for range 3 {
		<-done
	}
}
