package hostabi

import "fmt"

// This file lets a guest recognise a resource spec it has decoded before
// without decoding it again: the prepare request of a new resource and
// the check and apply requests that follow carry the same spec, and in a
// wasm guest decoding a spec is the largest part of such a call.

// SpecKey returns the bytes of the resource spec inside data, an encoded
// request that embeds a [ResourceSpec] (tags 1 to 3 and 8, as
// PrepareRequest, CheckRequest, ValidateRequest and the others do): those
// fields, key and body, in order, without decoding them. Two requests
// carry equal specs exactly when their keys are equal, whatever else they
// carry. Only the framing is checked; a decoder still checks the fields.
func SpecKey(data []byte) ([]byte, error) {
	if len(data) > MaxMessageSize {
		return nil, newError(CodeLimit, fmt.Sprintf("%d bytes exceed the message limit of %d", len(data), MaxMessageSize))
	}
	d := NewDecoder(data)
	key := make([]byte, 0, len(data))
	unknown := 0
	for d.off < d.limit {
		start := d.off
		k, err := d.ReadUvarint()
		if err != nil {
			return nil, err
		}
		f := field{d: d, tag: uint32(k >> 3), wt: WireType(k & 7), start: start, unknown: &unknown}
		if err := f.skip(); err != nil {
			return nil, err
		}
		switch k >> 3 {
		case 1, 2, 3, 8:
			key = append(key, data[start:d.off]...)
		}
	}
	return key, nil
}

// UnmarshalBinaryWithSpec decodes data, an encoded CheckRequest, taking
// its ResourceSpec from spec instead of decoding it: spec must be the
// decoding of a request whose [SpecKey] equals data's. The other fields
// are decoded and checked as UnmarshalBinary does.
func (m *CheckRequest) UnmarshalBinaryWithSpec(data []byte, spec *ResourceSpec) error {
	*m = CheckRequest{}
	if _, err := unmarshal(data, checkRest{m}); err != nil {
		return err
	}
	m.ResourceSpec = *spec
	return nil
}

// checkRest decodes the fields of a CheckRequest that are not its spec's.
type checkRest struct{ m *CheckRequest }

func (c checkRest) encode(e *Encoder) { c.m.encode(e) }

func (c checkRest) decodeField(f *field) error {
	switch f.tag {
	case 1, 2, 3, 8:
		unknown := *f.unknown
		err := f.skip()
		*f.unknown = unknown // a known field, taken from the spec
		return err
	}
	return c.m.decodeField(f)
}
