package runtime

import "time"

// Observer is told of the engine's work, for metrics (internal/metrics
// implements it). Its methods are called from many goroutines at once and
// must not block.
type Observer interface {
	// ObserveCheckApply is told of each CheckApply of a resource of kind
	// (grouped resources count as one, of the group's kind): apply is
	// false for a check only, checkOK and err are what it returned, d is
	// how long it took.
	ObserveCheckApply(kind string, apply, checkOK bool, err error, d time.Duration)
}
