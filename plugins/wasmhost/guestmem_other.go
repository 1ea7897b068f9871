//go:build !linux

package wasmhost

// mapMemory has no mapping to offer here: guest memory lives in the Go
// heap.
func mapMemory(uint64) []byte { return nil }

// unmapMemory is never called without mapMemory.
func unmapMemory([]byte) {}
