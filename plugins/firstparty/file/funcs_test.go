package file_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// funcsPlugin loads the file module on a trusted host whose guests see
// the environment env (as firstparty.HostConfig gives them mgmt's), with
// grants (firstparty.Grants when none).
func funcsPlugin(t *testing.T, env []string, grants ...string) *wasmres.Plugin {
	t.Helper()
	if len(grants) == 0 {
		grants = firstparty.Grants
	}
	caps, err := hostabi.ParseCapabilities(grants)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	host, err := wasmhost.New(ctx, wasmhost.Config{Trusted: true, Env: env}, hostfuncs.Define(hostfuncs.Env{}))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { host.Close(ctx) })
	mod, err := host.Load(ctx, firstparty.FileName, fptest.Wasm(t, firstparty.FileName))
	if err != nil {
		t.Fatal(err)
	}
	p, err := wasmres.Load(ctx, mod, w, caps)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// pathWatches are path watches of paths.
func pathWatches(paths ...string) []hostabi.WatchSpec {
	var out []hostabi.WatchSpec
	for _, p := range paths {
		out = append(out, hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: p})
	}
	return out
}

// The module describes the two functions with upstream's signatures, as
// streaming (not pure).
func TestFuncsDescribed(t *testing.T) {
	p := funcsPlugin(t, nil)
	for name, sig := range map[string]string{"os.readfile": "func(filename str) str", "os.file_exists": "func(filename str) bool"} {
		f, ok := p.Func(name)
		if !ok {
			t.Errorf("no function %s in %v", name, p.Funcs())
			continue
		}
		want, err := hostabi.ParseType(sig)
		if err != nil {
			t.Fatal(err)
		}
		if !f.Type.Equal(want) || f.Pure || f.Infer {
			t.Errorf("%s: %s pure=%v infer=%v, want %s, not pure, no infer", name, f.Type, f.Pure, f.Infer, want)
		}
	}
}

// One call of a function of the module, and what it must give: the value
// (unless err), a part of the error, and the watches (with the error too).
type funcCase struct {
	name    string
	fn      string
	env     []string
	arg     hostabi.Value
	want    hostabi.Value
	err     string
	code    hostabi.Code
	watches []hostabi.WatchSpec
}

func TestFuncs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "f")
	mustWrite(t, file, "hi\n", 0o644)
	binary := filepath.Join(dir, "bin")
	mustWrite(t, binary, "\xff\x00\xfe not utf-8", 0o644)
	big := filepath.Join(dir, "big")
	bigContent := strings.Repeat("0123456789abcdef", 1<<17) // 2 MiB: more than one fs_read
	mustWrite(t, big, bigContent, 0o644)
	mustMkdir(t, filepath.Join(dir, "sub"))
	mustWrite(t, filepath.Join(dir, "sub", "g"), "deep", 0o644)
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "dangling")); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing")
	pwd := []string{"PWD=" + dir}
	s := func(x string) hostabi.Value { return hostabi.StrValue(x) }
	for _, c := range []funcCase{
		{name: "content", fn: "os.readfile", arg: s(file), want: s("hi\n"), watches: pathWatches(file)},
		{name: "bytes kept", fn: "os.readfile", arg: s(binary), want: s("\xff\x00\xfe not utf-8"), watches: pathWatches(binary)},
		{name: "large file", fn: "os.readfile", arg: s(big), want: s(bigContent), watches: pathWatches(big)},
		{name: "cleaned", fn: "os.readfile", arg: s(dir + "/./sub/../f"), want: s("hi\n"), watches: pathWatches(file)},
		{name: "relative", fn: "os.readfile", env: pwd, arg: s("sub/./g"), want: s("deep"), watches: pathWatches(filepath.Join(dir, "sub", "g"))},
		// A missing file is an error, watched so that its appearance
		// brings the value.
		{name: "missing", fn: "os.readfile", arg: s(missing), err: "read " + missing, code: hostabi.CodeNotFound, watches: pathWatches(missing)},
		{name: "directory", fn: "os.readfile", arg: s(dir), err: "read " + dir, watches: pathWatches(dir)},
		{name: "empty", fn: "os.readfile", arg: s(""), err: "empty filename"},
		{name: "no PWD", fn: "os.readfile", arg: s("rel"), err: "working directory unknown"},
		{name: "relative PWD", fn: "os.readfile", env: []string{"PWD=rel"}, arg: s("rel"), err: "working directory unknown"},
		{name: "PWD not a directory", fn: "os.readfile", env: []string{"PWD=" + file}, arg: s("rel"), err: "is not a directory"},
		{name: "file", fn: "os.file_exists", arg: s(file), want: hostabi.BoolValue(true), watches: pathWatches(file)},
		{name: "dir", fn: "os.file_exists", arg: s(dir + "/sub/"), want: hostabi.BoolValue(true), watches: pathWatches(filepath.Join(dir, "sub"))},
		{name: "missing", fn: "os.file_exists", arg: s(missing + "/"), want: hostabi.BoolValue(false), watches: pathWatches(missing)},
		{name: "dangling symlink", fn: "os.file_exists", arg: s(filepath.Join(dir, "dangling")), want: hostabi.BoolValue(false), watches: pathWatches(filepath.Join(dir, "dangling"))},
		{name: "relative", fn: "os.file_exists", env: pwd, arg: s("f"), want: hostabi.BoolValue(true), watches: pathWatches(file)},
		{name: "under a file", fn: "os.file_exists", arg: s(file + "/x"), err: "stat " + file + "/x", watches: pathWatches(file + "/x")},
	} {
		t.Run(c.fn+" "+c.name, func(t *testing.T) {
			p := funcsPlugin(t, c.env)
			f, _ := p.Func(c.fn)
			v, watches, err := p.Call(context.Background(), c.fn, f.Type, []hostabi.Value{c.arg})
			if !slices.Equal(watches, c.watches) {
				t.Errorf("watches %v, want %v", watches, c.watches)
			}
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("= %v, %v; want an error with %q", v, err, c.err)
				}
				if c.code != 0 && !errors.Is(err, &hostabi.ABIError{Code: c.code}) {
					t.Errorf("error %v, want code %s", err, c.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !v.Equal(c.want) {
				t.Fatalf("= %.80v, want %.80v", v, c.want)
			}
		})
	}
}

// Without fs.read on a path, the module's read is denied by the host.
func TestReadfileDenied(t *testing.T) {
	granted, other := t.TempDir(), t.TempDir()
	secret := filepath.Join(other, "secret")
	mustWrite(t, secret, "no", 0o644)
	p := funcsPlugin(t, nil, "fs.read:"+granted)
	f, _ := p.Func("os.readfile")
	v, _, err := p.Call(context.Background(), "os.readfile", f.Type, []hostabi.Value{hostabi.StrValue(secret)})
	if !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeDenied}) {
		t.Fatalf("= %v, %v; want denied", v, err)
	}
}

// A call whose argument is not of the declared type is refused by the
// module (the host checks it first; this is the guest's own check).
func TestFuncsBadCall(t *testing.T) {
	p := funcsPlugin(t, nil)
	sig, err := hostabi.ParseType("func(int) str")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := p.Call(context.Background(), "os.readfile", sig, []hostabi.Value{hostabi.IntValue(1)}); !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeMalformed}) {
		t.Fatalf("os.readfile(1) = %v, want malformed", err)
	}
	if _, _, err := p.Call(context.Background(), "os.nope", sig, []hostabi.Value{hostabi.IntValue(1)}); err == nil {
		t.Fatal("a call of a function the module lacks succeeded")
	}
}
