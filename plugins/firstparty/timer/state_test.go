package timer

import (
	"testing"
	"time"
)

// state decides between idle, start, tick and reset from the time since
// the last tick.
func TestState(t *testing.T) {
	t0 := time.Unix(1000, 0)
	iv := 10 * time.Second
	for _, tc := range []struct {
		name    string
		elapsed time.Duration
		found   bool
		refresh bool
		want    step
	}{
		{"first run", 0, false, false, start},
		{"just ticked", time.Second, true, false, idle},
		{"short of half", 4 * time.Second, true, false, idle},
		{"half an interval (jitter)", 5 * time.Second, true, false, tick},
		{"one interval", iv, true, false, tick},
		{"late tick", 25 * time.Second, true, false, tick},
		{"stale from an earlier run", 31 * time.Second, true, false, start},
		{"clock went back", -time.Second, true, false, start},
		{"refresh", time.Second, true, true, reset},
		{"refresh first run", 0, false, true, reset},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := state(t0.Add(tc.elapsed), t0, tc.found, iv, tc.refresh); got != tc.want {
				t.Errorf("state = %s, want %s", got, tc.want)
			}
		})
	}
}
