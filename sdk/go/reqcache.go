package mgmt

import (
	"bytes"
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

// lastPrepared is the spec that prepare decoded and validated last, with
// its resource when Reusable: a resource that enters the graph is
// prepared, then checked or applied with a request that carries the same
// spec, which is then not decoded again. One entry serves that: a graph
// prepares all its new resources before it checks any, so a larger cache
// would hold all of a large graph's specs or miss as often, and the
// common case that gains is a single changed value.
var lastPrepared preparedSpec

// preparedSpec holds a spec by its [hostabi.SpecKey].
type preparedSpec struct {
	mu   sync.Mutex
	key  []byte
	spec *hostabi.ResourceSpec
	res  Reusable
}

// set records spec, decoded from a request whose spec key is key, and
// its resource r.
func (p *preparedSpec) set(key []byte, spec *hostabi.ResourceSpec, r Resource) {
	re, _ := r.(Reusable)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.key, p.spec, p.res = key, spec, re
}

// get returns the spec and resource recorded under key, if any.
func (p *preparedSpec) get(key []byte) (*hostabi.ResourceSpec, Reusable, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.spec == nil || !bytes.Equal(p.key, key) {
		return nil, nil, false
	}
	return p.spec, p.res, true
}

// reset forgets the entry.
func (p *preparedSpec) reset() { p.set(nil, nil, nil) }

// requestCache is a bounded map from request bytes to their decoding,
// the oldest entry evicted first.
type requestCache struct {
	mu    sync.Mutex // guards the map and the entries' res
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

// get returns the entry of req, decoding it on a miss: only the fields
// around the spec when prepare decoded the spec already.
func (c *requestCache) get(req []byte) (*checkEntry, error) {
	c.mu.Lock()
	e, ok := c.byKey[string(req)]
	c.mu.Unlock()
	if ok {
		return e, nil
	}
	e = &checkEntry{req: &hostabi.CheckRequest{}}
	var err error
	if key, kerr := hostabi.SpecKey(req); kerr != nil {
		err = kerr
	} else if spec, res, ok := lastPrepared.get(key); ok {
		err = e.req.UnmarshalBinaryWithSpec(req, spec)
		e.res = res
	} else {
		err = e.req.UnmarshalBinary(req)
	}
	if err != nil {
		return nil, err
	}
	c.put(string(req), e)
	return e, nil
}

// put adds the entry of key, evicting the oldest when full.
func (c *requestCache) put(key string, e *checkEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.byKey == nil {
		c.byKey = make(map[string]*checkEntry, c.max)
	}
	if _, ok := c.byKey[key]; !ok {
		if len(c.order) < c.max {
			c.order = append(c.order, key)
		} else {
			delete(c.byKey, c.order[c.next])
			c.order[c.next] = key
			c.next = (c.next + 1) % c.max
		}
	}
	c.byKey[key] = e
}

// prepared records the spec prepare decoded from req, and its resource r
// when r is Reusable, for the check and apply requests that follow.
func prepared(req []byte, spec *hostabi.ResourceSpec, r Resource) {
	if key, err := hostabi.SpecKey(req); err == nil {
		lastPrepared.set(key, spec, r)
	}
}
