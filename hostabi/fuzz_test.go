package hostabi

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
)

// decodeErrorOK reports whether err is a classified decode error: every
// decoder failure must be malformed or over a limit, never a bug.
func decodeErrorOK(err error) bool {
	return errors.Is(err, ErrMalformed) || errors.Is(err, ErrLimit)
}

func FuzzDecodeValue(f *testing.F) {
	for _, v := range wireValues(f) {
		b, err := EncodeValue(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(hexBytes(f, "05 03 80 80 80 80 08 02 02 02 02"))
	f.Add(hexBytes(f, "06 02 03 02 01 62 02 01 61 04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := DecodeValue(data)
		if err != nil {
			if !decodeErrorOK(err) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		out, err := EncodeValue(v)
		if err != nil {
			t.Fatalf("decoded %s does not encode: %v", v, err)
		}
		if !bytes.Equal(out, data) {
			t.Fatalf("not canonical: decoded %s\n in % x\nout % x", v, data, out)
		}
		if !v.Equal(v) || Compare(v, v) != 0 {
			t.Fatalf("%s is not equal to itself", v)
		}
	})
}

func FuzzDecodeType(f *testing.F) {
	for _, s := range []string{
		"bool", "str", "int", "float", "variant", "?1", "[]str", "map{str: int}", "struct{}",
		"struct{a int; b str}", "func(str, int) bool", "func(a str, b ?1) ?2",
		"map{struct{x []int}: func() variant}",
	} {
		b, err := EncodeType(mustType(f, s))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		typ, err := DecodeType(data)
		if err != nil {
			if !decodeErrorOK(err) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		out, err := EncodeType(typ)
		if err != nil {
			t.Fatalf("decoded %s does not encode: %v", typ, err)
		}
		if !bytes.Equal(out, data) {
			t.Fatalf("not canonical: decoded %s\n in % x\nout % x", typ, data, out)
		}
		// Every wire type is a type mcl can write.
		again, err := ParseType(typ.String())
		if err != nil || !again.Equal(typ) {
			t.Fatalf("%s does not reparse: %v", typ, err)
		}
	})
}

// fuzzMessages checks one family of messages: data[0] picks the message
// type, data[1:] is decoded as it, and whatever decodes must re-encode to
// the same bytes (when it had no unknown fields) or to a fixed point.
func fuzzMessages(f *testing.F, family []func() wireMessage) {
	seedTypes := map[string]int{}
	for i, ctor := range family {
		seedTypes[typeName(ctor())] = i
	}
	for _, m := range sampleMessages(f) {
		i, ok := seedTypes[typeName(m)]
		if !ok {
			continue
		}
		b, err := m.MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(append([]byte{byte(i)}, b...))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) == 0 {
			return
		}
		m := family[int(data[0])%len(family)]()
		body := data[1:]
		unknown, err := unmarshal(body, m)
		if err != nil {
			if !decodeErrorOK(err) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		out, err := m.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded %T %+v does not encode: %v", m, m, err)
		}
		if unknown == 0 {
			if !bytes.Equal(out, body) {
				t.Fatalf("%T not canonical:\n in % x\nout % x", m, body, out)
			}
			return
		}
		m2 := newLike(m)
		if n, err := unmarshal(out, m2); err != nil || n != 0 {
			t.Fatalf("%T re-encoding does not decode cleanly: %d unknown, %v", m, n, err)
		}
		if again, _ := m2.MarshalBinary(); !bytes.Equal(again, out) {
			t.Fatalf("%T encoding is not a fixed point", m)
		}
	})
}

// typeName names m's Go type.
func typeName(m wireMessage) string { return fmt.Sprintf("%T", m) }

func FuzzDescribeMessages(f *testing.F) {
	fuzzMessages(f, []func() wireMessage{
		func() wireMessage { return new(DescribeRequest) },
		func() wireMessage { return new(DescribeResponse) },
		func() wireMessage { return new(FuncInfo) },
		func() wireMessage { return new(ABIError) },
	})
}

func FuzzResourceMessages(f *testing.F) {
	fuzzMessages(f, []func() wireMessage{
		func() wireMessage { return new(ResourceSpec) },
		func() wireMessage { return new(ValidateResponse) },
		func() wireMessage { return new(WatchSpec) },
		func() wireMessage { return new(WatchResponse) },
		func() wireMessage { return new(CheckRequest) },
		func() wireMessage { return new(CheckResponse) },
		func() wireMessage { return new(AutoEdgesResponse) },
		func() wireMessage { return new(ReverseResponse) },
		func() wireMessage { return new(PrepareRequest) },
		func() wireMessage { return new(PrepareResponse) },
	})
}

func FuzzFunctionMessages(f *testing.F) {
	fuzzMessages(f, []func() wireMessage{
		func() wireMessage { return new(CallRequest) },
		func() wireMessage { return new(CallResponse) },
		func() wireMessage { return new(InferRequest) },
		func() wireMessage { return new(InferArg) },
		func() wireMessage { return new(InferResponse) },
	})
}

func FuzzFSMessages(f *testing.F) {
	fuzzMessages(f, []func() wireMessage{
		func() wireMessage { return new(StatRequest) },
		func() wireMessage { return new(StatResponse) },
		func() wireMessage { return new(ReadRequest) },
		func() wireMessage { return new(ReadResponse) },
		func() wireMessage { return new(WriteAtomicRequest) },
		func() wireMessage { return new(MkdirRequest) },
		func() wireMessage { return new(RemoveRequest) },
		func() wireMessage { return new(RenameRequest) },
		func() wireMessage { return new(ChmodRequest) },
		func() wireMessage { return new(ChownRequest) },
		func() wireMessage { return new(ReaddirRequest) },
		func() wireMessage { return new(ReaddirResponse) },
		func() wireMessage { return new(DirEntry) },
		func() wireMessage { return new(SymlinkRequest) },
		func() wireMessage { return new(ReadlinkRequest) },
		func() wireMessage { return new(ReadlinkResponse) },
		func() wireMessage { return new(KVGetRequest) },
		func() wireMessage { return new(KVGetResponse) },
		func() wireMessage { return new(KVPutRequest) },
		func() wireMessage { return new(KVDeleteRequest) },
	})
}

func FuzzHostMessages(f *testing.F) {
	fuzzMessages(f, []func() wireMessage{
		func() wireMessage { return new(LogRequest) },
		func() wireMessage { return new(ExecRequest) },
		func() wireMessage { return new(ExecResponse) },
		func() wireMessage { return new(HostnameRequest) },
		func() wireMessage { return new(HostnameResponse) },
	})
}

func FuzzParseCapability(f *testing.F) {
	for _, s := range []string{"fs.read:/etc", "fs.write:/srv/app/", "exec:/usr/bin/x", "exec:*", "net", "cluster.kv:/a/", "fs.read:x", "net:1"} {
		f.Add(s, "/srv/app/x")
	}
	f.Fuzz(func(t *testing.T, s, target string) {
		c, err := ParseCapability(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) && !errors.Is(err, ErrUnsupported) {
				t.Fatalf("unclassified error: %v", err)
			}
			return
		}
		again, err := ParseCapability(c.String())
		if err != nil || again != c {
			t.Fatalf("%q parsed as %+v, whose String %q reparses as %+v, %v", s, c, c.String(), again, err)
		}
		for _, op := range []Op{OpRead, OpWrite, OpExec, OpNet, OpKV} {
			c.Allows(op, target) // must not panic
		}
	})
}
