package runtime

import (
	"fmt"
	"sync/atomic"
	"testing"
)

// forEach visits every index once and reports the failure of the lowest
// failing index, whatever order the workers ran in.
func TestForEach(t *testing.T) {
	for _, tc := range []struct {
		n     int
		fail  []int
		wantI int // -1: no error
	}{
		{n: 0, wantI: -1},
		{n: 1, fail: []int{0}, wantI: 0},
		{n: 100, wantI: -1},
		{n: 100, fail: []int{73, 12, 99}, wantI: 12},
	} {
		t.Run(fmt.Sprint(tc.n, tc.fail), func(t *testing.T) {
			var calls atomic.Int64
			seen := make([]atomic.Int32, tc.n)
			err := forEach(tc.n, func(i int) error {
				calls.Add(1)
				seen[i].Add(1)
				for _, f := range tc.fail {
					if f == i {
						return fmt.Errorf("index %d", i)
					}
				}
				return nil
			})
			if calls.Load() != int64(tc.n) {
				t.Errorf("%d calls, want %d", calls.Load(), tc.n)
			}
			for i := range seen {
				if seen[i].Load() != 1 {
					t.Errorf("index %d visited %d times", i, seen[i].Load())
				}
			}
			switch {
			case tc.wantI < 0 && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.wantI >= 0 && (err == nil || err.Error() != fmt.Sprintf("index %d", tc.wantI)):
				t.Errorf("error %v, want index %d", err, tc.wantI)
			}
		})
	}
}
