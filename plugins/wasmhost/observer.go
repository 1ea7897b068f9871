package wasmhost

import "time"

// Observer is told of the host's calls and of the instances it throws
// away, for metrics (internal/metrics implements it). Its methods are
// called from many goroutines at once and must not block.
type Observer interface {
	// ObserveCall is told of each Call, CallMax and Invoke of module's
	// export, with how long it took (waiting for an instance included)
	// and its error.
	ObserveCall(module, export string, d time.Duration, err error)
	// ObserveRestart is told when an instance of module is thrown away
	// after a failed call; the next call makes a new one.
	ObserveRestart(module string)
}

// observe tells o of a call that started at start and ended with *err.
func observe(o Observer, module, export string, start time.Time, err *error) {
	o.ObserveCall(module, export, time.Since(start), *err)
}
