package hostabi

import "sync"

// Composite types (lists, maps, structs, functions) arrive with every
// message that carries a typed value: a resource's params struct type comes
// with every verb call. Decoding one allocates a Field and a Type per
// field, which a wasm guest pays dearly for (an allocation there costs
// about half a microsecond). The decoder therefore interns them: the
// canonical bytes of a composite type already decoded map to its *Type,
// found by a scan of the bytes that allocates nothing. Types are
// immutable, so sharing them is safe. The cache is bounded: past its size,
// types are decoded as usual.

// typeCacheMax bounds how many types the cache keeps, and typeCacheKeyMax
// how long an encoding may be to be kept.
const (
	typeCacheMax    = 512
	typeCacheKeyMax = 4096
)

var typeCache struct {
	mu sync.Mutex
	m  map[string]*Type
}

// cachedType returns the interned type whose encoding starts at d.off, and
// moves past it; ok is false when the bytes there are not a known type.
func (d *Decoder) cachedType() (t *Type, ok bool) {
	scan := *d // a copy: its errors and moves do not touch d
	if !scan.skipType(1) {
		return nil, false
	}
	key := d.buf[d.off:scan.off]
	typeCache.mu.Lock()
	t = typeCache.m[string(key)]
	typeCache.mu.Unlock()
	if t == nil {
		return nil, false
	}
	d.off = scan.off
	return t, true
}

// internType remembers t as the type encoded by b, while there is room.
func internType(b []byte, t *Type) {
	if len(b) > typeCacheKeyMax {
		return
	}
	typeCache.mu.Lock()
	defer typeCache.mu.Unlock()
	if typeCache.m == nil {
		typeCache.m = make(map[string]*Type)
	}
	if len(typeCache.m) < typeCacheMax {
		typeCache.m[string(b)] = t
	}
}

// skipType moves past one encoded type without building it, reporting
// whether the bytes had the shape of one. It checks nothing else: only an
// exact match with an encoding decoded and validated before is trusted.
func (d *Decoder) skipType(depth int) bool {
	if depth > MaxDepth || d.off >= d.limit {
		return false
	}
	tag := Kind(d.buf[d.off])
	d.off++
	switch tag {
	case KindBool, KindStr, KindInt, KindFloat, KindVariant:
		return true
	case KindList:
		return d.skipType(depth + 1)
	case KindMap:
		return d.skipType(depth+1) && d.skipType(depth+1)
	case KindStruct:
		return d.skipFields(depth)
	case KindFunc:
		return d.skipFields(depth) && d.skipType(depth+1)
	case KindVar:
		return d.skipString()
	}
	return false
}

// skipFields moves past a count and that many (name, type) pairs.
func (d *Decoder) skipFields(depth int) bool {
	n, err := d.ReadUvarint()
	if err != nil || n > uint64(d.limit-d.off) {
		return false
	}
	for range n {
		if !d.skipString() || !d.skipType(depth+1) {
			return false
		}
	}
	return true
}

// skipString moves past a length-prefixed string.
func (d *Decoder) skipString() bool {
	n, err := d.ReadUvarint()
	if err != nil || n > uint64(d.limit-d.off) {
		return false
	}
	d.off += int(n)
	return true
}
