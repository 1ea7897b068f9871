package fmtfuncs

import (
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Text returns v as upstream mgmt's printf prints it for %v: a str
// unquoted, an int in decimal, a bool as true or false, a float as the
// shortest decimal without exponent that reads back as the same float, and
// a list, map or struct in upstream's literal form, whose strings are
// quoted: [1, 2], {"a": 1, "b": 2}, struct{a: 1; b: "x"}.
func Text(v hostabi.Value) string {
	if s, ok := v.(hostabi.StrValue); ok {
		return string(s)
	}
	var b strings.Builder
	writeLiteral(&b, v)
	return b.String()
}

// writeLiteral appends v in upstream's literal form to b.
func writeLiteral(b *strings.Builder, v hostabi.Value) {
	switch x := v.(type) {
	case hostabi.StrValue:
		b.WriteString(strconv.Quote(string(x)))
	case hostabi.IntValue:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case hostabi.BoolValue:
		b.WriteString(strconv.FormatBool(bool(x)))
	case hostabi.FloatValue:
		b.WriteString(strconv.FormatFloat(float64(x), 'f', -1, 64))
	case *hostabi.ListValue:
		b.WriteByte('[')
		for i, item := range x.Items {
			if i > 0 {
				b.WriteString(", ")
			}
			writeLiteral(b, item)
		}
		b.WriteByte(']')
	case *hostabi.MapValue:
		b.WriteByte('{')
		for i := range x.Keys {
			if i > 0 {
				b.WriteString(", ")
			}
			writeLiteral(b, x.Keys[i])
			b.WriteString(": ")
			if i < len(x.Vals) {
				writeLiteral(b, x.Vals[i])
			}
		}
		b.WriteByte('}')
	case *hostabi.StructValue:
		b.WriteString("struct{")
		for i, f := range x.Fields {
			if i > 0 {
				b.WriteString("; ")
			}
			if i < len(x.T.Fields) {
				b.WriteString(x.T.Fields[i].Name)
			}
			b.WriteString(": ")
			writeLiteral(b, f)
		}
		b.WriteByte('}')
	case nil:
		b.WriteString("<nil>")
	default:
		b.WriteString(v.String())
	}
}
