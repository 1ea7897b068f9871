package mgmt

import (
	"encoding"
	"errors"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// fakeHost records log lines and keeps files in memory.
type fakeHost struct {
	lines []string
	files map[string][]byte
}

// Call serves fs_read (two bytes at a time) and fs_write_atomic.
func (f *fakeHost) Call(name string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error {
	switch name {
	case hostabi.ImportFSRead:
		r := req.(*hostabi.ReadRequest)
		data, ok := f.files[r.Path]
		if !ok {
			return &hostabi.ABIError{Code: hostabi.CodeNotFound}
		}
		end := min(len(data), int(r.Offset)+2)
		*resp.(*hostabi.ReadResponse) = hostabi.ReadResponse{Data: data[r.Offset:end], EOF: end == len(data)}
		return nil
	case hostabi.ImportFSWriteAtomic:
		r := req.(*hostabi.WriteAtomicRequest)
		f.files[r.Path] = r.Data
		return nil
	}
	return &hostabi.ABIError{Code: hostabi.CodeUnsupported}
}

func (f *fakeHost) Log(level hostabi.LogLevel, msg string) {
	f.lines = append(f.lines, level.String()+" "+msg)
}
func (f *fakeHost) Hostname() (string, error) { return "node1", nil }
func (f *fakeHost) TimeNow() int64            { return 42 }

// fake is a resource of the test kind "fake": n must be >= 0, check is ok
// when s == "ok", and s == "boom" panics.
type fake struct {
	s string
	n int64
}

func (f *fake) Validate() error {
	if f.n < 0 {
		return ParamError("n", "negative")
	}
	return nil
}

func (f *fake) Watch() []hostabi.WatchSpec {
	return []hostabi.WatchSpec{{Kind: hostabi.WatchInterval, IntervalMS: 1000}}
}

func (f *fake) CheckApply(ctx *Context, apply bool) (bool, error) {
	switch f.s {
	case "boom":
		panic("boom")
	case "fail":
		return false, errors.New("it broke")
	}
	h, _ := ctx.Hostname()
	ctx.Log("%s on %s apply=%v", ctx.Name(), h, apply)
	return f.s == "ok", nil
}

func (f *fake) Sends() map[string]hostabi.Value {
	return map[string]hostabi.Value{"out": hostabi.StrValue(f.s)}
}

var fakeParams = hostabi.NewStruct(hostabi.Field{Name: "s", Type: hostabi.TypeStr}, hostabi.Field{Name: "n", Type: hostabi.TypeInt})

// setup registers the fake kind and a fake host.
func setup(t *testing.T) *fakeHost {
	t.Helper()
	resetRegistry()
	t.Cleanup(resetRegistry)
	SetPlugin("test", "1.2")
	Register(hostabi.KindInfo{
		Kind:   "fake",
		Params: []hostabi.ParamInfo{{Name: "s", Type: hostabi.TypeStr}, {Name: "n", Type: hostabi.TypeInt}},
		Sends:  []hostabi.ParamInfo{{Name: "out", Type: hostabi.TypeStr}},
		Traits: hostabi.Traits{Send: true},
	}, func(name string, p Params) (Resource, error) {
		return &fake{s: p.Str("s"), n: p.Int("n")}, nil
	})
	h := &fakeHost{files: map[string][]byte{}}
	old := SetHost(h)
	t.Cleanup(func() { SetHost(old) })
	return h
}

func spec(kind string, s string, n int64) hostabi.ResourceSpec {
	return hostabi.ResourceSpec{Kind: kind, Name: "r1", Params: &hostabi.StructValue{
		T: fakeParams, Fields: []hostabi.Value{hostabi.StrValue(s), hostabi.IntValue(n)}}}
}

// roundTrip encodes req, runs verb and decodes the response into resp.
func roundTrip(t *testing.T, verb string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) {
	t.Helper()
	b, err := req.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if err := resp.UnmarshalBinary(Handle(verb, b)); err != nil {
		t.Fatalf("%s response: %v", verb, err)
	}
}

func TestDescribe(t *testing.T) {
	setup(t)
	var resp hostabi.DescribeResponse
	roundTrip(t, "describe", &hostabi.DescribeRequest{Host: "test"}, &resp)
	if resp.Error != nil || resp.Name != "test" || resp.Version != "1.2" || len(resp.Kinds) != 1 {
		t.Fatalf("describe: %+v", resp)
	}
	k := resp.Kinds[0]
	if k.Kind != "fake" || len(k.Params) != 2 || k.Params[1].Name != "n" || !k.Params[1].Type.Equal(hostabi.TypeInt) || !k.Traits.Send {
		t.Fatalf("kind: %+v", k)
	}
}

func TestCheckApply(t *testing.T) {
	tests := []struct {
		verb    string
		s       string
		wantOK  bool
		wantErr hostabi.Code
	}{
		{"check", "ok", true, 0},
		{"check", "bad", false, 0},
		{"apply", "bad", false, 0},
		{"check", "fail", false, hostabi.CodeFailed},
		{"apply", "boom", false, hostabi.CodeInternal},
	}
	for _, tt := range tests {
		h := setup(t)
		var resp hostabi.CheckResponse
		roundTrip(t, tt.verb, &hostabi.CheckRequest{ResourceSpec: spec("fake", tt.s, 1)}, &resp)
		if resp.CheckOK != tt.wantOK || hostabi.CodeOf(errOrNil(resp.Error)) != tt.wantErr {
			t.Errorf("%s %q: got ok=%v err=%v", tt.verb, tt.s, resp.CheckOK, resp.Error)
		}
		if tt.wantErr == 0 {
			if len(h.lines) != 1 || h.lines[0] != "info r1 on node1 apply="+map[string]string{"check": "false", "apply": "true"}[tt.verb] {
				t.Errorf("%s %q: log %q", tt.verb, tt.s, h.lines)
			}
			if !resp.Sends["out"].Equal(hostabi.StrValue(tt.s)) {
				t.Errorf("%s %q: sends %v", tt.verb, tt.s, resp.Sends)
			}
		}
	}
}

func errOrNil(e *hostabi.ABIError) error {
	if e == nil {
		return nil
	}
	return e
}

func TestValidateErrors(t *testing.T) {
	setup(t)
	wrongType := spec("fake", "x", 1)
	wrongType.Params = &hostabi.StructValue{T: hostabi.NewStruct(hostabi.Field{Name: "n", Type: hostabi.TypeStr}), Fields: []hostabi.Value{hostabi.StrValue("1")}}
	unknown := spec("fake", "x", 1)
	unknown.Params = &hostabi.StructValue{T: hostabi.NewStruct(hostabi.Field{Name: "zz", Type: hostabi.TypeStr}), Fields: []hostabi.Value{hostabi.StrValue("1")}}
	tests := []struct {
		name      string
		req       hostabi.ResourceSpec
		code      hostabi.Code
		param     string
		inMessage string
	}{
		{"valid", spec("fake", "x", 1), 0, "", ""},
		{"defaults fill missing params", hostabi.ResourceSpec{Kind: "fake", Name: "r"}, 0, "", ""},
		{"bad param", spec("fake", "x", -1), hostabi.CodeInvalid, "n", "negative"},
		{"wrong type", wrongType, hostabi.CodeInvalid, "n", "want int"},
		{"unknown param", unknown, hostabi.CodeInvalid, "zz", "no param"},
		{"unknown kind", spec("nope", "x", 1), hostabi.CodeUnsupported, "", "no kind"},
	}
	for _, tt := range tests {
		var resp hostabi.ValidateResponse
		roundTrip(t, "validate", &tt.req, &resp)
		e := resp.Error
		if tt.code == 0 {
			if e != nil {
				t.Errorf("%s: %v", tt.name, e)
			}
			continue
		}
		if e == nil || e.Code != tt.code || e.Param != tt.param || !strings.Contains(e.Message, tt.inMessage) {
			t.Errorf("%s: got %v, want code %v param %q", tt.name, e, tt.code, tt.param)
		}
	}
}

func TestWatchAndBadRequests(t *testing.T) {
	setup(t)
	var w hostabi.WatchResponse
	s := spec("fake", "x", 1)
	roundTrip(t, "watch", &s, &w)
	if w.Error != nil || len(w.Watches) != 1 || w.Watches[0].IntervalMS != 1000 {
		t.Fatalf("watch: %+v", w)
	}
	for _, verb := range []string{"describe", "validate", "watch", "check", "apply", "autoedges", "reverse"} {
		var resp hostabi.ValidateResponse // every response's error is tag 15
		if err := resp.UnmarshalBinary(Handle(verb, []byte{0xff})); err != nil {
			t.Fatalf("%s: %v", verb, err)
		}
		if resp.Error == nil || resp.Error.Code != hostabi.CodeMalformed {
			t.Errorf("%s of a malformed request: %v", verb, resp.Error)
		}
	}
	var resp hostabi.ValidateResponse
	if err := resp.UnmarshalBinary(Handle("nope", nil)); err != nil || resp.Error == nil || resp.Error.Code != hostabi.CodeUnsupported {
		t.Errorf("unknown verb: %v %v", resp.Error, err)
	}
	var ae hostabi.AutoEdgesResponse
	roundTrip(t, "autoedges", &s, &ae)
	if ae.Error == nil || ae.Error.Code != hostabi.CodeUnsupported {
		t.Errorf("autoedges without AutoEdger: %v", ae.Error)
	}
	var rv hostabi.ReverseResponse
	roundTrip(t, "reverse", &s, &rv)
	if rv.Error == nil || rv.Error.Code != hostabi.CodeUnsupported {
		t.Errorf("reverse without Reverser: %v", rv.Error)
	}
}

func TestLogSplitsLines(t *testing.T) {
	h := setup(t)
	c := &Context{req: &hostabi.CheckRequest{}}
	c.Log("a\nb\n")
	c.Debugf("hidden")
	c.Warn("w")
	if strings.Join(h.lines, "|") != "info a|info b|warn w" {
		t.Fatalf("lines %q", h.lines)
	}
	if c.Now().UnixNano() != 42 {
		t.Fatal("Now does not use the host")
	}
}

func TestFiles(t *testing.T) {
	setup(t)
	c := &Context{req: &hostabi.CheckRequest{}}
	if _, err := c.ReadFile("/nope"); !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
		t.Fatalf("missing file: %v", err)
	}
	if err := c.WriteFile("/f", []byte("hello"), 0); err != nil {
		t.Fatal(err)
	}
	if b, err := c.ReadFile("/f"); err != nil || string(b) != "hello" {
		t.Fatalf("read back %q, %v", b, err)
	}
	if _, err := c.Stat("/f", false); !errors.Is(err, hostabi.ErrUnsupported) {
		t.Fatalf("stat on a host without it: %v", err)
	}
}

// TestPrepare checks that prepare answers as validate, autoedges and
// watch would, each part only when asked, and nothing but the validation
// error for an invalid resource.
func TestPrepare(t *testing.T) {
	setup(t)
	tests := []struct {
		name    string
		req     hostabi.PrepareRequest
		invalid bool
		watches int
		aeAsked bool
	}{
		{"validate only", hostabi.PrepareRequest{ResourceSpec: spec("fake", "x", 1)}, false, 0, false},
		{"with watch", hostabi.PrepareRequest{ResourceSpec: spec("fake", "x", 1), Watch: true}, false, 1, false},
		{"with autoedges on a kind without them", hostabi.PrepareRequest{ResourceSpec: spec("fake", "x", 1), AutoEdges: true, Watch: true}, false, 1, true},
		{"invalid", hostabi.PrepareRequest{ResourceSpec: spec("fake", "x", -1), AutoEdges: true, Watch: true}, true, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp hostabi.PrepareResponse
			roundTrip(t, "prepare", &tt.req, &resp)
			if tt.invalid {
				if resp.Error == nil || resp.Error.Code != hostabi.CodeInvalid || resp.Error.Param != "n" {
					t.Fatalf("error %v, want invalid n", resp.Error)
				}
				if len(resp.Watches) != 0 || resp.AutoEdgesError != nil {
					t.Fatalf("an invalid resource got more answers: %+v", resp)
				}
				return
			}
			if resp.Error != nil {
				t.Fatalf("unexpected error %v", resp.Error)
			}
			if len(resp.Watches) != tt.watches || (tt.watches > 0 && resp.Watches[0].IntervalMS != 1000) {
				t.Fatalf("watches %+v, want %d of the kind's", resp.Watches, tt.watches)
			}
			if got := resp.AutoEdgesError != nil && resp.AutoEdgesError.Code == hostabi.CodeUnsupported; got != tt.aeAsked {
				t.Fatalf("autoedges error %v, asked %v", resp.AutoEdgesError, tt.aeAsked)
			}
		})
	}
	var resp hostabi.PrepareResponse
	if err := resp.UnmarshalBinary(Handle("prepare", []byte{0xff})); err != nil || resp.Error == nil || resp.Error.Code != hostabi.CodeMalformed {
		t.Fatalf("malformed request: %v %v", resp.Error, err)
	}
}
