package main

import (
	"encoding"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/libmod/libinfo"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// fakeHost serves fs_stat from a map of executables and directories, and
// exec by answering with what it was asked.
type fakeHost struct {
	exes map[string]bool // path -> executable regular file
	dirs map[string]bool
	exec []*hostabi.ExecRequest
	resp hostabi.ExecResponse
}

func (f *fakeHost) Log(hostabi.LogLevel, string) {}
func (f *fakeHost) Hostname() (string, error)    { return "node9", nil }
func (f *fakeHost) TimeNow() int64               { return 0 }

func (f *fakeHost) Call(name string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error {
	switch name {
	case hostabi.ImportFSStat:
		p := req.(*hostabi.StatRequest).Path
		out := resp.(*hostabi.StatResponse)
		switch {
		case f.dirs[p]:
			*out = hostabi.StatResponse{Type: hostabi.FileDir, Mode: 0o755}
		case f.exes[p]:
			*out = hostabi.StatResponse{Type: hostabi.FileRegular, Mode: 0o755}
		default:
			return &hostabi.ABIError{Code: hostabi.CodeNotFound}
		}
		return nil
	case hostabi.ImportExec:
		f.exec = append(f.exec, req.(*hostabi.ExecRequest))
		*resp.(*hostabi.ExecResponse) = f.resp
		return nil
	}
	return &hostabi.ABIError{Code: hostabi.CodeUnsupported}
}

// useHost makes h the SDK's host until the test ends.
func useHost(t *testing.T, h mgmt.Host) {
	old := mgmt.SetHost(h)
	t.Cleanup(func() { mgmt.SetHost(old) })
}

// callVerb calls fn through the SDK's call verb, as the host does.
func callVerb(t *testing.T, fn, sig string, args ...hostabi.Value) *hostabi.CallResponse {
	t.Helper()
	typ, err := hostabi.ParseType(sig)
	if err != nil {
		t.Fatal(err)
	}
	req, err := (&hostabi.CallRequest{Name: fn, Type: typ, Args: args}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	resp := &hostabi.CallResponse{}
	if err := resp.UnmarshalBinary(mgmt.Handle(hostabi.VerbCall, req)); err != nil {
		t.Fatal(err)
	}
	return resp
}

// The library is described with its signatures, the placeholder for a
// function without one.
func TestDescribeLibrary(t *testing.T) {
	req, _ := (&hostabi.DescribeRequest{Host: "test"}).MarshalBinary()
	var d hostabi.DescribeResponse
	if err := d.UnmarshalBinary(mgmt.Handle(hostabi.VerbDescribe, req)); err != nil || d.Error != nil {
		t.Fatal(err, d.Error)
	}
	sigs := map[string]string{}
	for _, f := range d.Functions {
		sigs[f.Name] = f.Type.String()
	}
	for name, want := range map[string]string{"internal.join": libinfo.PlaceholderSig, "internal.echo": "func(x ?1) ?1", "internal.exec": "func(argv []str) str"} {
		if sigs[name] != want {
			t.Errorf("%s described as %q, want %q", name, sigs[name], want)
		}
	}
}

func TestLibHostStat(t *testing.T) {
	h := &fakeHost{dirs: map[string]bool{"/d": true}, exes: map[string]bool{"/f": true}}
	useHost(t, h)
	for path, want := range map[string]string{"/d": "dir", "/f": "file", "/nope": "missing"} {
		resp := callVerb(t, "internal.stat", "func(path str) str", hostabi.StrValue(path))
		if resp.Error != nil || !resp.Result.Equal(hostabi.StrValue(want)) {
			t.Errorf("stat %s: %v %v, want %s", path, resp.Result, resp.Error, want)
		}
	}
	if resp := callVerb(t, "internal.hostname", "func() str"); resp.Error != nil || !resp.Result.Equal(hostabi.StrValue("node9")) {
		t.Errorf("hostname: %v %v", resp.Result, resp.Error)
	}
}

func TestLibHostExec(t *testing.T) {
	t.Setenv("PATH", "relative:/opt/none:/opt/bin:/usr/bin")
	strs := hostabi.NewList(hostabi.TypeStr)
	argv := func(args ...string) hostabi.Value {
		l := &hostabi.ListValue{T: strs}
		for _, a := range args {
			l.Items = append(l.Items, hostabi.StrValue(a))
		}
		return l
	}
	tests := []struct {
		name     string
		argv     hostabi.Value
		resp     hostabi.ExecResponse
		wantPath string // "" when exec must not run
		want     string
		code     hostabi.Code
		inErr    string
	}{
		{"absolute", argv("/bin/tool", "-x"), hostabi.ExecResponse{Stdout: []byte("out")}, "/bin/tool", "out", 0, ""},
		{"found in PATH, first match", argv("tool"), hostabi.ExecResponse{Stdout: []byte("ok")}, "/opt/bin/tool", "ok", 0, ""},
		{"a directory in PATH is not a program", argv("sub"), hostabi.ExecResponse{}, "/usr/bin/sub", "", 0, ""},
		{"not in PATH", argv("nope"), hostabi.ExecResponse{}, "", "", hostabi.CodeNotFound, "not found in PATH"},
		{"relative", argv("./tool"), hostabi.ExecResponse{}, "", "", hostabi.CodeInvalid, "relative"},
		{"no program", argv(), hostabi.ExecResponse{}, "", "", hostabi.CodeInvalid, "no program"},
		{"exit status", argv("/bin/tool"), hostabi.ExecResponse{ExitCode: 3, Stderr: []byte("warn\nbad thing\n")}, "/bin/tool", "", hostabi.CodeFailed, "exit status 3: bad thing"},
		{"signal", argv("/bin/tool"), hostabi.ExecResponse{ExitCode: -1, Signal: "killed"}, "/bin/tool", "", hostabi.CodeFailed, "signal killed"},
		{"truncated", argv("/bin/tool"), hostabi.ExecResponse{Truncated: true}, "/bin/tool", "", hostabi.CodeFailed, "output exceeds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := &fakeHost{
				exes: map[string]bool{"/opt/bin/tool": true, "/usr/bin/tool": true, "/usr/bin/sub": true},
				dirs: map[string]bool{"/opt/bin/sub": true},
				resp: tt.resp,
			}
			useHost(t, h)
			resp := callVerb(t, "internal.exec", "func(argv []str) str", tt.argv)
			var ran []string
			for _, r := range h.exec {
				ran = append(ran, r.Path)
				if !r.InheritEnv {
					t.Errorf("exec of %s without the process environment", r.Path)
				}
			}
			if want := []string{tt.wantPath}; tt.wantPath == "" && len(ran) != 0 || tt.wantPath != "" && !slices.Equal(ran, want) {
				t.Errorf("ran %v, want %q", ran, tt.wantPath)
			}
			if tt.code == 0 {
				if resp.Error != nil || !resp.Result.Equal(hostabi.StrValue(tt.want)) {
					t.Errorf("got %v %v, want %q", resp.Result, resp.Error, tt.want)
				}
				return
			}
			if resp.Error == nil || resp.Error.Code != tt.code || !strings.Contains(resp.Error.Message, tt.inErr) {
				t.Errorf("error %v, want %v saying %q", resp.Error, tt.code, tt.inErr)
			}
		})
	}
}
