package hostabi

import (
	"encoding/binary"
	"fmt"
	"math"
)

// WireType is the low three bits of a field key: how to find the end of a
// field whose tag the reader does not know (docs/abi.md, "Messages").
type WireType uint8

// The v1 wire types. Other values are malformed.
const (
	// WireVarint is a uvarint: bools, enums, unsigned and zigzag integers.
	WireVarint WireType = 0
	// WireFixed64 is eight bytes, little-endian.
	WireFixed64 WireType = 1
	// WireBytes is a uvarint length and that many bytes: strings, bytes,
	// types, typed values and nested messages.
	WireBytes WireType = 2
)

// maxTag is the largest field tag: keys must fit in 32 bits.
const maxTag = 1<<29 - 1

// Encoder appends the v1 encoding to a byte slice. Its methods never fail
// individually; the first error (a string beyond [MaxStringLen], a value
// that does not fit its type) is kept and reported by [Encoder.Err], and
// later writes are then ignored.
type Encoder struct {
	buf   []byte
	start int
	err   error
}

// NewEncoder returns an encoder that appends to buf (which may be nil).
func NewEncoder(buf []byte) *Encoder {
	return &Encoder{buf: buf, start: len(buf)}
}

// Bytes returns the buffer: the bytes given to NewEncoder followed by what
// was encoded.
func (e *Encoder) Bytes() []byte { return e.buf }

// Len returns the number of bytes encoded so far.
func (e *Encoder) Len() int { return len(e.buf) - e.start }

// Err returns the first error met while encoding, or nil.
func (e *Encoder) Err() error { return e.err }

// fail records err unless an error was already recorded.
func (e *Encoder) fail(err error) {
	if e.err == nil {
		e.err = err
	}
}

// PutUvarint appends u as an unsigned LEB128 varint of minimal length.
func (e *Encoder) PutUvarint(u uint64) {
	if e.err == nil {
		e.buf = binary.AppendUvarint(e.buf, u)
	}
}

// PutVarint appends i zigzag-encoded ((i << 1) ^ (i >> 63)) as a uvarint.
func (e *Encoder) PutVarint(i int64) {
	e.PutUvarint(uint64(i<<1) ^ uint64(i>>63))
}

// PutFixed64 appends u as eight little-endian bytes.
func (e *Encoder) PutFixed64(u uint64) {
	if e.err == nil {
		e.buf = binary.LittleEndian.AppendUint64(e.buf, u)
	}
}

// PutFloat64 appends the IEEE 754 bits of f, little-endian. Every bit
// pattern is kept, including -0.0 and NaN payloads.
func (e *Encoder) PutFloat64(f float64) { e.PutFixed64(math.Float64bits(f)) }

// PutByte appends one byte.
func (e *Encoder) PutByte(c byte) {
	if e.err == nil {
		e.buf = append(e.buf, c)
	}
}

// PutBool appends 1 for true and 0 for false.
func (e *Encoder) PutBool(b bool) {
	if b {
		e.PutByte(1)
	} else {
		e.PutByte(0)
	}
}

// PutBytes appends the length of b as a uvarint, then b. It fails beyond
// [MaxStringLen].
func (e *Encoder) PutBytes(b []byte) {
	if len(b) > MaxStringLen {
		e.fail(newError(CodeLimit, fmt.Sprintf("%d bytes exceed the limit of %d", len(b), MaxStringLen)))
		return
	}
	e.PutUvarint(uint64(len(b)))
	if e.err == nil {
		e.buf = append(e.buf, b...)
	}
}

// PutString appends s as [Encoder.PutBytes] does.
func (e *Encoder) PutString(s string) {
	if len(s) > MaxStringLen {
		e.fail(newError(CodeLimit, fmt.Sprintf("string of %d bytes exceeds the limit of %d", len(s), MaxStringLen)))
		return
	}
	e.PutUvarint(uint64(len(s)))
	if e.err == nil {
		e.buf = append(e.buf, s...)
	}
}

// PutKey appends a field key: the uvarint tag<<3 | wt.
func (e *Encoder) PutKey(tag uint32, wt WireType) {
	if tag == 0 || tag > maxTag {
		e.fail(newError(CodeInternal, fmt.Sprintf("field tag %d out of range", tag)))
		return
	}
	e.PutUvarint(uint64(tag)<<3 | uint64(wt))
}

// beginLen starts a length-prefixed section and returns its mark. It
// reserves one byte for the length, which endLen widens if needed.
func (e *Encoder) beginLen() int {
	e.PutByte(0)
	return len(e.buf) - 1
}

// endLen writes the length of the section started at mark.
func (e *Encoder) endLen(mark int) {
	if e.err != nil {
		return
	}
	n := len(e.buf) - mark - 1
	if n > MaxMessageSize {
		e.fail(newError(CodeLimit, fmt.Sprintf("nested section of %d bytes exceeds the message limit of %d", n, MaxMessageSize)))
		return
	}
	var tmp [binary.MaxVarintLen64]byte
	w := binary.PutUvarint(tmp[:], uint64(n))
	if w > 1 {
		e.buf = append(e.buf, tmp[:w-1]...)
		copy(e.buf[mark+w:], e.buf[mark+1:mark+1+n])
	}
	copy(e.buf[mark:], tmp[:w])
}
