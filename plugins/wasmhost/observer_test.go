package wasmhost

import (
	"context"
	"sync"
	"testing"
	"time"
)

// recorder is an Observer that keeps what it was told.
type recorder struct {
	mu       sync.Mutex
	calls    map[string]int // module/export/ok|err
	restarts map[string]int
	negative bool
}

func (r *recorder) ObserveCall(module, export string, d time.Duration, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	res := "ok"
	if err != nil {
		res = "err"
	}
	r.calls[module+"/"+export+"/"+res]++
	r.negative = r.negative || d < 0
}

func (r *recorder) ObserveRestart(module string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.restarts[module]++
}

func TestObserverSeesCallsErrorsAndRestarts(t *testing.T) {
	rec := &recorder{calls: map[string]int{}, restarts: map[string]int{}}
	m := loadGuest(t, Config{Observer: rec})
	ctx := context.Background()
	for range 3 {
		if _, err := m.Call(ctx, "echo", []byte("hi")); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := m.Call(ctx, "trap", nil); err == nil {
		t.Fatal("trap did not fail")
	}
	if _, err := m.Call(ctx, "missing", nil); err == nil {
		t.Fatal("a missing export did not fail")
	}
	rec.mu.Lock()
	defer rec.mu.Unlock()
	for key, want := range map[string]int{"guest/echo/ok": 3, "guest/trap/err": 1, "guest/missing/err": 1} {
		if got := rec.calls[key]; got != want {
			t.Errorf("%s observed %d times, want %d (%v)", key, got, want, rec.calls)
		}
	}
	total := 0
	for _, n := range rec.calls {
		total += n
	}
	calls, errs, restarts := m.Stats()
	if int64(total) != calls {
		t.Errorf("observed %d calls, the module counted %d", total, calls)
	}
	if got := rec.calls["guest/echo/err"] + rec.calls["guest/trap/err"] + rec.calls["guest/missing/err"]; int64(got) != errs {
		t.Errorf("observed %d errors, the module counted %d", got, errs)
	}
	if int64(rec.restarts["guest"]) != restarts || restarts < 1 {
		t.Errorf("observed %d restarts, the module counted %d", rec.restarts["guest"], restarts)
	}
	if rec.negative {
		t.Error("a negative duration was observed")
	}
}
