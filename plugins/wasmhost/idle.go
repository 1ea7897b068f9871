package wasmhost

import "sync"

// idleStack holds a module's idle instances and hands out the one used
// last: its memory and the code it ran are the likeliest to still be in
// the CPU's caches (a FIFO pool cycles through every instance, each gone
// cold), and the other instances stay idle. ready holds one token per
// instance on the stack, so that a caller can wait for one in a select
// and then pop.
type idleStack struct {
	mu    sync.Mutex
	insts []*instance
	ready chan struct{}
}

func newIdleStack(size int) idleStack {
	return idleStack{ready: make(chan struct{}, size)}
}

// push puts an instance on top and adds its token. A module never has
// more live instances than the capacity of ready.
func (s *idleStack) push(inst *instance) {
	s.mu.Lock()
	s.insts = append(s.insts, inst)
	s.mu.Unlock()
	s.ready <- struct{}{}
}

// pop takes the top instance; the caller has taken a token from ready.
func (s *idleStack) pop() *instance {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst := s.insts[len(s.insts)-1]
	s.insts[len(s.insts)-1] = nil
	s.insts = s.insts[:len(s.insts)-1]
	return inst
}
