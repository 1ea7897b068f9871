package wasmhost

import (
	"testing"
	"unsafe"
)

// TestGuestMemoryGrowsInPlaceAndOutlivesFreeDuringACall checks the
// linear memory outside the Go heap: growing keeps the contents at the
// same address, the limit holds, and a Free that comes while a call runs
// (a runtime closed at shutdown) waits for the call to end.
func TestGuestMemoryGrowsInPlaceAndOutlivesFreeDuringACall(t *testing.T) {
	const page = 64 << 10
	g := &guestMemory{}
	lm := g.allocator().Allocate(0, 4*page)
	b := lm.Reallocate(page)
	if len(b) != page {
		t.Fatalf("first length %d, want %d", len(b), page)
	}
	b[page-1] = 42
	grown := lm.Reallocate(3 * page)
	if len(grown) != 3*page || grown[page-1] != 42 {
		t.Fatalf("grown to %d bytes, byte %d = %d: want %d bytes keeping 42", len(grown), page-1, grown[page-1], 3*page)
	}
	if g.reserved != nil && unsafe.SliceData(grown) != unsafe.SliceData(b) {
		t.Fatal("the mapped memory moved when it grew")
	}
	if got := lm.Reallocate(5 * page); got != nil {
		t.Fatalf("grew past the limit to %d bytes", len(got))
	}

	g.enter()
	lm.Free()
	if g.reserved == nil && g.heap == nil {
		t.Fatal("Free released the memory while a call was using it")
	}
	grown[0] = 1 // still mapped
	g.leave()
	if g.reserved != nil || g.heap != nil {
		t.Fatal("the memory was not released when the call ended")
	}
}
