package runtime

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// forEach calls f(i) for i in [0, n) on up to GOMAXPROCS goroutines and
// returns the error of the lowest i that failed, so the result does not
// depend on scheduling. Resource verbs that a graph swap makes once per
// resource (Validate, the autoedge UIDs) go through plugin calls that take
// tens of microseconds each: a thousand of them in a row were most of a
// large graph's start.
func forEach(n int, f func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			if err := f(i); err != nil {
				return err
			}
		}
		return nil
	}
	errs := make([]error, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				errs[i] = f(i)
			}
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
