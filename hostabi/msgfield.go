package hostabi

import (
	"fmt"
	"slices"
)

// This file reads and writes the fields of messages: one method per kind
// of field body, each enforcing the canonical rules of docs/abi.md 4.2.

// field is the field a message decoder is positioned on. Its methods read
// the body into a destination, checking the wire type, that a singular
// field appears once and is not its default, and the body itself.
type field struct {
	d       *Decoder
	tag     uint32
	wt      WireType
	again   bool // same tag as the field before: only repeated fields may
	start   int  // offset of the key
	unknown *int
	lastKey string // the previous entry's key, for fields that must be sorted
}

// expect checks the wire type and, for a singular field, that it is not
// repeated.
func (f *field) expect(wt WireType, repeated bool) error {
	if f.wt != wt {
		return f.fail(CodeMalformed, fmt.Sprintf("wire type %d, want %d", f.wt, wt))
	}
	if f.again && !repeated {
		return f.fail(CodeMalformed, "singular field repeated")
	}
	return nil
}

// fail returns an error positioned at the field's key.
func (f *field) fail(c Code, msg string) error {
	f.d.off = f.start
	return f.d.errorf(c, "%s", msg)
}

// defaultValue is the error for a singular field present with its default.
func (f *field) defaultValue() error {
	return f.fail(CodeMalformed, "field present with its default value (non-canonical)")
}

// skip skips an unknown field by its wire type.
func (f *field) skip() error {
	var err error
	switch f.wt {
	case WireVarint:
		_, err = f.d.ReadUvarint()
	case WireFixed64:
		_, err = f.d.ReadFixed64()
	case WireBytes:
		var n int
		if n, err = f.d.readSectionLen(); err == nil {
			f.d.off += n
		}
	default:
		return f.fail(CodeMalformed, fmt.Sprintf("unknown wire type %d", f.wt))
	}
	if err == nil {
		*f.unknown++
	}
	return err
}

// readSectionLen reads the length of a nested section, which may be up to
// the whole message (not only MaxStringLen).
func (d *Decoder) readSectionLen() (int, error) {
	start := d.off
	u, err := d.ReadUvarint()
	if err != nil {
		return 0, err
	}
	if u > uint64(d.limit-d.off) {
		d.off = start
		return 0, d.errorf(CodeMalformed, "length %d exceeds the %d remaining bytes", u, d.limit-d.off)
	}
	return int(u), nil
}

// str reads a singular string field.
func (f *field) str(p *string) error {
	if err := f.expect(WireBytes, false); err != nil {
		return err
	}
	s, err := f.d.ReadString()
	if err == nil && s == "" {
		return f.defaultValue()
	}
	*p = s
	return err
}

// strElem appends one element of a repeated string field.
func (f *field) strElem(p *[]string) error {
	if err := f.expect(WireBytes, true); err != nil {
		return err
	}
	s, err := f.d.ReadString()
	*p = append(*p, s)
	return err
}

// bytes reads a singular bytes field into a fresh copy.
func (f *field) bytes(p *[]byte) error {
	if err := f.expect(WireBytes, false); err != nil {
		return err
	}
	b, err := f.d.ReadBytes()
	if err == nil && len(b) == 0 {
		return f.defaultValue()
	}
	*p = slices.Clone(b)
	return err
}

// boolean reads a singular bool field, which can only be true (1).
func (f *field) boolean(p *bool) error {
	if err := f.expect(WireVarint, false); err != nil {
		return err
	}
	u, err := f.d.ReadUvarint()
	switch {
	case err != nil:
		return err
	case u == 0:
		return f.defaultValue()
	case u != 1:
		return f.fail(CodeMalformed, fmt.Sprintf("bool field value %d", u))
	}
	*p = true
	return nil
}

// unsigned reads a singular unsigned field no larger than max.
func (f *field) unsigned(p *uint64, max uint64) error {
	if err := f.expect(WireVarint, false); err != nil {
		return err
	}
	u, err := f.d.ReadUvarint()
	switch {
	case err != nil:
		return err
	case u == 0:
		return f.defaultValue()
	case u > max:
		return f.fail(CodeMalformed, fmt.Sprintf("value %d out of range (max %d)", u, max))
	}
	*p = u
	return nil
}

// unsigned32 reads a singular unsigned field into a uint32.
func (f *field) unsigned32(p *uint32) error {
	var u uint64
	err := f.unsigned(&u, 1<<32-1)
	*p = uint32(u)
	return err
}

// signed reads a singular zigzag-encoded signed field.
func (f *field) signed(p *int64) error {
	if err := f.expect(WireVarint, false); err != nil {
		return err
	}
	i, err := f.d.ReadVarint()
	if err == nil && i == 0 {
		return f.defaultValue()
	}
	*p = i
	return err
}

// typ reads a singular type field.
func (f *field) typ(p **Type) error {
	return f.section(false, func() (err error) {
		*p, err = f.d.ReadType()
		return err
	})
}

// value reads a singular typed value field.
func (f *field) value(p *Value) error {
	return f.section(false, func() (err error) {
		*p, err = f.d.ReadValue()
		return err
	})
}

// valueElem appends one element of a repeated typed value field.
func (f *field) valueElem(p *[]Value) error {
	return f.section(true, func() error {
		v, err := f.d.ReadValue()
		*p = append(*p, v)
		return err
	})
}

// structValue reads a singular typed value field whose type must be a
// struct.
func (f *field) structValue(p **StructValue) error {
	var v Value
	if err := f.value(&v); err != nil {
		return err
	}
	s, ok := v.(*StructValue)
	if !ok {
		return f.fail(CodeMalformed, fmt.Sprintf("expected a struct value, got type %s", v.Type()))
	}
	*p = s
	return nil
}

// msg reads a singular nested message into m.
func (f *field) msg(m message) error {
	return f.section(false, func() error { return f.d.readMessage(m, f.unknown) })
}

// msgElem reads one element of a repeated nested message field into m.
func (f *field) msgElem(m message) error {
	return f.section(true, func() error { return f.d.readMessage(m, f.unknown) })
}

// section reads a length-delimited body with read, which must consume it
// exactly.
func (f *field) section(repeated bool, read func() error) error {
	if err := f.expect(WireBytes, repeated); err != nil {
		return err
	}
	n, err := f.d.readSectionLen()
	if err != nil {
		return err
	}
	old := f.d.pushLimit(n)
	if err := read(); err != nil {
		return err
	}
	return f.d.popLimit(old)
}

// Field writers. Singular writers leave out default values.

// strField writes a singular string field unless s is "".
func (e *Encoder) strField(tag uint32, s string) {
	if s != "" {
		e.PutKey(tag, WireBytes)
		e.PutString(s)
	}
}

// strElem writes one element of a repeated string field.
func (e *Encoder) strElem(tag uint32, s string) {
	e.PutKey(tag, WireBytes)
	e.PutString(s)
}

// bytesField writes a singular bytes field unless b is empty.
func (e *Encoder) bytesField(tag uint32, b []byte) {
	if len(b) > 0 {
		e.PutKey(tag, WireBytes)
		e.PutBytes(b)
	}
}

// boolField writes a singular bool field if b is true.
func (e *Encoder) boolField(tag uint32, b bool) {
	if b {
		e.PutKey(tag, WireVarint)
		e.PutUvarint(1)
	}
}

// uintField writes a singular unsigned field unless u is 0.
func (e *Encoder) uintField(tag uint32, u uint64) {
	if u != 0 {
		e.PutKey(tag, WireVarint)
		e.PutUvarint(u)
	}
}

// intField writes a singular zigzag signed field unless i is 0.
func (e *Encoder) intField(tag uint32, i int64) {
	if i != 0 {
		e.PutKey(tag, WireVarint)
		e.PutVarint(i)
	}
}

// typeField writes a singular type field unless t is nil.
func (e *Encoder) typeField(tag uint32, t *Type) {
	if t != nil {
		e.PutKey(tag, WireBytes)
		mark := e.beginLen()
		e.PutType(t)
		e.endLen(mark)
	}
}

// valueField writes a singular typed value field unless v is nil.
func (e *Encoder) valueField(tag uint32, v Value) {
	if v != nil {
		e.valueElem(tag, v)
	}
}

// valueElem writes one element of a repeated typed value field.
func (e *Encoder) valueElem(tag uint32, v Value) {
	e.PutKey(tag, WireBytes)
	mark := e.beginLen()
	e.PutValue(v)
	e.endLen(mark)
}

// msgField writes a nested message field (singular or one element of a
// repeated field; the caller leaves out an absent singular one).
func (e *Encoder) msgField(tag uint32, m message) {
	e.checkEncode(m)
	e.PutKey(tag, WireBytes)
	mark := e.beginLen()
	m.encode(e)
	e.endLen(mark)
}

// structField writes a singular struct value field unless s is nil.
func (e *Encoder) structField(tag uint32, s *StructValue) {
	if s != nil {
		e.valueElem(tag, s)
	}
}
