package testlibfuncs

import "sync"

// state is what the test functions remember between calls in one module
// instance.
type state struct {
	mu sync.Mutex
	// ran holds the test.one_instance_* functions called so far.
	ran map[string]bool
	// streamed holds the counts test.one_stream was called with.
	streamed map[int64]bool
	// count is the next value of test.fastcount.
	count int64
	// looped says test.forloop was called before.
	looped bool
}

// newState returns the state of a fresh instance.
func newState() *state {
	return &state{ran: map[string]bool{}, streamed: map[int64]bool{}}
}

// st is the instance's state; tests replace it.
var st = newState()
