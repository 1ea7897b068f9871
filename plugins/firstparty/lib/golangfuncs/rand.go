package golangfuncs

import (
	"fmt"
	"math/rand"
)

// randEntries wraps package math/rand (its default source, randomly
// seeded). Intn and Int63n, which panic on n <= 0, fail instead.
func randEntries() []entry {
	return []entry{
		{"exp_float_64", "func() float", f0(rand.ExpFloat64)},
		{"float_64", "func() float", f0(rand.Float64)},
		{"int", "func() int", f0(rand.Int)},
		{"int_63", "func() int", f0(rand.Int63)},
		{"int_63_n", "func(n int) int", e1(func(n int64) (int64, error) {
			if n <= 0 {
				return 0, fmt.Errorf("n must be positive, got %d", n)
			}
			return rand.Int63n(n), nil
		})},
		{"intn", "func(n int) int", e1(func(n int) (int, error) {
			if n <= 0 {
				return 0, fmt.Errorf("n must be positive, got %d", n)
			}
			return rand.Intn(n), nil
		})},
		{"norm_float_64", "func() float", f0(rand.NormFloat64)},
		// Read fills a copy of p (mcl strings are immutable) and returns
		// how many bytes it wrote: always len(p).
		{"read", "func(p str) int", e1(func(p string) (int, error) {
			return rand.Read([]byte(p)) //nolint:staticcheck // upstream wraps the deprecated Read
		})},
	}
}
