package wasmhost

import "testing"

// TestIdleStackHandsOutTheLastUsed checks the pool's order: the instance
// put back last is the next one out, and every token matches one
// instance.
func TestIdleStackHandsOutTheLastUsed(t *testing.T) {
	s := newIdleStack(3)
	a, b, c := &instance{}, &instance{}, &instance{}
	for _, inst := range []*instance{a, b, c} {
		s.push(inst)
	}
	for i, want := range []*instance{c, b, a} {
		select {
		case <-s.ready:
		default:
			t.Fatalf("pop %d: no token for an instance on the stack", i)
		}
		if got := s.pop(); got != want {
			t.Fatalf("pop %d: got instance %p, want %p", i, got, want)
		}
	}
	select {
	case <-s.ready:
		t.Fatal("a token is left for an empty stack")
	default:
	}
}
