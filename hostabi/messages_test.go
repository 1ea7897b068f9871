package hostabi

import (
	"bytes"
	"encoding"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// wireMessage is what every message type implements.
type wireMessage interface {
	encoding.BinaryMarshaler
	encoding.BinaryUnmarshaler
	message
}

// fileParamsType is the params struct of a file resource.
func fileParamsType(t testing.TB) *Type {
	return mustType(t, "struct{path str; state str; content str; mode str; owner str; group str; force bool}")
}

// fileParams builds file params with the given content.
func fileParams(t testing.TB, content string) *StructValue {
	return st(fileParamsType(t), StrValue("/etc/app/config.yaml"), StrValue("exists"), StrValue(content),
		StrValue("0644"), StrValue("root"), StrValue("root"), BoolValue(false))
}

// sampleMessages returns one populated instance of every message type,
// and some variants.
func sampleMessages(t testing.TB) []wireMessage {
	params := fileParams(t, "hello\n")
	li := mustType(t, "[]int")
	return []wireMessage{
		&DescribeRequest{Host: "mgmt-wasm 0.1.0"},
		&DescribeResponse{
			Name: "core", Version: "1.2.3", Encoding: EncodingBin1,
			Kinds: []KindInfo{{
				Kind: "file",
				Params: []ParamInfo{
					{Name: "path", Type: TypeStr},
					{Name: "mode", Type: TypeStr, Default: StrValue("0644")},
					{Name: "tags", Type: mustType(t, "map{str: []int}"), Default: mapOf(t, mustType(t, "map{str: []int}"), StrValue("a"), listOf(li, IntValue(1)))},
				},
				Sends:  []ParamInfo{{Name: "changed", Type: TypeBool}},
				Traits: Traits{AutoEdge: true, Groupable: true, Send: true, Recv: true, Refresh: true, Reverse: true},
			}, {Kind: "noop"}},
			Functions: []FuncInfo{
				{Name: "strings.to_upper", Type: mustType(t, "func(s str) str"), Pure: true},
				{Name: "fmt.printf", Type: mustType(t, "func(format str, ?1) str"), Infer: true},
			},
			Capabilities: []string{"fs.read:/etc", "exec:/usr/bin/systemctl", ""},
		},
		&DescribeResponse{Error: &ABIError{Code: CodeFailed, Message: "no"}},
		&FuncInfo{Name: "len", Type: mustType(t, "func([]?1) int")},
		&ResourceSpec{Kind: "file", Name: "/etc/motd", Params: params},
		&ResourceSpec{Kind: "noop", Name: "n"},
		&ResourceSpec{Kind: "file", Name: "/etc/motd", Params: params, Unset: []string{"content", "force", "group", "owner"}},
		&ValidateResponse{Error: &ABIError{Code: CodeInvalid, Message: "mode must be octal", Param: "mode"}},
		&ValidateResponse{},
		&WatchSpec{Kind: WatchPath, Path: "/etc", Recursive: true},
		&WatchResponse{Watches: []WatchSpec{
			{Kind: WatchPath, Path: "/etc/motd"},
			{Kind: WatchInterval, IntervalMS: 1000},
			{Kind: WatchKV, Key: "/mgmt/x/"},
			{Kind: 99},
		}},
		&CheckRequest{
			ResourceSpec: ResourceSpec{Kind: "file", Name: "/etc/motd", Params: params},
			Refresh:      true, Debug: true, VarDir: "/var/lib/mgmt/file/x",
			Group: []ResourceSpec{{Kind: "file", Name: "/a", Params: params}, {Kind: "file", Name: "/b"}},
		},
		&CheckRequest{
			ResourceSpec: ResourceSpec{Kind: "file", Name: "/etc/motd", Params: params, Unset: []string{"mode", "owner"}},
			Debug:        true,
			Group:        []ResourceSpec{{Kind: "file", Name: "/a", Params: params, Unset: []string{"content"}}, {Kind: "file", Name: "/b"}},
		},
		&CheckRequest{ResourceSpec: ResourceSpec{Kind: "file", Name: "big", Params: fileParams(t, strings.Repeat("0123456789", 10000))}},
		&CheckResponse{CheckOK: true, Sends: map[string]Value{"output": StrValue("ok\n"), "exitcode": IntValue(0), "a": BoolValue(true)}},
		&CheckResponse{Error: &ABIError{Code: CodeDenied, Message: "fs.write:/etc/motd not granted"}},
		&AutoEdgesResponse{
			UIDs:  []UID{{Kind: "file", Key: "/etc/motd"}},
			Edges: [][]UID{{{Kind: "file", Key: "/etc"}, {Kind: "file", Key: "/"}}, {}, {{Kind: "pkg"}}},
		},
		&ReverseResponse{Params: params},
		&PrepareRequest{ResourceSpec: ResourceSpec{Kind: "file", Name: "/etc/motd", Params: params, Unset: []string{"mode"}}, AutoEdges: true, Watch: true},
		&PrepareRequest{ResourceSpec: ResourceSpec{Kind: "noop", Name: "n"}},
		&PrepareResponse{
			UIDs:    []UID{{Kind: "file", Key: "/etc/motd"}},
			Edges:   [][]UID{{{Kind: "file", Key: "/etc"}}, {}},
			Watches: []WatchSpec{{Kind: WatchPath, Path: "/etc/motd"}},
		},
		&PrepareResponse{AutoEdgesError: &ABIError{Code: CodeFailed, Message: "no"}, WatchError: &ABIError{Code: CodeUnsupported, Message: "later"}},
		&PrepareResponse{Error: &ABIError{Code: CodeInvalid, Param: "mode", Message: "mode must be octal"}},
		&CallRequest{Name: "strings.join", Type: mustType(t, "func([]str, str) str"),
			Args: []Value{listOf(mustType(t, "[]str"), StrValue("a"), StrValue("b")), StrValue(",")}},
		&CallResponse{Result: StrValue("a,b")},
		&CallResponse{Result: IntValue(42), Watches: []WatchSpec{{Kind: WatchPath, Path: "/etc/hostname"}}},
		&InferRequest{Name: "fmt.printf", Type: mustType(t, "func(str, ?1, ?2) ?3"),
			Args: []InferArg{{Index: 0, Value: StrValue("%d %s")}, {Index: 2, Value: StrValue("x")}}},
		&InferArg{Index: 7, Value: FloatValue(1.5)},
		&InferResponse{Type: mustType(t, "func(str, int, str) str")},
		&InferResponse{Error: &ABIError{Code: CodeInvalid, Param: "arg 1", Message: "%d wants an int"}},
		&StatRequest{Path: "/etc/motd", NoFollow: true},
		&StatResponse{Type: FileRegular, Mode: 0o4755, Size: 1 << 40, MtimeNS: -1, UID: 1<<32 - 1, GID: 0, User: "root", Group: "wheel"},
		&ReadRequest{Path: "/etc/motd", Offset: 1 << 33, Limit: 4096},
		&ReadRequest{Path: "/etc/motd", WantStat: true},
		&ReadResponse{Data: []byte{0, 1, 2, 0xff}, EOF: true},
		&ReadResponse{Data: []byte("hi\n"), EOF: true, Stat: &StatResponse{Type: FileRegular, Mode: 0o644, Size: 3, UID: 1000, User: "alice"}},
		&WriteAtomicRequest{Path: "/etc/motd", Data: []byte("hi\n"), Mode: 0o600, Sync: true},
		&WriteAtomicRequest{Path: "/etc/motd", Data: []byte("hi\n"), WantStat: true},
		&MkdirRequest{Path: "/srv/app", Mode: 0o750, Parents: true},
		&RemoveRequest{Path: "/srv/app", Recursive: true},
		&RenameRequest{From: "/a", To: "/b"},
		&ChmodRequest{Path: "/a", Mode: 0o1777},
		&ChownRequest{Path: "/a", Owner: "root", Group: "0", NoFollow: true},
		&ReaddirRequest{Path: "/etc"},
		&ReaddirResponse{Entries: []DirEntry{{Name: "a", Type: FileDir}, {Name: "b"}, {Name: "c", Type: FileSymlink}}},
		&DirEntry{Name: "x", Type: FileOther},
		&SymlinkRequest{Target: "../x", Path: "/srv/link"},
		&ReadlinkRequest{Path: "/srv/link"},
		&ReadlinkResponse{Target: "../x"},
		&KVGetRequest{Key: "app/greeting"},
		&KVGetResponse{Value: "hello", Exists: true},
		&KVPutRequest{Key: "app/greeting", Value: "hello"},
		&KVDeleteRequest{Key: "app/greeting"},
		&LogRequest{Level: LogDebug, Message: "checking ünïcødé"},
		&LogRequest{Level: -1 << 31, Message: "min"},
		&ExecRequest{Path: "/usr/bin/env", Args: []string{"-i", ""}, Env: []string{"PATH=/bin"}, Dir: "/tmp", Stdin: []byte("in"), TimeoutMS: 5000},
		&ExecRequest{Path: "/bin/true", Env: []string{"LANG=C"}, InheritEnv: true},
		&ExecResponse{ExitCode: -1, Stdout: []byte("out"), Stderr: []byte("err"), Truncated: true, Signal: "killed"},
		&HostnameRequest{},
		&HostnameResponse{Hostname: "node1.example.com"},
		&ABIError{Code: 1000, Message: "future code"},
	}
}

// zeroMessages returns a zero instance of every message type.
func zeroMessages(t testing.TB) []wireMessage {
	var out []wireMessage
	seen := map[reflect.Type]bool{}
	for _, m := range sampleMessages(t) {
		rt := reflect.TypeOf(m).Elem()
		if !seen[rt] {
			seen[rt] = true
			out = append(out, reflect.New(rt).Interface().(wireMessage))
		}
	}
	return out
}

// newLike returns a zero message of the same type as m.
func newLike(m wireMessage) wireMessage {
	return reflect.New(reflect.TypeOf(m).Elem()).Interface().(wireMessage)
}

// show renders a message for comparison: %+v uses String and Error of the
// types and values inside.
func show(m any) string { return fmt.Sprintf("%+v", m) }

func TestMessageRoundTrip(t *testing.T) {
	for _, m := range sampleMessages(t) {
		checkRoundTrip(t, m, true)
	}
	for _, m := range zeroMessages(t) {
		// Zero messages without required fields must fail to encode; the
		// others encode, mostly to nothing.
		b, err := m.MarshalBinary()
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("zero %T: %v", m, err)
			}
			continue
		}
		checkRoundTrip(t, m, len(b) == 0)
	}
}

// checkRoundTrip encodes, decodes and re-encodes m.
func checkRoundTrip(t *testing.T, m wireMessage, wantSame bool) {
	t.Helper()
	b, err := m.MarshalBinary()
	if err != nil {
		t.Errorf("%T.MarshalBinary: %v", m, err)
		return
	}
	got := newLike(m)
	if err := got.UnmarshalBinary(b); err != nil {
		t.Errorf("%T.UnmarshalBinary: %v\n% x", m, err, b)
		return
	}
	if wantSame && show(got) != show(m) {
		t.Errorf("%T round trip:\n got %s\nwant %s", m, show(got), show(m))
	}
	again, err := got.MarshalBinary()
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("%T re-encoding differs: %v", m, err)
	}
	prefix := []byte("prefix")
	app, err := got.(encoding.BinaryAppender).AppendBinary(slices.Clone(prefix))
	if err != nil || !bytes.Equal(app, append(prefix, b...)) {
		t.Errorf("%T.AppendBinary does not append: %v", m, err)
	}
}

// TestMessageGolden pins message bytes, computed by hand from docs/abi.md
// sections 4 and 6.
func TestMessageGolden(t *testing.T) {
	pathT := mustType(t, "struct{path str}")
	tests := []struct {
		m    wireMessage
		want string
	}{
		{&LogRequest{Level: LogWarn, Message: "hi"}, "08 08 12 02 68 69"},
		{&LogRequest{Message: "checked"}, "12 07 63 68 65 63 6b 65 64"},
		{&LogRequest{}, ""},
		{&HostnameRequest{}, ""},
		{&ABIError{Code: CodeNotFound, Message: "x", Param: "p"}, "08 07 12 01 78 1a 01 70"},
		{&ValidateResponse{Error: &ABIError{Code: CodeInvalid, Param: "mode"}}, "7a 08 08 06 1a 04 6d 6f 64 65"},
		{&CheckRequest{ResourceSpec: ResourceSpec{Kind: "file", Name: "x", Params: st(pathT, StrValue("/a"))}, Refresh: true},
			"0a 04 66 69 6c 65 12 01 78 1a 0c 07 01 04 70 61 74 68 02 01 02 2f 61 20 01"},
		// unset (tag 8) follows params in a ResourceSpec...
		{&ResourceSpec{Kind: "file", Name: "x", Params: st(pathT, StrValue("/a")), Unset: []string{"path"}},
			"0a 04 66 69 6c 65 12 01 78 1a 0c 07 01 04 70 61 74 68 02 01 02 2f 61 42 04 70 61 74 68"},
		// ...and the check request's own tags 4 to 7 in a CheckRequest,
		// while a group member is a ResourceSpec.
		{&CheckRequest{
			ResourceSpec: ResourceSpec{Kind: "file", Name: "x", Params: st(pathT, StrValue("/a")), Unset: []string{"path"}},
			Refresh:      true,
			Group:        []ResourceSpec{{Kind: "file", Name: "y", Params: st(pathT, StrValue("/b")), Unset: []string{"path"}}},
		}, "0a 04 66 69 6c 65 12 01 78 1a 0c 07 01 04 70 61 74 68 02 01 02 2f 61 20 01" +
			" 3a 1d 0a 04 66 69 6c 65 12 01 79 1a 0c 07 01 04 70 61 74 68 02 01 02 2f 62 42 04 70 61 74 68" +
			" 42 04 70 61 74 68"},
		{&WatchResponse{Watches: []WatchSpec{{Kind: WatchPath, Path: "/etc", Recursive: true}, {Kind: WatchInterval, IntervalMS: 1000}}},
			"0a 0a 08 01 12 04 2f 65 74 63 18 01 0a 05 08 02 20 e8 07"},
		{&CheckResponse{CheckOK: true}, "08 01"},
		{&CheckResponse{CheckOK: true, Sends: map[string]Value{"out": StrValue("ok")}}, "08 01 12 0b 0a 03 6f 75 74 12 04 02 02 6f 6b"},
		{&DescribeResponse{Name: "noop", Version: "1", Kinds: []KindInfo{{Kind: "noop", Params: []ParamInfo{{Name: "comment", Type: TypeStr}}}}},
			"0a 04 6e 6f 6f 70 12 01 31 22 14 0a 04 6e 6f 6f 70 12 0c 0a 07 63 6f 6d 6d 65 6e 74 12 01 02"},
	}
	for _, tt := range tests {
		b, err := tt.m.MarshalBinary()
		if want := hexBytes(t, tt.want); err != nil || !bytes.Equal(b, want) {
			t.Errorf("%T: % x, %v; want % x", tt.m, b, err, want)
		}
	}
}

func TestUnknownFieldsSkipped(t *testing.T) {
	base := hexBytes(t, "08 08 12 02 68 69")
	extra := hexBytes(t, "a0 01 05 a0 01 06 a9 01 01 02 03 04 05 06 07 08 b2 01 03 61 62 63")
	var m LogRequest
	n, err := unmarshal(append(slices.Clone(base), extra...), &m)
	if err != nil || n != 4 || m.Level != LogWarn || m.Message != "hi" {
		t.Errorf("unknown fields: %+v, %d skipped, %v", m, n, err)
	}
	// Inside a nested message too.
	var w WatchResponse
	n, err = unmarshal(hexBytes(t, "0a 04 08 01 48 07 7a 02 08 01"), &w)
	if err != nil || n != 1 || len(w.Watches) != 1 || w.Watches[0].Kind != WatchPath || w.Error.Code != CodeInternal {
		t.Errorf("nested unknown field: %+v, %d, %v", w, n, err)
	}
}

func TestMessageDecodeErrors(t *testing.T) {
	// abSpec is ResourceSpec{Kind: "k", Name: "x"} with params struct{a str; b str}.
	const abSpec = "0a 01 6b 12 01 78 1a 0b 07 02 01 61 02 01 62 02 02 00 00"
	tests := []struct {
		name string
		m    wireMessage
		in   string
		want error
	}{
		{"explicit zero int", &LogRequest{}, "08 00", ErrMalformed},
		{"explicit empty string", &LogRequest{}, "12 00", ErrMalformed},
		{"explicit false", &StatRequest{}, "10 00", ErrMalformed},
		{"bool 2", &StatRequest{}, "10 02", ErrMalformed},
		{"out of order", &LogRequest{}, "12 02 68 69 08 08", ErrMalformed},
		{"singular twice", &LogRequest{}, "12 01 61 12 01 62", ErrMalformed},
		{"wrong wire type", &LogRequest{}, "10 08", ErrMalformed},
		{"fixed64 for string", &LogRequest{}, "11 00 00 00 00 00 00 00 00", ErrMalformed},
		{"unknown wire type", &LogRequest{}, "a3 01", ErrMalformed},
		{"wire type 7", &LogRequest{}, "0f", ErrMalformed},
		{"tag 0", &LogRequest{}, "00", ErrMalformed},
		{"tag too large", &LogRequest{}, "f8 ff ff ff 1f 00", ErrMalformed},
		{"truncated key", &LogRequest{}, "80", ErrMalformed},
		{"truncated body", &LogRequest{}, "12 05 68", ErrMalformed},
		{"unknown bytes past end", &LogRequest{}, "b2 01 09 61", ErrMalformed},
		{"level beyond int32", &LogRequest{}, "08 80 80 80 80 80 20", ErrMalformed},
		{"uid beyond uint32", &StatResponse{}, "08 01 28 80 80 80 80 10", ErrMalformed},
		{"stat without type", &StatResponse{}, "18 05", ErrMalformed},
		{"read's stat without type", &ReadResponse{}, "1a 02 18 05", ErrMalformed},
		{"error without code", &ValidateResponse{}, "7a 00", ErrMalformed},
		{"error code zero", &ValidateResponse{}, "7a 02 08 00", ErrMalformed},
		{"error past end", &ValidateResponse{}, "7a 05 08 06", ErrMalformed},
		{"error twice", &ValidateResponse{}, "7a 02 08 06 7a 02 08 06", ErrMalformed},
		{"typed value with trailing byte", &CallRequest{}, "0a 01 66 1a 03 03 02 00", ErrMalformed},
		{"resource without name", &CheckRequest{}, "0a 01 66", ErrMalformed},
		{"params not a struct", &CheckRequest{}, "0a 01 66 12 01 78 1a 02 03 02", ErrMalformed},
		{"params malformed", &CheckRequest{}, "0a 01 66 12 01 78 1a 02 09 00", ErrMalformed},
		{"unset unsorted", &ResourceSpec{}, abSpec + " 42 01 62 42 01 61", ErrMalformed},
		{"unset repeated", &ResourceSpec{}, abSpec + " 42 01 61 42 01 61", ErrMalformed},
		{"unset not a param", &ResourceSpec{}, abSpec + " 42 01 63", ErrMalformed},
		{"unset empty name", &ResourceSpec{}, abSpec + " 42 00", ErrMalformed},
		{"unset without params", &ResourceSpec{}, "0a 01 6b 12 01 78 42 01 61", ErrMalformed},
		{"unset as a varint", &ResourceSpec{}, abSpec + " 40 01", ErrMalformed},
		{"check unset before refresh", &CheckRequest{}, abSpec + " 42 01 61 20 01", ErrMalformed},
		{"check unset not a param", &CheckRequest{}, abSpec + " 20 01 42 01 63", ErrMalformed},
		{"group member unset not a param", &CheckRequest{}, abSpec + " 3a 09 0a 01 6b 12 01 79 42 01 61", ErrMalformed},
		{"sends unsorted", &CheckResponse{}, "12 07 0a 01 62 12 02 01 01 12 07 0a 01 61 12 02 01 01", ErrMalformed},
		{"sends duplicate", &CheckResponse{}, "12 07 0a 01 61 12 02 01 01 12 07 0a 01 61 12 02 01 01", ErrMalformed},
		{"send without value", &CheckResponse{}, "12 03 0a 01 61", ErrMalformed},
		{"watch without kind", &WatchResponse{}, "0a 00", ErrMalformed},
		{"infer args out of order", &InferRequest{}, "0a 01 66 12 07 08 02 00 03 00 03 03 1a 06 08 01 12 02 03 02 1a 04 12 02 03 02", ErrMalformed},
		{"infer arg beyond arity", &InferRequest{}, "0a 01 66 12 03 08 00 03 1a 06 08 01 12 02 03 02", ErrMalformed},
		{"infer type not func", &InferRequest{}, "0a 01 66 12 01 03", ErrMalformed},
		{"func info type not func", &FuncInfo{}, "0a 01 66 12 01 03", ErrMalformed},
		{"param default of other type", &DescribeResponse{}, "22 0f 0a 01 6b 12 0a 0a 01 70 12 01 02 1a 02 03 02", ErrMalformed},
		{"param without type", &DescribeResponse{}, "22 08 0a 01 6b 12 03 0a 01 70", ErrMalformed},
		{"kind without name", &DescribeResponse{}, "22 00", ErrMalformed},
		{"dir entry without name", &ReaddirResponse{}, "0a 02 10 01", ErrMalformed},
		{"dir entries unsorted", &ReaddirResponse{}, "0a 03 0a 01 62 0a 03 0a 01 61", ErrMalformed},
		{"type field malformed", &CallRequest{}, "0a 01 66 12 01 0b", ErrMalformed},
		{"type field trailing", &CallRequest{}, "0a 01 66 12 02 03 03", ErrMalformed},
		{"value arg truncated", &CallRequest{}, "0a 01 66 1a 02 03 80", ErrMalformed},
		{"call response empty", &CallResponse{}, "", ErrMalformed},
		{"call response with watches only", &CallResponse{}, "12 02 08 02", ErrMalformed},
		{"infer response empty", &InferResponse{}, "", ErrMalformed},
	}
	for _, tt := range tests {
		err := tt.m.UnmarshalBinary(hexBytes(t, tt.in))
		if !errors.Is(err, tt.want) {
			t.Errorf("%s: %T.UnmarshalBinary = %v, want %v", tt.name, tt.m, err, tt.want)
		}
	}
	var m LogRequest
	if err := m.UnmarshalBinary(make([]byte, MaxMessageSize+1)); !errors.Is(err, ErrLimit) {
		t.Errorf("oversized message: %v", err)
	}
}

func TestMessageEncodeErrors(t *testing.T) {
	bad := NewStruct(Field{"a", TypeInt})
	ab := st(mustType(t, "struct{a str; b str}"), StrValue(""), StrValue(""))
	tests := []struct {
		name string
		m    wireMessage
	}{
		{"error without code", &ABIError{Message: "x"}},
		{"nested error without code", &CheckResponse{Error: &ABIError{}}},
		{"resource without kind", &CheckRequest{ResourceSpec: ResourceSpec{Name: "x"}}},
		{"group member without name", &CheckRequest{ResourceSpec: ResourceSpec{Kind: "k", Name: "x"}, Group: []ResourceSpec{{Kind: "k"}}}},
		{"bad params", &ResourceSpec{Kind: "k", Name: "x", Params: &StructValue{T: bad}}},
		{"unset unsorted", &ResourceSpec{Kind: "k", Name: "x", Params: ab, Unset: []string{"b", "a"}}},
		{"unset repeated", &ResourceSpec{Kind: "k", Name: "x", Params: ab, Unset: []string{"a", "a"}}},
		{"unset not a param", &ResourceSpec{Kind: "k", Name: "x", Params: ab, Unset: []string{"c"}}},
		{"unset without params", &ResourceSpec{Kind: "k", Name: "x", Unset: []string{"a"}}},
		{"unset of a struct without type", &ResourceSpec{Kind: "k", Name: "x", Params: &StructValue{}, Unset: []string{"a"}}},
		{"check unset not a param", &CheckRequest{ResourceSpec: ResourceSpec{Kind: "k", Name: "x", Params: ab, Unset: []string{"c"}}}},
		{"group member unset not a param", &CheckRequest{ResourceSpec: ResourceSpec{Kind: "k", Name: "x"}, Group: []ResourceSpec{{Kind: "k", Name: "y", Unset: []string{"a"}}}}},
		{"watch without kind", &WatchResponse{Watches: []WatchSpec{{Path: "/"}}}},
		{"send without value", &CheckResponse{Sends: map[string]Value{"x": nil}}},
		{"send without name", &CheckResponse{Sends: map[string]Value{"": nil}}},
		{"nil arg", &CallRequest{Name: "f", Args: []Value{nil}}},
		{"call type not func", &CallRequest{Name: "f", Type: TypeInt}},
		{"func info without type", &FuncInfo{Name: "f"}},
		{"infer args out of order", &InferRequest{Name: "f", Type: mustType(t, "func(int, int) int"), Args: []InferArg{{1, IntValue(1)}, {0, IntValue(1)}}}},
		{"infer arg beyond arity", &InferRequest{Name: "f", Type: mustType(t, "func(int) int"), Args: []InferArg{{1, IntValue(1)}}}},
		{"param default of other type", &DescribeResponse{Kinds: []KindInfo{{Kind: "k", Params: []ParamInfo{{Name: "p", Type: TypeStr, Default: IntValue(1)}}}}}},
		{"uid without kind", &AutoEdgesResponse{Edges: [][]UID{{{Key: "x"}}}}},
		{"dir entries repeated", &ReaddirResponse{Entries: []DirEntry{{Name: "a"}, {Name: "a"}}}},
		{"data too long", &ReadResponse{Data: make([]byte, MaxStringLen+1)}},
		{"call response empty", &CallResponse{}},
		{"infer response empty", &InferResponse{}},
	}
	for _, tt := range tests {
		b, err := tt.m.MarshalBinary()
		if err == nil {
			t.Errorf("%s: %T.MarshalBinary = % x, want an error", tt.name, tt.m, b)
		}
	}
}

func TestUnmarshalResetsAndCopies(t *testing.T) {
	in := hexBytes(t, "12 02 68 69")
	m := LogRequest{Level: LogError, Message: "old"}
	if err := m.UnmarshalBinary(in); err != nil || m.Level != LogInfo || m.Message != "hi" {
		t.Fatalf("UnmarshalBinary = %+v, %v", m, err)
	}
	in[2] = 'X'
	if m.Message != "hi" {
		t.Error("decoded string aliases the input")
	}
	data := hexBytes(t, "0a 02 01 02")
	var r ReadResponse
	if err := r.UnmarshalBinary(data); err != nil {
		t.Fatal(err)
	}
	data[2] = 9
	if r.Data[0] != 1 {
		t.Error("decoded bytes alias the input")
	}
}

func TestRequiredExports(t *testing.T) {
	base := []string{"alloc", "dealloc", "mgmt_abi_version", "describe"}
	tests := []struct {
		d    DescribeResponse
		want []string
	}{
		{DescribeResponse{}, base},
		{DescribeResponse{Kinds: []KindInfo{{Kind: "a"}}}, append(slices.Clone(base), "validate", "watch", "check", "apply")},
		{DescribeResponse{Kinds: []KindInfo{{Kind: "a"}, {Kind: "b", Traits: Traits{AutoEdge: true, Reverse: true}}}},
			append(slices.Clone(base), "validate", "watch", "check", "apply", "autoedges", "reverse")},
		{DescribeResponse{Functions: []FuncInfo{{Name: "f"}, {Name: "g", Infer: true}}}, append(slices.Clone(base), "call", "infer")},
	}
	for _, tt := range tests {
		if got := tt.d.RequiredExports(); !slices.Equal(got, tt.want) {
			t.Errorf("RequiredExports() = %v, want %v", got, tt.want)
		}
	}
}

func TestEnumStrings(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{WatchPath.String(), "path"}, {WatchInterval.String(), "interval"}, {WatchKV.String(), "kv"}, {WatchKind(9).String(), "WatchKind(9)"},
		{FileRegular.String(), "file"}, {FileDir.String(), "dir"}, {FileSymlink.String(), "symlink"}, {FileOther.String(), "other"}, {FileType(0).String(), "FileType(0)"},
		{LogDebug.String(), "debug"}, {LogInfo.String(), "info"}, {LogWarn.String(), "warn"}, {LogError.String(), "error"}, {LogLevel(1).String(), "LogLevel(1)"},
	} {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
}
