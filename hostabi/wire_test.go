package hostabi

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// hexBytes parses space-separated hex bytes, as the spec writes them.
func hexBytes(t testing.TB, s string) []byte {
	t.Helper()
	var out []byte
	for _, f := range strings.Fields(s) {
		var b byte
		for _, c := range []byte(f) {
			switch {
			case c >= '0' && c <= '9':
				b = b<<4 | (c - '0')
			case c >= 'a' && c <= 'f':
				b = b<<4 | (c - 'a' + 10)
			default:
				t.Fatalf("bad hex %q", f)
			}
		}
		if len(f) != 2 {
			t.Fatalf("bad hex %q", f)
		}
		out = append(out, b)
	}
	return out
}

func TestVarintGolden(t *testing.T) {
	uv := []struct {
		u    uint64
		want string
	}{
		{0, "00"}, {1, "01"}, {127, "7f"}, {128, "80 01"}, {300, "ac 02"}, {1000, "e8 07"},
		{math.MaxUint64, "ff ff ff ff ff ff ff ff ff 01"},
	}
	for _, tt := range uv {
		e := NewEncoder(nil)
		e.PutUvarint(tt.u)
		if want := hexBytes(t, tt.want); !bytes.Equal(e.Bytes(), want) {
			t.Errorf("PutUvarint(%d) = % x, want % x", tt.u, e.Bytes(), want)
		}
		got, err := NewDecoder(hexBytes(t, tt.want)).ReadUvarint()
		if err != nil || got != tt.u {
			t.Errorf("ReadUvarint(%s) = %d, %v", tt.want, got, err)
		}
	}
	sv := []struct {
		i    int64
		want string
	}{
		{0, "00"}, {-1, "01"}, {1, "02"}, {-2, "03"}, {2, "04"}, {300, "d8 04"},
		{math.MinInt64, "ff ff ff ff ff ff ff ff ff 01"},
		{math.MaxInt64, "fe ff ff ff ff ff ff ff ff 01"},
	}
	for _, tt := range sv {
		e := NewEncoder(nil)
		e.PutVarint(tt.i)
		if want := hexBytes(t, tt.want); !bytes.Equal(e.Bytes(), want) {
			t.Errorf("PutVarint(%d) = % x, want % x", tt.i, e.Bytes(), want)
		}
		got, err := NewDecoder(hexBytes(t, tt.want)).ReadVarint()
		if err != nil || got != tt.i {
			t.Errorf("ReadVarint(%s) = %d, %v", tt.want, got, err)
		}
	}
}

func TestDecoderPrimitiveErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		read func(d *Decoder) error
		want error
	}{
		{"empty varint", "", func(d *Decoder) error { _, err := d.ReadUvarint(); return err }, ErrMalformed},
		{"truncated varint", "80", func(d *Decoder) error { _, err := d.ReadUvarint(); return err }, ErrMalformed},
		{"non-minimal varint", "80 00", func(d *Decoder) error { _, err := d.ReadUvarint(); return err }, ErrMalformed},
		{"non-minimal 0x81 0x00", "81 00", func(d *Decoder) error { _, err := d.ReadUvarint(); return err }, ErrMalformed},
		{"overflow 10th byte", "ff ff ff ff ff ff ff ff ff 02", func(d *Decoder) error { _, err := d.ReadUvarint(); return err }, ErrMalformed},
		{"eleven bytes", "ff ff ff ff ff ff ff ff ff 81 01", func(d *Decoder) error { _, err := d.ReadUvarint(); return err }, ErrMalformed},
		{"truncated fixed64", "00 00 00 00 00 00 00", func(d *Decoder) error { _, err := d.ReadFixed64(); return err }, ErrMalformed},
		{"bool 2", "02", func(d *Decoder) error { _, err := d.ReadBool(); return err }, ErrMalformed},
		{"bytes beyond input", "05 61 62", func(d *Decoder) error { _, err := d.ReadBytes(); return err }, ErrMalformed},
		{"string beyond limit", "ff ff ff ff 0f", func(d *Decoder) error { _, err := d.ReadString(); return err }, ErrLimit},
		{"count beyond input", "80 80 80 80 08 00 00 00 00 00", func(d *Decoder) error { _, err := d.ReadCount(1); return err }, ErrMalformed},
		{"count times size beyond input", "03 00 00 00 00 00", func(d *Decoder) error { _, err := d.ReadCount(2); return err }, ErrMalformed},
		{"trailing", "01 00", func(d *Decoder) error {
			if _, err := d.ReadByte(); err != nil {
				return err
			}
			return d.Finish()
		}, ErrMalformed},
	}
	for _, tt := range tests {
		err := tt.read(NewDecoder(hexBytes(t, tt.in)))
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.want)
		}
		if err != nil && !strings.Contains(err.Error(), "offset ") {
			t.Errorf("%s: error %q does not give the offset", tt.name, err)
		}
	}
}

func TestDecoderReadsInPlace(t *testing.T) {
	in := hexBytes(t, "02 61 62 03 78 79 7a")
	d := NewDecoder(in)
	b, err := d.ReadBytes()
	if err != nil || string(b) != "ab" {
		t.Fatalf("ReadBytes = %q, %v", b, err)
	}
	if cap(b) != len(b) {
		t.Error("ReadBytes result can grow into the input")
	}
	s, err := d.ReadString()
	if err != nil || s != "xyz" || d.Remaining() != 0 || d.Offset() != len(in) {
		t.Fatalf("ReadString = %q, %v (remaining %d)", s, err, d.Remaining())
	}
	in[4] = 'Q'
	if s != "xyz" {
		t.Error("ReadString aliases the input")
	}
}

func TestEncoderLengthWidening(t *testing.T) {
	// Nested sections of 0, 127, 128, 16383 and 16384 bytes need length
	// prefixes of 1, 1, 2, 2 and 3 bytes: endLen must shift the body.
	for _, n := range []int{0, 1, 127, 128, 16383, 16384, 70000} {
		body := bytes.Repeat([]byte{0xab}, n)
		e := NewEncoder([]byte{0xee})
		mark := e.beginLen()
		e.buf = append(e.buf, body...)
		e.endLen(mark)
		e.PutByte(0xcc)
		want := NewEncoder([]byte{0xee})
		want.PutBytes(body)
		want.PutByte(0xcc)
		if !bytes.Equal(e.Bytes(), want.Bytes()) {
			t.Errorf("section of %d bytes: encoding differs from PutBytes", n)
		}
		if e.Len() != len(want.Bytes())-1 {
			t.Errorf("Len() = %d, want %d", e.Len(), len(want.Bytes())-1)
		}
	}
}

func TestEncoderLimits(t *testing.T) {
	e := NewEncoder(nil)
	e.PutString(strings.Repeat("x", MaxStringLen+1))
	e.PutByte(1)
	if !errors.Is(e.Err(), ErrLimit) || e.Len() != 0 {
		t.Errorf("over-long string: err %v, %d bytes written", e.Err(), e.Len())
	}
	e = NewEncoder(nil)
	e.PutKey(0, WireVarint)
	if e.Err() == nil {
		t.Error("tag 0 accepted")
	}
	e = NewEncoder(nil)
	e.PutBytes(make([]byte, MaxStringLen+1))
	if !errors.Is(e.Err(), ErrLimit) {
		t.Errorf("over-long bytes: err %v", e.Err())
	}
}

func TestPackPtrLen(t *testing.T) {
	p := PackPtrLen(0xdeadbeef, 0x12345678)
	if p != 0xdeadbeef12345678 {
		t.Errorf("PackPtrLen = %#x", p)
	}
	if ptr, n := UnpackPtrLen(p); ptr != 0xdeadbeef || n != 0x12345678 {
		t.Errorf("UnpackPtrLen = %#x, %#x", ptr, n)
	}
}
