//go:build linux

package wasmhost

import "syscall"

// mapMemory reserves max bytes of zeroed, private memory that takes no
// physical pages until they are touched (nil if the kernel refuses, and
// the memory then lives in the Go heap).
func mapMemory(max uint64) []byte {
	if max == 0 || max > 1<<32 {
		return nil
	}
	b, err := syscall.Mmap(-1, 0, int(max), syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
	if err != nil {
		return nil
	}
	return b
}

// unmapMemory releases a mapping made by mapMemory.
func unmapMemory(b []byte) { _ = syscall.Munmap(b) }
