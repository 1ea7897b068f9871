// This file gives every verb message its encoding methods; keep it in
// step with the message files. It holds no logic.

package hostabi

import "encoding"

// Every verb message is a BinaryMarshaler, BinaryAppender and
// BinaryUnmarshaler.
var (
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*DescribeRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*DescribeResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*PrepareRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*PrepareResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*FuncInfo)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ResourceSpec)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ValidateResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*WatchSpec)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*WatchResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*CheckRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*CheckResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*AutoEdgesResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ReverseResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*CallRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*CallResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*InferRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*InferArg)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*InferResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ABIError)(nil)
)

// MarshalBinary returns the v1 encoding of m.
func (m *DescribeRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *DescribeRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *DescribeRequest) UnmarshalBinary(data []byte) error {
	*m = DescribeRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *DescribeResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *DescribeResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *DescribeResponse) UnmarshalBinary(data []byte) error {
	*m = DescribeResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *FuncInfo) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *FuncInfo) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *FuncInfo) UnmarshalBinary(data []byte) error {
	*m = FuncInfo{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ResourceSpec) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ResourceSpec) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ResourceSpec) UnmarshalBinary(data []byte) error {
	*m = ResourceSpec{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ValidateResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ValidateResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ValidateResponse) UnmarshalBinary(data []byte) error {
	*m = ValidateResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *WatchSpec) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *WatchSpec) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *WatchSpec) UnmarshalBinary(data []byte) error {
	*m = WatchSpec{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *WatchResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *WatchResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *WatchResponse) UnmarshalBinary(data []byte) error {
	*m = WatchResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *CheckRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *CheckRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *CheckRequest) UnmarshalBinary(data []byte) error {
	*m = CheckRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *CheckResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *CheckResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *CheckResponse) UnmarshalBinary(data []byte) error {
	*m = CheckResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *AutoEdgesResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *AutoEdgesResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *AutoEdgesResponse) UnmarshalBinary(data []byte) error {
	*m = AutoEdgesResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ReverseResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ReverseResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ReverseResponse) UnmarshalBinary(data []byte) error {
	*m = ReverseResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *CallRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *CallRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *CallRequest) UnmarshalBinary(data []byte) error {
	*m = CallRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *CallResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *CallResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *CallResponse) UnmarshalBinary(data []byte) error {
	*m = CallResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *InferRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *InferRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *InferRequest) UnmarshalBinary(data []byte) error {
	*m = InferRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *InferArg) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *InferArg) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *InferArg) UnmarshalBinary(data []byte) error {
	*m = InferArg{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *InferResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *InferResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *InferResponse) UnmarshalBinary(data []byte) error {
	*m = InferResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ABIError) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ABIError) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ABIError) UnmarshalBinary(data []byte) error {
	*m = ABIError{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *PrepareRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *PrepareRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *PrepareRequest) UnmarshalBinary(data []byte) error {
	*m = PrepareRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *PrepareResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *PrepareResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *PrepareResponse) UnmarshalBinary(data []byte) error {
	*m = PrepareResponse{}
	_, err := unmarshal(data, m)
	return err
}
