//go:build race

package hostabi

// raceEnabled: the race detector adds allocations of its own.
const raceEnabled = true
