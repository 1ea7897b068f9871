package hostabi

import "testing"

// Composite types decoded twice are one *Type (interned); a different type
// is not mistaken for a cached one, and bytes that merely start like a
// cached type still fail to decode as before.
func TestTypeInterning(t *testing.T) {
	a := NewStruct(Field{Name: "content", Type: TypeStr}, Field{Name: "args", Type: NewList(TypeStr)})
	b := NewStruct(Field{Name: "content", Type: TypeStr}, Field{Name: "args", Type: NewList(TypeInt)})
	encode := func(ty *Type) []byte {
		e := &Encoder{}
		e.PutType(ty)
		return e.Bytes()
	}
	decode := func(buf []byte) (*Type, error) { return NewDecoder(buf).ReadType() }
	first, err := decode(encode(a))
	if err != nil {
		t.Fatal(err)
	}
	second, err := decode(encode(a))
	if err != nil {
		t.Fatal(err)
	}
	if first != second {
		t.Error("the same struct type decoded twice gave two values: not interned")
	}
	other, err := decode(encode(b))
	if err != nil {
		t.Fatal(err)
	}
	if other == first || !other.Equal(b) {
		t.Errorf("a different type came back as %v", other)
	}
	enc := encode(a)
	if _, err := decode(enc[:len(enc)-1]); err == nil {
		t.Error("a truncated copy of a cached type decoded")
	}
}
