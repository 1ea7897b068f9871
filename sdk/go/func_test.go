package mgmt

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// setupFuncs registers the fake kind and these functions:
//
//	t.echo  func(x ?1) ?1    its argument, after checking Out is its type
//	t.read  func(p str) str  the file p of the fake host, watching p
//	t.host  func() str       the hostname
//	t.fail  func() str       a plain error
//	t.deny  func() str       an error with code denied
//	t.boom  func() str       a panic
//	t.none  func() str       no value and no error
func setupFuncs(t *testing.T) *fakeHost {
	t.Helper()
	h := setup(t)
	sig := func(s string) *hostabi.Type {
		typ, err := hostabi.ParseType(s)
		if err != nil {
			t.Fatal(err)
		}
		return typ
	}
	RegisterFunc(hostabi.FuncInfo{Name: "t.echo", Type: sig("func(x ?1) ?1"), Pure: true}, func(c *FuncCall) (hostabi.Value, error) {
		if !c.Out().Equal(c.Args[0].Type()) {
			return nil, fmt.Errorf("out %s, arg %s", c.Out(), c.Args[0].Type())
		}
		return c.Args[0], nil
	})
	RegisterFunc(hostabi.FuncInfo{Name: "t.read", Type: sig("func(p str) str")}, func(c *FuncCall) (hostabi.Value, error) {
		p := string(c.Args[0].(hostabi.StrValue))
		c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: p})
		b, err := c.ReadFile(p)
		if err != nil {
			return nil, err
		}
		return hostabi.StrValue(b), nil
	})
	RegisterFunc(hostabi.FuncInfo{Name: "t.host", Type: sig("func() str")}, func(c *FuncCall) (hostabi.Value, error) {
		h, err := c.Hostname()
		return hostabi.StrValue(c.Func + "@" + h), err
	})
	RegisterFunc(hostabi.FuncInfo{Name: "t.fail", Type: sig("func() str")}, func(*FuncCall) (hostabi.Value, error) {
		return nil, errors.New("it broke")
	})
	RegisterFunc(hostabi.FuncInfo{Name: "t.deny", Type: sig("func() str")}, func(*FuncCall) (hostabi.Value, error) {
		return nil, fmt.Errorf("reading: %w", &hostabi.ABIError{Code: hostabi.CodeDenied, Message: "no"})
	})
	RegisterFunc(hostabi.FuncInfo{Name: "t.boom", Type: sig("func() str")}, func(*FuncCall) (hostabi.Value, error) {
		panic("boom")
	})
	RegisterFunc(hostabi.FuncInfo{Name: "t.none", Type: sig("func() str")}, func(*FuncCall) (hostabi.Value, error) {
		return nil, nil
	})
	return h
}

func TestDescribeFuncs(t *testing.T) {
	setupFuncs(t)
	var resp hostabi.DescribeResponse
	roundTrip(t, hostabi.VerbDescribe, &hostabi.DescribeRequest{Host: "test"}, &resp)
	var names []string
	for _, f := range resp.Functions {
		names = append(names, f.Name)
	}
	want := []string{"t.echo", "t.read", "t.host", "t.fail", "t.deny", "t.boom", "t.none"}
	if resp.Error != nil || !slices.Equal(names, want) {
		t.Fatalf("describe functions %v (error %v), want %v", names, resp.Error, want)
	}
	if f := resp.Functions[0]; !f.Pure || f.Type.String() != "func(x ?1) ?1" || resp.Functions[1].Pure {
		t.Errorf("t.echo described as %+v", f)
	}
	if !slices.Contains(resp.RequiredExports(), hostabi.VerbCall) {
		t.Error("a plugin with functions does not require the call export")
	}
}

func TestCall(t *testing.T) {
	strSig := hostabi.NewFunc(hostabi.TypeStr)
	echoInt := hostabi.NewFunc(hostabi.TypeInt, hostabi.Field{Name: "x", Type: hostabi.TypeInt})
	readSig := hostabi.NewFunc(hostabi.TypeStr, hostabi.Field{Name: "p", Type: hostabi.TypeStr})
	list := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: []hostabi.Value{hostabi.StrValue("a")}}
	fileWatch := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: "/f"}}
	missingWatch := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: "/missing"}}
	tests := []struct {
		name    string
		fn      string
		sig     *hostabi.Type
		args    []hostabi.Value
		want    hostabi.Value
		code    hostabi.Code
		inMsg   string
		watches []hostabi.WatchSpec
	}{
		{"polymorphic int", "t.echo", echoInt, []hostabi.Value{hostabi.IntValue(7)}, hostabi.IntValue(7), 0, "", nil},
		{"polymorphic list", "t.echo", hostabi.NewFunc(list.T, hostabi.Field{Name: "x", Type: list.T}), []hostabi.Value{list}, list, 0, "", nil},
		{"signature reaches the function", "t.echo", echoInt, []hostabi.Value{hostabi.StrValue("x")}, nil, hostabi.CodeFailed, "out int, arg str", nil},
		{"host import and watch", "t.read", readSig, []hostabi.Value{hostabi.StrValue("/f")}, hostabi.StrValue("hello"), 0, "", fileWatch},
		{"import error keeps its code and the watches", "t.read", readSig, []hostabi.Value{hostabi.StrValue("/missing")}, nil, hostabi.CodeNotFound, "", missingWatch},
		{"hostname", "t.host", strSig, nil, hostabi.StrValue("t.host@node1"), 0, "", nil},
		{"no signature", "t.host", nil, nil, hostabi.StrValue("t.host@node1"), 0, "", nil},
		{"plain error", "t.fail", strSig, nil, nil, hostabi.CodeFailed, "it broke", nil},
		{"coded error", "t.deny", strSig, nil, nil, hostabi.CodeDenied, "reading", nil},
		{"panic", "t.boom", strSig, nil, nil, hostabi.CodeInternal, "boom", nil},
		{"no value", "t.none", strSig, nil, nil, hostabi.CodeInternal, "no value", nil},
		{"unknown function", "t.nope", strSig, nil, nil, hostabi.CodeUnsupported, `no function "t.nope"`, nil},
		{"argument count", "t.echo", echoInt, nil, nil, hostabi.CodeInvalid, "0 arguments", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := setupFuncs(t)
			h.files["/f"] = []byte("hello")
			var resp hostabi.CallResponse
			roundTrip(t, hostabi.VerbCall, &hostabi.CallRequest{Name: tt.fn, Type: tt.sig, Args: tt.args}, &resp)
			if got := hostabi.CodeOf(errOrNil(resp.Error)); got != tt.code {
				t.Fatalf("error %v, want code %v", resp.Error, tt.code)
			}
			if tt.code != 0 && !strings.Contains(resp.Error.Message, tt.inMsg) {
				t.Errorf("error %q, want it to say %q", resp.Error.Message, tt.inMsg)
			}
			if tt.want != nil && (resp.Result == nil || !resp.Result.Equal(tt.want)) {
				t.Errorf("result %v, want %v", resp.Result, tt.want)
			}
			if !slices.Equal(resp.Watches, tt.watches) {
				t.Errorf("watches %v, want %v", resp.Watches, tt.watches)
			}
		})
	}
}

func TestCallMalformed(t *testing.T) {
	setupFuncs(t)
	var resp hostabi.CallResponse
	if err := resp.UnmarshalBinary(Handle(hostabi.VerbCall, []byte{0xff})); err != nil {
		t.Fatal(err)
	}
	if resp.Error == nil || resp.Error.Code != hostabi.CodeMalformed {
		t.Errorf("call of a malformed request: %v", resp.Error)
	}
}

func TestRegisterFuncPanics(t *testing.T) {
	sig := hostabi.NewFunc(hostabi.TypeStr)
	impl := func(*FuncCall) (hostabi.Value, error) { return hostabi.StrValue(""), nil }
	tests := []struct {
		name string
		info hostabi.FuncInfo
		impl FuncImpl
		msg  string
	}{
		{"empty name", hostabi.FuncInfo{Type: sig}, impl, "empty name"},
		{"twice", hostabi.FuncInfo{Name: "a.b", Type: sig}, impl, "twice"},
		{"no signature", hostabi.FuncInfo{Name: "a.c"}, impl, "not a func type"},
		{"not a func type", hostabi.FuncInfo{Name: "a.c", Type: hostabi.TypeStr}, impl, "not a func type"},
		{"nil impl", hostabi.FuncInfo{Name: "a.c", Type: sig}, nil, "nil impl"},
		{"infer", hostabi.FuncInfo{Name: "a.c", Type: sig, Infer: true}, impl, "infer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resetRegistry()
			t.Cleanup(resetRegistry)
			RegisterFunc(hostabi.FuncInfo{Name: "a.b", Type: sig}, impl)
			defer func() {
				r := recover()
				if s, _ := r.(string); !strings.Contains(s, tt.msg) {
					t.Errorf("panic %v, want one saying %q", r, tt.msg)
				}
			}()
			RegisterFunc(tt.info, tt.impl)
		})
	}
}
