// This file gives every host import message its encoding methods; keep it in
// step with the message files. It holds no logic.

package hostabi

import "encoding"

// Every host import message is a BinaryMarshaler, BinaryAppender and
// BinaryUnmarshaler.
var (
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*StatRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*StatResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ReadRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ReadResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*WriteAtomicRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*MkdirRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*RemoveRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*RenameRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ChmodRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ChownRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ReaddirRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ReaddirResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*DirEntry)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*SymlinkRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ReadlinkRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ReadlinkResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*LogRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ExecRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*ExecResponse)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*HostnameRequest)(nil)
	_ interface {
		encoding.BinaryMarshaler
		encoding.BinaryAppender
		encoding.BinaryUnmarshaler
	} = (*HostnameResponse)(nil)
)

// MarshalBinary returns the v1 encoding of m.
func (m *StatRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *StatRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *StatRequest) UnmarshalBinary(data []byte) error {
	*m = StatRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *StatResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *StatResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *StatResponse) UnmarshalBinary(data []byte) error {
	*m = StatResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ReadRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ReadRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ReadRequest) UnmarshalBinary(data []byte) error {
	*m = ReadRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ReadResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ReadResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ReadResponse) UnmarshalBinary(data []byte) error {
	*m = ReadResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *WriteAtomicRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *WriteAtomicRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *WriteAtomicRequest) UnmarshalBinary(data []byte) error {
	*m = WriteAtomicRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *MkdirRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *MkdirRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *MkdirRequest) UnmarshalBinary(data []byte) error {
	*m = MkdirRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *RemoveRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *RemoveRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *RemoveRequest) UnmarshalBinary(data []byte) error {
	*m = RemoveRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *RenameRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *RenameRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *RenameRequest) UnmarshalBinary(data []byte) error {
	*m = RenameRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ChmodRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ChmodRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ChmodRequest) UnmarshalBinary(data []byte) error {
	*m = ChmodRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ChownRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ChownRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ChownRequest) UnmarshalBinary(data []byte) error {
	*m = ChownRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ReaddirRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ReaddirRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ReaddirRequest) UnmarshalBinary(data []byte) error {
	*m = ReaddirRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ReaddirResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ReaddirResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ReaddirResponse) UnmarshalBinary(data []byte) error {
	*m = ReaddirResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *DirEntry) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *DirEntry) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *DirEntry) UnmarshalBinary(data []byte) error {
	*m = DirEntry{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *SymlinkRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *SymlinkRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *SymlinkRequest) UnmarshalBinary(data []byte) error {
	*m = SymlinkRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ReadlinkRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ReadlinkRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ReadlinkRequest) UnmarshalBinary(data []byte) error {
	*m = ReadlinkRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ReadlinkResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ReadlinkResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ReadlinkResponse) UnmarshalBinary(data []byte) error {
	*m = ReadlinkResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *LogRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *LogRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *LogRequest) UnmarshalBinary(data []byte) error {
	*m = LogRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ExecRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ExecRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ExecRequest) UnmarshalBinary(data []byte) error {
	*m = ExecRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *ExecResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *ExecResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *ExecResponse) UnmarshalBinary(data []byte) error {
	*m = ExecResponse{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *HostnameRequest) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *HostnameRequest) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *HostnameRequest) UnmarshalBinary(data []byte) error {
	*m = HostnameRequest{}
	_, err := unmarshal(data, m)
	return err
}

// MarshalBinary returns the v1 encoding of m.
func (m *HostnameResponse) MarshalBinary() ([]byte, error) { return marshal(nil, m) }

// AppendBinary appends the v1 encoding of m to b.
func (m *HostnameResponse) AppendBinary(b []byte) ([]byte, error) { return marshal(b, m) }

// UnmarshalBinary replaces m with the message encoded in data. Unknown
// fields are skipped; data is not retained.
func (m *HostnameResponse) UnmarshalBinary(data []byte) error {
	*m = HostnameResponse{}
	_, err := unmarshal(data, m)
	return err
}
