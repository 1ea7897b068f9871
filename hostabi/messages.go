package hostabi

import "fmt"

// This file is the machinery shared by every message (docs/abi.md,
// "Messages"): a message is a sequence of fields, each a key (tag<<3 | wire
// type) and a body, in nondecreasing tag order. A field equal to its default
// (0, false, "", empty, absent) is left out, and a decoder rejects one that
// is present anyway, so that every message has exactly one encoding. A tag
// repeats only for a repeated field, once per element. Unknown tags are
// skipped by their wire type.

// message is implemented by every request and response, and by the nested
// messages inside them.
type message interface {
	// encode appends the message's fields.
	encode(e *Encoder)
	// decodeField decodes the field f is positioned on, or skips it.
	decodeField(f *field) error
}

// validator is implemented by messages with required fields or rules
// between fields. validate returns why m breaks them, or "".
type validator interface {
	validate() string
}

// checkEncode records why m cannot be encoded, if it breaks its rules.
func (e *Encoder) checkEncode(m message) {
	if v, ok := m.(validator); ok && e.err == nil {
		if why := v.validate(); why != "" {
			e.fail(newError(CodeInvalid, fmt.Sprintf("%T: %s", m, why)))
		}
	}
}

// elem appends a zero element to *s and returns a pointer to it, for
// decoding one element of a repeated field in place.
func elem[T any](s *[]T) *T {
	var zero T
	*s = append(*s, zero)
	return &(*s)[len(*s)-1]
}

// marshal appends m to b and checks [MaxMessageSize].
func marshal(b []byte, m message) ([]byte, error) {
	e := NewEncoder(b)
	e.checkEncode(m)
	m.encode(e)
	if err := e.Err(); err != nil {
		return b, fmt.Errorf("marshal %T: %w", m, err)
	}
	if e.Len() > MaxMessageSize {
		return b, fmt.Errorf("marshal %T: %w", m, newError(CodeLimit, fmt.Sprintf("%d bytes exceed the message limit of %d", e.Len(), MaxMessageSize)))
	}
	return e.Bytes(), nil
}

// unmarshal decodes data into m, which must be freshly zeroed, and returns
// how many unknown fields it skipped.
func unmarshal(data []byte, m message) (int, error) {
	if len(data) > MaxMessageSize {
		return 0, fmt.Errorf("unmarshal %T: %w", m, newError(CodeLimit, fmt.Sprintf("%d bytes exceed the message limit of %d", len(data), MaxMessageSize)))
	}
	d := NewDecoder(data)
	unknown := 0
	if err := d.readMessage(m, &unknown); err != nil {
		return unknown, fmt.Errorf("unmarshal %T: %w", m, err)
	}
	return unknown, nil
}

// readMessage decodes fields until the current limit.
func (d *Decoder) readMessage(m message, unknown *int) error {
	f := field{d: d, unknown: unknown}
	begin := d.off
	for d.off < d.limit {
		start := d.off
		key, err := d.ReadUvarint()
		if err != nil {
			return err
		}
		tag, wt := key>>3, WireType(key&7)
		switch {
		case tag == 0 || tag > maxTag:
			d.off = start
			return d.errorf(CodeMalformed, "field tag %d out of range", tag)
		case uint32(tag) < f.tag:
			d.off = start
			return d.errorf(CodeMalformed, "field %d after field %d", tag, f.tag)
		}
		f.again = uint32(tag) == f.tag
		f.tag, f.wt, f.start = uint32(tag), wt, start
		if err := m.decodeField(&f); err != nil {
			return wrapErr(fmt.Sprintf("field %d", tag), err)
		}
	}
	if v, ok := m.(validator); ok {
		if why := v.validate(); why != "" {
			d.off = begin
			return d.errorf(CodeMalformed, "%s", why)
		}
	}
	return nil
}
