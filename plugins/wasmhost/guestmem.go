package wasmhost

import (
	"sync"

	"github.com/tetratelabs/wazero/experimental"
)

// guestMemory is one instance's linear memory, mapped outside the Go heap
// (see mapMemory): wazero's default is a Go slice that every memory.grow
// copies into a larger one, and that the host's garbage collector counts
// in its heap goal, so each guest megabyte cost the host about three
// (docs/benchmarks.md, "guest memory outside the Go heap"). Here the
// whole limit is reserved once and pages become resident as the guest
// touches them; growing never moves or copies.
//
// Free may be called while a call is still running on the instance (a
// runtime closed at shutdown closes every module), so the mapping is
// only released when no call is using it.
type guestMemory struct {
	mu       sync.Mutex
	reserved []byte // the whole mapping (nil: Go heap fallback)
	heap     []byte // the fallback's memory when the mapping failed
	size     uint64 // current length
	calls    int    // calls in flight
	freed    bool   // Free was called
}

// allocator returns the wazero allocator that makes g the memory of the
// instance it is passed to.
func (g *guestMemory) allocator() experimental.MemoryAllocator {
	return experimental.MemoryAllocatorFunc(func(_, max uint64) experimental.LinearMemory {
		g.reserved = mapMemory(max)
		return g
	})
}

// Reallocate implements experimental.LinearMemory: it returns the first
// size bytes, or nil beyond the reservation.
func (g *guestMemory) Reallocate(size uint64) []byte {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.reserved == nil {
		if size > uint64(len(g.heap)) {
			g.heap = append(g.heap, make([]byte, size-uint64(len(g.heap)))...)
		}
		g.size = size
		return g.heap[:size:size]
	}
	if size > uint64(len(g.reserved)) {
		return nil
	}
	g.size = size
	return g.reserved[:size:size]
}

// Free implements experimental.LinearMemory: it releases the mapping now,
// or when the last call in flight ends.
func (g *guestMemory) Free() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.freed = true
	g.release()
}

// enter marks a call running on the memory; leave ends it.
func (g *guestMemory) enter() {
	g.mu.Lock()
	g.calls++
	g.mu.Unlock()
}

func (g *guestMemory) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.calls--
	g.release()
}

// release unmaps a freed memory that no call uses. g.mu is held.
func (g *guestMemory) release() {
	if !g.freed || g.calls > 0 {
		return
	}
	if g.reserved != nil {
		unmapMemory(g.reserved)
	}
	g.reserved, g.heap = nil, nil
}
