package hostabi

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

// st builds a struct value of type typ.
func st(typ *Type, fields ...Value) *StructValue {
	return &StructValue{T: typ, Fields: fields}
}

// wireValues are values covering every kind, nesting, and edge case.
func wireValues(t testing.TB) []Value {
	li, ls := mustType(t, "[]int"), mustType(t, "[]str")
	ab := mustType(t, "struct{a int; b str}")
	keyT := mustType(t, "map{struct{a int; b str}: map{str: []float}}")
	msf := mustType(t, "map{str: []float}")
	lf := mustType(t, "[]float")
	empty := NewStruct()
	return []Value{
		BoolValue(false), BoolValue(true),
		StrValue(""), StrValue("hello"), StrValue("ünïcødé ☃ 😀"), StrValue("\x00\xff\xfe"),
		StrValue(strings.Repeat("long ", 1000)),
		IntValue(0), IntValue(1), IntValue(-1), IntValue(63), IntValue(-64), IntValue(64),
		IntValue(math.MaxInt64), IntValue(math.MinInt64), IntValue(1 << 53),
		FloatValue(0), FloatValue(math.Copysign(0, -1)), FloatValue(math.NaN()),
		FloatValue(math.Float64frombits(0x7ff4000000000123)), FloatValue(math.Float64frombits(0xfff8000000000000)),
		FloatValue(math.Inf(1)), FloatValue(math.Inf(-1)), FloatValue(math.SmallestNonzeroFloat64),
		FloatValue(math.MaxFloat64), FloatValue(0.1),
		listOf(li), listOf(ls), listOf(li, IntValue(1), IntValue(-2), IntValue(math.MinInt64)),
		listOf(mustType(t, "[][]str"), listOf(ls), listOf(ls, StrValue("x"), StrValue(""))),
		listOf(mustType(t, "[]struct{}"), st(empty), st(empty), st(empty)),
		st(empty), st(ab, IntValue(7), StrValue("seven")),
		st(mustType(t, "struct{x struct{y struct{z []bool}}}"),
			st(mustType(t, "struct{y struct{z []bool}}"),
				st(mustType(t, "struct{z []bool}"), listOf(mustType(t, "[]bool"), BoolValue(true))))),
		mapOf(t, mustType(t, "map{str: int}")),
		mapOf(t, mustType(t, "map{str: int}"), StrValue("b"), IntValue(2), StrValue("a"), IntValue(1), StrValue(""), IntValue(0)),
		mapOf(t, mustType(t, "map{float: bool}"), FloatValue(math.NaN()), BoolValue(true), FloatValue(math.Inf(-1)), BoolValue(false),
			FloatValue(math.Copysign(0, -1)), BoolValue(true), FloatValue(2.5), BoolValue(false)),
		mapOf(t, mustType(t, "map{bool: str}"), BoolValue(true), StrValue("t"), BoolValue(false), StrValue("f")),
		mapOf(t, mustType(t, "map{int: []int}"), IntValue(math.MaxInt64), listOf(li), IntValue(math.MinInt64), listOf(li, IntValue(3))),
		mapOf(t, mustType(t, "map{[]int: str}"), listOf(li, IntValue(1), IntValue(2)), StrValue("12"), listOf(li), StrValue("empty"), listOf(li, IntValue(1)), StrValue("1")),
		mapOf(t, keyT,
			st(ab, IntValue(2), StrValue("a")), mapOf(t, msf, StrValue("x"), listOf(lf, FloatValue(1.5))),
			st(ab, IntValue(1), StrValue("z")), mapOf(t, msf),
			st(ab, IntValue(1), StrValue("b")), mapOf(t, msf, StrValue(""), listOf(lf), StrValue("n"), listOf(lf, FloatValue(math.NaN())))),
		mapOf(t, mustType(t, "map{map{str: int}: bool}"),
			mapOf(t, mustType(t, "map{str: int}"), StrValue("a"), IntValue(1)), BoolValue(true),
			mapOf(t, mustType(t, "map{str: int}")), BoolValue(false)),
	}
}

func TestValueRoundTrip(t *testing.T) {
	for _, v := range wireValues(t) {
		b, err := EncodeValue(v)
		if err != nil {
			t.Errorf("EncodeValue(%s): %v", v, err)
			continue
		}
		got, err := DecodeValue(b)
		if err != nil {
			t.Errorf("DecodeValue(EncodeValue(%s)): %v", v, err)
			continue
		}
		if !got.Equal(v) || got.String() != v.String() || !got.Type().Equal(v.Type()) {
			t.Errorf("round trip of %s gave %s of type %s", v, got, got.Type())
		}
		again, err := EncodeValue(got)
		if err != nil || !bytes.Equal(again, b) {
			t.Errorf("re-encoding %s: % x, %v; want % x", v, again, err, b)
		}
	}
}

func TestFloatBitsPreserved(t *testing.T) {
	for _, bits := range []uint64{0, 1 << 63, 0x7ff8000000000001, 0x7ff4000000000123, 0xfff8000000000000, 0x7ff0000000000000} {
		b, err := EncodeValue(FloatValue(math.Float64frombits(bits)))
		if err != nil {
			t.Fatal(err)
		}
		v, err := DecodeValue(b)
		if err != nil {
			t.Fatal(err)
		}
		if got := math.Float64bits(float64(v.(FloatValue))); got != bits {
			t.Errorf("float bits %#x came back as %#x", bits, got)
		}
	}
}

func TestTypeRoundTrip(t *testing.T) {
	for _, s := range []string{
		"bool", "str", "int", "float", "variant", "?1", "?0042", "[]str", "[][]int", "map{str: int}",
		"map{struct{a int}: []map{bool: float}}", "struct{}", "struct{a int; b str}",
		"struct{z int; a int}", "func() int", "func(str, int) bool", "func(a str, b int) bool",
		"func(x ?1, y []?2) map{?1: ?2}", "func(func(int) str) func() variant",
		"struct{_x map{variant: ?7}; f func(a int, int) struct{}}",
	} {
		typ := mustType(t, s)
		b, err := EncodeType(typ)
		if err != nil {
			t.Errorf("EncodeType(%s): %v", s, err)
			continue
		}
		got, err := DecodeType(b)
		if err != nil {
			t.Errorf("DecodeType(EncodeType(%s)): %v", s, err)
			continue
		}
		if !got.Equal(typ) || got.String() != typ.String() {
			t.Errorf("round trip of %s gave %s", s, got)
		}
		if again, _ := EncodeType(got); !bytes.Equal(again, b) {
			t.Errorf("re-encoding %s differs", s)
		}
	}
}

// TestTypeGolden pins the type encoding; the bytes are computed by hand from
// docs/abi.md section 5.1.
func TestTypeGolden(t *testing.T) {
	tests := []struct{ typ, want string }{
		{"bool", "01"},
		{"str", "02"},
		{"int", "03"},
		{"float", "04"},
		{"variant", "09"},
		{"[]str", "05 02"},
		{"map{str: int}", "06 02 03"},
		{"struct{}", "07 00"},
		{"struct{a int; b bool}", "07 02 01 61 03 01 62 01"},
		{"func(str) bool", "08 01 00 02 01"},
		{"func(x ?1) ?1", "08 01 01 78 0a 02 3f 31 0a 02 3f 31"},
	}
	for _, tt := range tests {
		b, err := EncodeType(mustType(t, tt.typ))
		if want := hexBytes(t, tt.want); err != nil || !bytes.Equal(b, want) {
			t.Errorf("EncodeType(%s) = % x, %v; want % x", tt.typ, b, err, want)
		}
	}
}

// TestValueGolden pins the value encoding; the bytes are computed by hand
// from docs/abi.md section 5.
func TestValueGolden(t *testing.T) {
	sab := mustType(t, "struct{a int; b bool}")
	tests := []struct {
		v    Value
		want string
	}{
		{BoolValue(true), "01 01"},
		{BoolValue(false), "01 00"},
		{IntValue(0), "03 00"},
		{IntValue(1), "03 02"},
		{IntValue(-1), "03 01"},
		{IntValue(300), "03 d8 04"},
		{IntValue(math.MinInt64), "03 ff ff ff ff ff ff ff ff ff 01"},
		{IntValue(math.MaxInt64), "03 fe ff ff ff ff ff ff ff ff 01"},
		{StrValue("hi"), "02 02 68 69"},
		{StrValue("ü"), "02 02 c3 bc"},
		{StrValue(""), "02 00"},
		{FloatValue(1), "04 00 00 00 00 00 00 f0 3f"},
		{FloatValue(math.Copysign(0, -1)), "04 00 00 00 00 00 00 00 80"},
		{listOf(mustType(t, "[]int"), IntValue(1), IntValue(2)), "05 03 02 02 04"},
		{listOf(mustType(t, "[]str")), "05 02 00"},
		{mapOf(t, mustType(t, "map{str: int}"), StrValue("b"), IntValue(2), StrValue("a"), IntValue(1)), "06 02 03 02 01 61 02 01 62 04"},
		{st(sab, IntValue(1), BoolValue(true)), "07 02 01 61 03 01 62 01 02 02 01"},
		{st(NewStruct()), "07 00 00"},
	}
	for _, tt := range tests {
		b, err := EncodeValue(tt.v)
		if want := hexBytes(t, tt.want); err != nil || !bytes.Equal(b, want) {
			t.Errorf("EncodeValue(%s) = % x, %v; want % x", tt.v, b, err, want)
		}
	}
}

func TestDecodeValueErrors(t *testing.T) {
	depthBomb := bytes.Repeat([]byte{5}, MaxDepth)
	depthBomb = append(depthBomb, 3, 0)
	hugeBomb := append(bytes.Repeat([]byte{5}, 1<<20), 3)
	tests := []struct {
		name string
		in   []byte
		want error
	}{
		{"empty", nil, ErrMalformed},
		{"type tag 0", hexBytes(t, "00"), ErrMalformed},
		{"type tag 11", hexBytes(t, "0b 00"), ErrMalformed},
		{"type tag 200", hexBytes(t, "c8"), ErrMalformed},
		{"variant has no values", hexBytes(t, "09 00"), ErrMalformed},
		{"func has no values", hexBytes(t, "08 00 03 00"), ErrMalformed},
		{"type variable has no values", hexBytes(t, "0a 02 3f 31 00"), ErrMalformed},
		{"empty list of variant", hexBytes(t, "05 09 00"), ErrMalformed},
		{"bool 2", hexBytes(t, "01 02"), ErrMalformed},
		{"truncated int", hexBytes(t, "03 80"), ErrMalformed},
		{"non-minimal int", hexBytes(t, "03 80 00"), ErrMalformed},
		{"int overflow", hexBytes(t, "03 ff ff ff ff ff ff ff ff ff 02"), ErrMalformed},
		{"truncated float", hexBytes(t, "04 00 00 00"), ErrMalformed},
		{"string past end", hexBytes(t, "02 05 61"), ErrMalformed},
		{"string over limit", hexBytes(t, "02 ff ff ff ff 0f"), ErrLimit},
		{"trailing byte", hexBytes(t, "01 01 00"), ErrMalformed},
		{"depth bomb", depthBomb, ErrLimit},
		{"huge depth bomb", hugeBomb, ErrLimit},
		{"list claims 2^31 items", hexBytes(t, "05 03 80 80 80 80 08 02 02 02 02"), ErrMalformed},
		{"map claims 2^62 entries", hexBytes(t, "06 02 03 80 80 80 80 80 80 80 80 40 00"), ErrMalformed},
		{"struct type claims 2^40 fields", hexBytes(t, "07 80 80 80 80 80 20 01 61 03"), ErrMalformed},
		{"list of empty structs claims many", hexBytes(t, "05 07 00 ff ff ff 07 00 00"), ErrMalformed},
		{"map keys unsorted", hexBytes(t, "06 02 03 02 01 62 02 01 61 04"), ErrMalformed},
		{"map keys duplicate", hexBytes(t, "06 02 03 02 01 61 02 01 61 04"), ErrMalformed},
		{"map float keys 0 and -0", hexBytes(t, "06 04 01 02 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00 80 01"), ErrMalformed},
		{"struct count mismatch", hexBytes(t, "07 01 01 61 03 02 02"), ErrMalformed},
		{"struct count zero for one field", hexBytes(t, "07 01 01 61 03 00"), ErrMalformed},
		{"duplicate field name", hexBytes(t, "07 02 01 61 03 01 61 03 02 02 02"), ErrMalformed},
		{"field name not an identifier", hexBytes(t, "07 01 02 31 61 03 01 02"), ErrMalformed},
		{"empty field name", hexBytes(t, "07 01 00 03 01 02"), ErrMalformed},
		{"bad type variable name", hexBytes(t, "08 00 0a 01 78"), ErrMalformed},
		{"duplicate argument name", hexBytes(t, "08 02 01 61 03 01 61 03 01"), ErrMalformed},
		{"field name too long", append(append(hexBytes(t, "07 01 80 02"), bytes.Repeat([]byte{'a'}, 256)...), 3, 1, 0), ErrMalformed},
	}
	for _, tt := range tests {
		v, err := DecodeValue(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: DecodeValue = %v, %v; want %v", tt.name, v, err, tt.want)
		}
	}
}

func TestDecodeTruncations(t *testing.T) {
	// Every proper prefix of a valid encoding fails, and never panics.
	for _, v := range wireValues(t) {
		b, err := EncodeValue(v)
		if err != nil {
			t.Fatal(err)
		}
		for n := range len(b) {
			if _, err := DecodeValue(b[:n]); !errors.Is(err, ErrMalformed) {
				t.Errorf("%s cut to %d of %d bytes: %v", v, n, len(b), err)
				break
			}
		}
	}
}

func TestDecodeBombAllocations(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are not meaningful under the race detector")
	}
	bombs := [][]byte{
		hexBytes(t, "05 03 80 80 80 80 08 02 02 02 02"),
		hexBytes(t, "05 07 00 ff ff ff 07 00 00"),
		hexBytes(t, "06 02 03 80 80 80 80 80 80 80 80 40 00"),
		hexBytes(t, "02 ff ff ff ff 07"),
	}
	for _, b := range bombs {
		allocs := testing.AllocsPerRun(10, func() { _, _ = DecodeValue(b) })
		if allocs > 12 {
			t.Errorf("DecodeValue(% x) made %.0f allocations", b, allocs)
		}
	}
}

func TestEncodeValueErrors(t *testing.T) {
	li := mustType(t, "[]int")
	msi := mustType(t, "map{str: int}")
	sa := mustType(t, "struct{a int}")
	deep := TypeInt
	for range MaxDepth {
		deep = NewList(deep)
	}
	tests := []struct {
		name string
		v    Value
		want error
	}{
		{"nil", nil, ErrInvalid},
		{"nil list pointer", (*ListValue)(nil), ErrInvalid},
		{"nil map pointer", (*MapValue)(nil), ErrInvalid},
		{"nil struct pointer", (*StructValue)(nil), ErrInvalid},
		{"wrong item", listOf(li, StrValue("x")), ErrInvalid},
		{"nil item", listOf(li, nil), ErrInvalid},
		{"nested nil list", listOf(mustType(t, "[][]int"), (*ListValue)(nil)), ErrInvalid},
		{"item of other list type", listOf(mustType(t, "[][]int"), listOf(mustType(t, "[]str"))), ErrInvalid},
		{"unsorted map", &MapValue{T: msi, Keys: []Value{StrValue("b"), StrValue("a")}, Vals: []Value{IntValue(1), IntValue(2)}}, ErrInvalid},
		{"duplicate map key", &MapValue{T: msi, Keys: []Value{StrValue("a"), StrValue("a")}, Vals: []Value{IntValue(1), IntValue(2)}}, ErrInvalid},
		{"map lengths", &MapValue{T: msi, Keys: []Value{StrValue("a")}}, ErrInvalid},
		{"struct fields", &StructValue{T: sa}, ErrInvalid},
		{"struct field type", st(sa, StrValue("x")), ErrInvalid},
		{"empty list of funcs", listOf(mustType(t, "[]func() int")), ErrInvalid},
		{"nil type", &ListValue{}, ErrInvalid},
		{"too deep", listOf(deep), ErrLimit},
		{"string too long", StrValue(strings.Repeat("x", MaxStringLen+1)), ErrLimit},
	}
	for _, tt := range tests {
		b, err := EncodeValue(tt.v)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: EncodeValue = % x, %v; want %v", tt.name, b, err, tt.want)
		}
	}
}

func TestEncodeTypeErrors(t *testing.T) {
	deep := TypeInt
	for range MaxDepth {
		deep = NewList(deep)
	}
	tests := []struct {
		name string
		typ  *Type
		want error
	}{
		{"nil", nil, ErrInvalid},
		{"zero kind", &Type{}, ErrInvalid},
		{"list without elem", &Type{Kind: KindList}, ErrInvalid},
		{"var named T", &Type{Kind: KindVar, Name: "T"}, ErrInvalid},
		{"duplicate field", NewStruct(Field{"a", TypeInt}, Field{"a", TypeStr}), ErrInvalid},
		{"bad field name", NewStruct(Field{"a-b", TypeInt}), ErrInvalid},
		{"empty field name", NewStruct(Field{"", TypeInt}), ErrInvalid},
		{"duplicate arg", NewFunc(TypeInt, Field{"x", TypeInt}, Field{"x", TypeInt}), ErrInvalid},
		{"func without result", &Type{Kind: KindFunc}, ErrInvalid},
		{"too deep", deep, ErrLimit},
	}
	for _, tt := range tests {
		b, err := EncodeType(tt.typ)
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: EncodeType = % x, %v; want %v", tt.name, b, err, tt.want)
		}
	}
	// Depth MaxDepth itself is fine; so are many unnamed arguments and a
	// long struct (which uses the map-based duplicate check).
	ok := []*Type{NewList(NewList(TypeInt))}
	d := TypeInt
	for range MaxDepth - 1 {
		d = NewList(d)
	}
	ok = append(ok, d, NewFunc(TypeInt, Field{Type: TypeInt}, Field{Type: TypeInt}))
	var fs []Field
	for i := range 200 {
		fs = append(fs, Field{Name: "f" + strings.Repeat("x", i), Type: TypeInt})
	}
	ok = append(ok, NewStruct(fs...))
	for _, typ := range ok {
		b, err := EncodeType(typ)
		if err != nil {
			t.Errorf("EncodeType(%s): %v", typ, err)
			continue
		}
		if _, err := DecodeType(b); err != nil {
			t.Errorf("DecodeType(EncodeType(%s)): %v", typ, err)
		}
	}
	dup := append(fs, Field{Name: "fxx", Type: TypeStr})
	if _, err := EncodeType(NewStruct(dup...)); !errors.Is(err, ErrInvalid) {
		t.Errorf("duplicate among 201 fields: %v", err)
	}
}

func TestReadPayload(t *testing.T) {
	typ := mustType(t, "struct{a int; b bool}")
	d := NewDecoder(hexBytes(t, "02 02 01"))
	v, err := d.ReadPayload(typ)
	if err != nil || v.String() != "struct{a => 1, b => true}" {
		t.Errorf("ReadPayload = %v, %v", v, err)
	}
	if _, err := NewDecoder([]byte{0}).ReadPayload(&Type{Kind: KindVariant}); !errors.Is(err, ErrInvalid) {
		t.Errorf("ReadPayload(variant) error = %v", err)
	}
	if _, err := NewDecoder([]byte{0}).ReadPayload(nil); !errors.Is(err, ErrInvalid) {
		t.Errorf("ReadPayload(nil) error = %v", err)
	}
	e := NewEncoder(nil)
	e.PutPayload(typ, v)
	if !bytes.Equal(e.Bytes(), hexBytes(t, "02 02 01")) || e.Err() != nil {
		t.Errorf("PutPayload = % x, %v", e.Bytes(), e.Err())
	}
}
