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
// fresh Params made from it every call, and values are immutable.
var checkRequests = &requestCache{max: 32}

// requestCache is a bounded map from request bytes to their decoding,
// the oldest entry evicted first.
type requestCache struct {
	mu    sync.Mutex
	max   int
	byKey map[string]*hostabi.CheckRequest
	order []string // keys, oldest at next once full
	next  int
}

// get returns the decoding of req, decoding it on a miss.
func (c *requestCache) get(req []byte) (*hostabi.CheckRequest, error) {
	c.mu.Lock()
	in, ok := c.byKey[string(req)]
	c.mu.Unlock()
	if ok {
		return in, nil
	}
	in = &hostabi.CheckRequest{}
	if err := in.UnmarshalBinary(req); err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = make(map[string]*hostabi.CheckRequest, c.max)
	}
	key := string(req)
	if len(c.order) < c.max {
		c.order = append(c.order, key)
	} else {
		delete(c.byKey, c.order[c.next])
		c.order[c.next] = key
		c.next = (c.next + 1) % c.max
	}
	c.byKey[key] = in
	return in, nil
}
