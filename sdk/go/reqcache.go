package mgmt

import (
	"sync"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// checkRequests keeps the last check and apply requests decoded, by their
// bytes. The host sends the same bytes for every check of a resource
// whose params did not change (each drift repair, each poll), and in a
// wasm guest decoding a resource's spec is most of what a check costs
// before its first import. A decoded request is only read: kinds get
// fresh Params made from it every call (but for a [Reusable] resource,
// kept with its request), and values are immutable.
var checkRequests = &requestCache{max: 32}

// requestCache is a bounded map from request bytes to their decoding,
// the oldest entry evicted first.
type requestCache struct {
	mu    sync.Mutex
	max   int
	byKey map[string]*checkEntry
	order []string // keys, oldest at next once full
	next  int
}

// checkEntry is a decoded request and, once built, its resource if that
// is Reusable.
type checkEntry struct {
	req *hostabi.CheckRequest
	res Reusable
}

// resource returns the entry's resource, building it on the first call
// and keeping it when it is Reusable.
func (c *requestCache) resource(e *checkEntry) (Resource, error) {
	c.mu.Lock()
	kept := e.res
	c.mu.Unlock()
	if kept != nil {
		return kept, nil
	}
	r, err := resource(&e.req.ResourceSpec)
	if err != nil {
		return nil, err
	}
	if re, ok := r.(Reusable); ok {
		c.mu.Lock()
		e.res = re
		c.mu.Unlock()
	}
	return r, nil
}

// reset empties the cache.
func (c *requestCache) reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byKey, c.order, c.next = nil, nil, 0
}

// get returns the entry of req, decoding it on a miss.
func (c *requestCache) get(req []byte) (*checkEntry, error) {
	c.mu.Lock()
	e, ok := c.byKey[string(req)]
	c.mu.Unlock()
	if ok {
		return e, nil
	}
	e = &checkEntry{req: &hostabi.CheckRequest{}}
	if err := e.req.UnmarshalBinary(req); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = make(map[string]*checkEntry, c.max)
	}
	key := string(req)
	if len(c.order) < c.max {
		c.order = append(c.order, key)
	} else {
		delete(c.byKey, c.order[c.next])
		c.order[c.next] = key
		c.next = (c.next + 1) % c.max
	}
	c.byKey[key] = e
	return e, nil
}
