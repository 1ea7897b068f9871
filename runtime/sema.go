package runtime

import (
	"context"
	"slices"
	"sync"
)

// semaphores are the counting semaphores of Meta:sema, shared by the whole
// graph and across swaps. Each one is named by its full string ("id" or
// "id:N"); a vertex takes its semaphores in sorted order, so two vertices
// can never wait on each other.
type semaphores struct {
	mu sync.Mutex
	m  map[string]chan struct{}
}

func newSemaphores() *semaphores {
	return &semaphores{m: map[string]chan struct{}{}}
}

// get returns the semaphore called name, creating it on first use.
func (s *semaphores) get(name string) chan struct{} {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.m[name]
	if !ok {
		_, n, _ := ParseSema(name) // validated with the metaparams
		c = make(chan struct{}, n)
		s.m[name] = c
	}
	return c
}

// acquire takes every named semaphore and returns the function that gives
// them back. It fails only when ctx ends first.
func (s *semaphores) acquire(ctx context.Context, names []string) (release func(), err error) {
	if len(names) == 0 {
		return func() {}, nil
	}
	sorted := slices.Clone(names)
	slices.Sort(sorted)
	sorted = slices.Compact(sorted)
	held := make([]chan struct{}, 0, len(sorted))
	release = func() {
		for _, c := range held {
			<-c
		}
	}
	for _, name := range sorted {
		c := s.get(name)
		select {
		case c <- struct{}{}:
			held = append(held, c)
		case <-ctx.Done():
			release()
			return nil, ctx.Err()
		}
	}
	return release, nil
}
