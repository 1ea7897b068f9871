package hostabi

import (
	"fmt"
	"strconv"
)

// This file encodes mcl values (docs/abi.md, "Values"). A typed value is
// its type followed by its payload; a payload is laid out by the type
// alone and takes at least one byte, which is what lets a decoder bound
// every count by the bytes that remain.

// EncodeValue returns the typed encoding of v: its type, then its payload.
// It fails, wrapping [ErrInvalid] or [ErrLimit], when v is nil, does not
// match its own type (an item of the wrong type, unsorted or duplicate map
// keys, a struct with the wrong number of fields), or its type has no
// values on the wire (a function, variant or type variable anywhere in it).
func EncodeValue(v Value) ([]byte, error) {
	e := NewEncoder(nil)
	e.PutValue(v)
	if err := e.Err(); err != nil {
		return nil, fmt.Errorf("encode value: %w", err)
	}
	return e.Bytes(), nil
}

// DecodeValue decodes a typed value that must fill b exactly. It checks
// that the payload matches the type, that map keys are strictly increasing
// and that the type is concrete. Errors wrap [ErrMalformed] or [ErrLimit].
func DecodeValue(b []byte) (Value, error) {
	if len(b) > MaxMessageSize {
		return nil, fmt.Errorf("decode value: %w", newError(CodeLimit, fmt.Sprintf("%d bytes exceed the message limit", len(b))))
	}
	d := NewDecoder(b)
	v, err := d.ReadValue()
	if err == nil {
		err = d.Finish()
	}
	if err != nil {
		return nil, fmt.Errorf("decode value: %w", err)
	}
	return v, nil
}

// PutValue appends the typed encoding of v (see [EncodeValue]).
func (e *Encoder) PutValue(v Value) {
	if e.err != nil {
		return
	}
	if isNil(v) {
		e.fail(newError(CodeInvalid, "nil value"))
		return
	}
	t := v.Type()
	e.PutType(t)
	e.PutPayload(t, v)
}

// PutPayload appends the payload of v, which must have type t; the type
// itself is not written.
func (e *Encoder) PutPayload(t *Type, v Value) {
	if e.err != nil {
		return
	}
	if !isConcrete(t) {
		e.fail(newError(CodeInvalid, fmt.Sprintf("type %s has no values on the wire (or is deeper than %d)", t, MaxDepth)))
		return
	}
	if err := e.putPayload(t, v); err != nil {
		e.fail(err)
	}
}

// putPayload appends v as a payload of the concrete type t.
func (e *Encoder) putPayload(t *Type, v Value) error {
	ok := false
	switch t.Kind {
	case KindBool:
		var b BoolValue
		if b, ok = v.(BoolValue); ok {
			e.PutBool(bool(b))
		}
	case KindStr:
		var s StrValue
		if s, ok = v.(StrValue); ok {
			e.PutString(string(s))
		}
	case KindInt:
		var i IntValue
		if i, ok = v.(IntValue); ok {
			e.PutVarint(int64(i))
		}
	case KindFloat:
		var f FloatValue
		if f, ok = v.(FloatValue); ok {
			e.PutFloat64(float64(f))
		}
	case KindList:
		if l, isList := v.(*ListValue); isList && l != nil && sameType(l.T, t) {
			return e.putList(t, l)
		}
	case KindMap:
		if m, isMap := v.(*MapValue); isMap && m != nil && sameType(m.T, t) {
			return e.putMap(t, m)
		}
	case KindStruct:
		if s, isStruct := v.(*StructValue); isStruct && s != nil && sameType(s.T, t) {
			return e.putStruct(t, s)
		}
	}
	if !ok {
		return newError(CodeInvalid, fmt.Sprintf("expected a value of type %s, got %s", t, describeValue(v)))
	}
	return e.err
}

// putList appends the items of l.
func (e *Encoder) putList(t *Type, l *ListValue) error {
	e.PutUvarint(uint64(len(l.Items)))
	for i, item := range l.Items {
		if err := e.putPayload(t.Elem, item); err != nil {
			return wrapErr("item "+strconv.Itoa(i), err)
		}
	}
	return e.err
}

// putMap appends the entries of m, whose keys must be strictly increasing.
func (e *Encoder) putMap(t *Type, m *MapValue) error {
	if len(m.Keys) != len(m.Vals) {
		return newError(CodeInvalid, fmt.Sprintf("map has %d keys and %d values", len(m.Keys), len(m.Vals)))
	}
	e.PutUvarint(uint64(len(m.Keys)))
	for i, k := range m.Keys {
		if i > 0 && Compare(m.Keys[i-1], k) >= 0 {
			return newError(CodeInvalid, fmt.Sprintf("map key %d is not greater than the key before it", i))
		}
		if err := e.putPayload(t.Key, k); err != nil {
			return wrapErr("key "+strconv.Itoa(i), err)
		}
		if err := e.putPayload(t.Val, m.Vals[i]); err != nil {
			return wrapErr("value of key "+strconv.Itoa(i), err)
		}
	}
	return e.err
}

// putStruct appends the field count and the fields of s.
func (e *Encoder) putStruct(t *Type, s *StructValue) error {
	if len(s.Fields) != len(t.Fields) {
		return newError(CodeInvalid, fmt.Sprintf("struct value has %d fields, its type %d", len(s.Fields), len(t.Fields)))
	}
	e.PutUvarint(uint64(len(s.Fields)))
	for i, f := range s.Fields {
		if err := e.putPayload(t.Fields[i].Type, f); err != nil {
			return wrapErr("field "+t.Fields[i].Name, err)
		}
	}
	return e.err
}

// isNil reports whether v is nil or a nil pointer of ours, whose Type
// method would panic.
func isNil(v Value) bool {
	switch x := v.(type) {
	case nil:
		return true
	case *ListValue:
		return x == nil
	case *MapValue:
		return x == nil
	case *StructValue:
		return x == nil
	}
	return false
}

// sameType is Equal with a fast path for the shared pointers that decoded
// and converted values carry.
func sameType(a, b *Type) bool { return a == b || a.Equal(b) }

// describeValue names v's Go and mcl type for error messages.
func describeValue(v Value) string {
	if isNil(v) {
		return "nil"
	}
	return fmt.Sprintf("%T of type %s", v, v.Type())
}

// ReadValue reads a typed value: a type, which must be concrete, then a
// payload of that type.
func (d *Decoder) ReadValue() (Value, error) {
	start := d.off
	t, err := d.ReadType()
	if err != nil {
		return nil, err
	}
	if !isConcrete(t) {
		d.off = start
		return nil, d.errorf(CodeMalformed, "type %s has no values on the wire", t)
	}
	return d.readPayload(t)
}

// ReadPayload reads a payload of type t, which the caller knows from
// elsewhere (a schema). t must be concrete and no deeper than [MaxDepth].
func (d *Decoder) ReadPayload(t *Type) (Value, error) {
	if err := NewEncoder(nil).putType(t, 1); err != nil {
		return nil, fmt.Errorf("read payload: %w", err)
	}
	if !isConcrete(t) {
		return nil, d.errorf(CodeInvalid, "type %s has no values on the wire", t)
	}
	return d.readPayload(t)
}

// readPayload reads a payload of the concrete type t.
func (d *Decoder) readPayload(t *Type) (Value, error) {
	switch t.Kind {
	case KindBool:
		b, err := d.ReadBool()
		return BoolValue(b), err
	case KindStr:
		s, err := d.ReadString()
		return StrValue(s), err
	case KindInt:
		i, err := d.ReadVarint()
		return IntValue(i), err
	case KindFloat:
		f, err := d.ReadFloat64()
		return FloatValue(f), err
	case KindList:
		return d.readList(t)
	case KindMap:
		return d.readMap(t)
	case KindStruct:
		return d.readStruct(t)
	}
	return nil, d.errorf(CodeInternal, "type %s has no values on the wire", t)
}

// readList reads a list payload; every item takes at least one byte.
func (d *Decoder) readList(t *Type) (Value, error) {
	n, err := d.ReadCount(1)
	if err != nil {
		return nil, err
	}
	l := &ListValue{T: t}
	if n > 0 {
		l.Items = make([]Value, n)
	}
	for i := range l.Items {
		if l.Items[i], err = d.readPayload(t.Elem); err != nil {
			return nil, wrapErr("item "+strconv.Itoa(i), err)
		}
	}
	return l, nil
}

// readMap reads a map payload; every entry takes at least two bytes and
// keys must be strictly increasing by [Compare].
func (d *Decoder) readMap(t *Type) (Value, error) {
	n, err := d.ReadCount(2)
	if err != nil {
		return nil, err
	}
	m := &MapValue{T: t}
	if n > 0 {
		m.Keys, m.Vals = make([]Value, n), make([]Value, n)
	}
	for i := range m.Keys {
		start := d.off
		if m.Keys[i], err = d.readPayload(t.Key); err != nil {
			return nil, wrapErr("key "+strconv.Itoa(i), err)
		}
		if i > 0 && Compare(m.Keys[i-1], m.Keys[i]) >= 0 {
			d.off = start
			return nil, d.errorf(CodeMalformed, "map key %d is not greater than the key before it", i)
		}
		if m.Vals[i], err = d.readPayload(t.Val); err != nil {
			return nil, wrapErr("value of key "+strconv.Itoa(i), err)
		}
	}
	return m, nil
}

// readStruct reads a struct payload: the field count, which must match the
// type, then the fields in order.
func (d *Decoder) readStruct(t *Type) (Value, error) {
	start := d.off
	n, err := d.ReadUvarint()
	if err != nil {
		return nil, err
	}
	if n != uint64(len(t.Fields)) {
		d.off = start
		return nil, d.errorf(CodeMalformed, "struct payload has %d fields, its type %d", n, len(t.Fields))
	}
	if len(t.Fields) > d.Remaining() {
		return nil, d.errorf(CodeMalformed, "%d fields cannot fit in the %d remaining bytes", n, d.Remaining())
	}
	s := &StructValue{T: t}
	if n > 0 {
		s.Fields = make([]Value, n)
	}
	for i, f := range t.Fields {
		if s.Fields[i], err = d.readPayload(f.Type); err != nil {
			return nil, wrapErr("field "+f.Name, err)
		}
	}
	return s, nil
}
