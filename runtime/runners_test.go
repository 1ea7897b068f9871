package runtime

import (
	goruntime "runtime"
	"testing"
)

// The runners that finished their loops wait for more, but no more than
// maxIdleRunners of them, however many loops ran at once; drifts after
// that run on the waiting runners, and the engine's goroutines do not
// grow with them.
func TestRunnersAreReusedAndBounded(t *testing.T) {
	j := &journal{}
	var fs []*fake
	var rs []Res
	for i := 0; i < 40; i++ {
		f := newFake(j, string(rune('A'+i)))
		fs = append(fs, f)
		rs = append(rs, f)
	}
	e := startEngine(t, Config{ConvergerTimeout: 0}, graphOf(rs))
	waitConverged(t, e)
	eventually(t, "idle runners", func() bool { return e.runners.idle.Load() > 0 })
	if n := e.runners.idle.Load(); n > maxIdleRunners {
		t.Fatalf("%d runners wait, more than the bound %d", n, maxIdleRunners)
	}
	base := goruntime.NumGoroutine()
	for round := 0; round < 20; round++ {
		for _, f := range fs {
			f.drift()
		}
		waitConverged(t, e)
	}
	eventually(t, "runners back", func() bool { return e.runners.idle.Load() > 0 })
	if n := e.runners.idle.Load(); n > maxIdleRunners {
		t.Errorf("%d runners wait after the drifts, more than the bound %d", n, maxIdleRunners)
	}
	if n := goruntime.NumGoroutine(); n > base+int(maxIdleRunners) {
		t.Errorf("%d goroutines after 800 drifts, %d before: runners are not reused", n, base)
	}
}
