package hostabi

import (
	"encoding/binary"
	"fmt"
	"math"
)

// sharedStringMax is the largest input whose strings share one copy of the
// input; strings of larger inputs are copied one by one, so that a small
// string kept from a large message does not keep the whole message alive.
const sharedStringMax = 64 << 10

// Decoder reads the v1 encoding from a byte slice. Every method checks
// bounds and returns an error wrapping [ErrMalformed] or [ErrLimit] on bad
// input, with the offset where it went wrong; no method panics, and no
// method allocates more than the remaining input can justify (counts are
// checked against the bytes left before anything is allocated).
//
// Varints must be minimal (canonical): 0x80 0x00 is rejected.
type Decoder struct {
	buf    []byte
	off    int
	limit  int
	str    string // a copy of buf, made on first use, for strings
	hasStr bool
}

// NewDecoder returns a decoder over b. The decoder reads b in place:
// [Decoder.ReadBytes] returns slices of b, so b must not change while the
// results are in use.
func NewDecoder(b []byte) *Decoder {
	return &Decoder{buf: b, limit: len(b)}
}

// Offset returns the number of bytes read so far.
func (d *Decoder) Offset() int { return d.off }

// Remaining returns the number of bytes left to read (in the innermost
// nested section, while one is being read).
func (d *Decoder) Remaining() int { return d.limit - d.off }

// Finish fails unless every byte was read.
func (d *Decoder) Finish() error {
	if d.off != d.limit {
		return d.errorf(CodeMalformed, "%d trailing bytes", d.limit-d.off)
	}
	return nil
}

// errorf returns an *ABIError with code c whose message starts with the
// current offset.
func (d *Decoder) errorf(c Code, format string, args ...any) error {
	return newError(c, fmt.Sprintf("offset %d: ", d.off)+fmt.Sprintf(format, args...))
}

// ReadUvarint reads a minimal unsigned LEB128 varint of at most ten bytes.
func (d *Decoder) ReadUvarint() (uint64, error) {
	var x uint64
	for i, s := 0, uint(0); ; i, s = i+1, s+7 {
		if d.off >= d.limit {
			return 0, d.errorf(CodeMalformed, "truncated varint")
		}
		b := d.buf[d.off]
		if i == binary.MaxVarintLen64-1 && b > 1 {
			return 0, d.errorf(CodeMalformed, "varint overflows 64 bits")
		}
		d.off++
		if b < 0x80 {
			if b == 0 && i > 0 {
				return 0, d.errorf(CodeMalformed, "non-minimal varint")
			}
			return x | uint64(b)<<s, nil
		}
		x |= uint64(b&0x7f) << s
	}
}

// ReadVarint reads a zigzag-encoded signed varint.
func (d *Decoder) ReadVarint() (int64, error) {
	u, err := d.ReadUvarint()
	return int64(u>>1) ^ -int64(u&1), err
}

// ReadFixed64 reads eight little-endian bytes.
func (d *Decoder) ReadFixed64() (uint64, error) {
	if d.limit-d.off < 8 {
		return 0, d.errorf(CodeMalformed, "truncated fixed64")
	}
	u := binary.LittleEndian.Uint64(d.buf[d.off:])
	d.off += 8
	return u, nil
}

// ReadFloat64 reads an IEEE 754 double, keeping its exact bits.
func (d *Decoder) ReadFloat64() (float64, error) {
	u, err := d.ReadFixed64()
	return math.Float64frombits(u), err
}

// ReadByte reads one byte.
func (d *Decoder) ReadByte() (byte, error) {
	if d.off >= d.limit {
		return 0, d.errorf(CodeMalformed, "truncated input")
	}
	d.off++
	return d.buf[d.off-1], nil
}

// ReadBool reads a byte that must be 0 or 1.
func (d *Decoder) ReadBool() (bool, error) {
	b, err := d.ReadByte()
	if err == nil && b > 1 {
		d.off--
		return false, d.errorf(CodeMalformed, "bool byte %d", b)
	}
	return b == 1, err
}

// readLen reads a uvarint length and checks it against [MaxStringLen] and
// the remaining input.
func (d *Decoder) readLen() (int, error) {
	start := d.off
	u, err := d.ReadUvarint()
	switch {
	case err != nil:
		return 0, err
	case u > MaxStringLen:
		d.off = start
		return 0, d.errorf(CodeLimit, "length %d exceeds the limit of %d", u, MaxStringLen)
	case u > uint64(d.limit-d.off):
		d.off = start
		return 0, d.errorf(CodeMalformed, "length %d exceeds the %d remaining bytes", u, d.limit-d.off)
	}
	return int(u), nil
}

// ReadBytes reads a length-prefixed byte string. The result is a slice of
// the decoder's input, not a copy.
func (d *Decoder) ReadBytes() ([]byte, error) {
	n, err := d.readLen()
	if err != nil {
		return nil, err
	}
	d.off += n
	return d.buf[d.off-n : d.off : d.off], nil
}

// ReadString reads a length-prefixed string. For inputs up to 64 KiB all
// strings share one copy of the input (one allocation per decode).
func (d *Decoder) ReadString() (string, error) {
	n, err := d.readLen()
	if err != nil || n == 0 {
		return "", err
	}
	d.off += n
	if len(d.buf) > sharedStringMax {
		return string(d.buf[d.off-n : d.off]), nil
	}
	if !d.hasStr {
		d.str, d.hasStr = string(d.buf), true
	}
	return d.str[d.off-n : d.off], nil
}

// ReadCount reads a uvarint count of items that each take at least minSize
// bytes (minSize >= 1), and fails unless the remaining input could hold
// them. It is how decoders refuse a list that claims 2^31 items in ten
// bytes before allocating anything.
func (d *Decoder) ReadCount(minSize int) (int, error) {
	start := d.off
	u, err := d.ReadUvarint()
	if err != nil {
		return 0, err
	}
	if minSize < 1 {
		minSize = 1
	}
	if u > uint64((d.limit-d.off)/minSize) {
		d.off = start
		return 0, d.errorf(CodeMalformed, "count %d cannot fit in the %d remaining bytes", u, d.limit-d.off)
	}
	return int(u), nil
}

// pushLimit restricts reading to the next n bytes (n must not exceed the
// remaining input) and returns the previous limit for popLimit.
func (d *Decoder) pushLimit(n int) int {
	old := d.limit
	d.limit = d.off + n
	return old
}

// popLimit fails unless the restricted section was read to its end, then
// restores the previous limit.
func (d *Decoder) popLimit(old int) error {
	if err := d.Finish(); err != nil {
		return err
	}
	d.limit = old
	return nil
}
