package hostabi

import "encoding"

// KVGetRequest is the request of kv_get (needs cluster.kv on the key).
type KVGetRequest struct {
	// Key is the key of the cluster's kv store (tag 1).
	Key string
}

// KVGetResponse is the response of kv_get.
type KVGetResponse struct {
	// Value is the key's value, "" when it does not exist (tag 1).
	Value string
	// Exists reports whether the key exists (tag 2).
	Exists bool
}

// KVPutRequest is the request of kv_put (needs cluster.kv on the key).
type KVPutRequest struct {
	// Key is the key (tag 1); Value its new value (tag 2).
	Key, Value string
}

// KVDeleteRequest is the request of kv_delete (needs cluster.kv on the
// key).
type KVDeleteRequest struct {
	// Key is the key (tag 1).
	Key string
}

func (m *KVGetRequest) encode(e *Encoder) { e.strField(1, m.Key) }

func (m *KVGetRequest) decodeField(f *field) error {
	if f.tag == 1 {
		return f.str(&m.Key)
	}
	return f.skip()
}

func (m *KVGetResponse) encode(e *Encoder) {
	e.strField(1, m.Value)
	e.boolField(2, m.Exists)
}

func (m *KVGetResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Value)
	case 2:
		return f.boolean(&m.Exists)
	}
	return f.skip()
}

func (m *KVPutRequest) encode(e *Encoder) {
	e.strField(1, m.Key)
	e.strField(2, m.Value)
}

func (m *KVPutRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Key)
	case 2:
		return f.str(&m.Value)
	}
	return f.skip()
}

func (m *KVDeleteRequest) encode(e *Encoder) { e.strField(1, m.Key) }

func (m *KVDeleteRequest) decodeField(f *field) error {
	if f.tag == 1 {
		return f.str(&m.Key)
	}
	return f.skip()
}

var (
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryUnmarshaler
	} = (*KVGetRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryUnmarshaler
	} = (*KVGetResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryUnmarshaler
	} = (*KVPutRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryUnmarshaler
	} = (*KVDeleteRequest)(nil)
)

// MarshalBinary returns the v1 encoding of m.
func (m *KVGetRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *KVGetRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *KVGetRequest) UnmarshalBinary(data []byte) error {
	*m = KVGetRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *KVGetResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *KVGetResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *KVGetResponse) UnmarshalBinary(data []byte) error {
	*m = KVGetResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *KVPutRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *KVPutRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *KVPutRequest) UnmarshalBinary(data []byte) error {
	*m = KVPutRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *KVDeleteRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *KVDeleteRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *KVDeleteRequest) UnmarshalBinary(data []byte) error {
	*m = KVDeleteRequest{}
	_, err := unmarshal(data, m)
	return err
}
