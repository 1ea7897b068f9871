package wasmres

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// These tests call the functions of testdata/traitplugin (see its
// funcs.go) through the real host imports.

func TestFuncs(t *testing.T) {
	env := loadTraitPlugin(t)
	var names []string
	for _, f := range env.p.Funcs() {
		names = append(names, f.Name)
	}
	if want := []string{"trait.read", "trait.watch", "trait.exec", "trait.echo", "trait.wrong"}; !slices.Equal(names, want) {
		t.Fatalf("functions %v, want %v", names, want)
	}
	if f, ok := env.p.Func("trait.echo"); !ok || !f.Pure || f.Type.String() != "func(x ?1) ?1" {
		t.Errorf("trait.echo: %+v %v", f, ok)
	}
	if _, ok := env.p.Func("trait.nope"); ok {
		t.Error("an unknown function is described")
	}
}

func TestCall(t *testing.T) {
	env := loadTraitPlugin(t)
	inside := filepath.Join(env.dir, "in")
	outside := filepath.Join(t.TempDir(), "out") // exists, but not granted
	for _, f := range []string{inside, outside} {
		if err := os.WriteFile(f, []byte("content of "+filepath.Base(f)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	missing := filepath.Join(env.dir, "missing")
	str := func(s string) []hostabi.Value { return []hostabi.Value{hostabi.StrValue(s)} }
	pathSig := hostabi.NewFunc(hostabi.TypeStr, hostabi.Field{Name: "path", Type: hostabi.TypeStr})
	intSig := hostabi.NewFunc(hostabi.TypeInt, hostabi.Field{Name: "x", Type: hostabi.TypeInt})
	varSig, _ := hostabi.ParseType("func(x ?1) ?1")
	strs := hostabi.NewList(hostabi.TypeStr)
	execSig := hostabi.NewFunc(hostabi.TypeStr, hostabi.Field{Name: "argv", Type: strs})
	echoHi := []hostabi.Value{&hostabi.ListValue{T: strs, Items: []hostabi.Value{hostabi.StrValue("/bin/echo"), hostabi.StrValue("hi")}}}
	watchOf := func(p string) []hostabi.WatchSpec { return []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: p}} }
	tests := []struct {
		name    string
		fn      string
		sig     *hostabi.Type
		args    []hostabi.Value
		want    hostabi.Value
		err     error  // matched with errors.Is
		inErr   string // in the error's message
		watches []hostabi.WatchSpec
		noCall  bool // refused before the guest runs
	}{
		{name: "granted read", fn: "trait.read", sig: pathSig, args: str(inside), want: hostabi.StrValue("content of in"), watches: watchOf(inside)},
		{name: "guest error keeps its code and watches", fn: "trait.read", sig: pathSig, args: str(missing), err: &hostabi.ABIError{Code: hostabi.CodeNotFound}, watches: watchOf(missing)},
		{name: "read outside the grants", fn: "trait.read", sig: pathSig, args: str(outside), err: hostabi.ErrDenied},
		{name: "watch outside the grants", fn: "trait.watch", sig: pathSig, args: str(outside), err: hostabi.ErrDenied, inErr: "watch " + outside},
		{name: "watch inside", fn: "trait.watch", sig: pathSig, args: str(missing), want: hostabi.StrValue("ok"), watches: watchOf(missing)},
		{name: "exec without a grant", fn: "trait.exec", sig: execSig, args: echoHi, err: hostabi.ErrDenied},
		{name: "polymorphic", fn: "trait.echo", sig: intSig, args: []hostabi.Value{hostabi.IntValue(5)}, want: hostabi.IntValue(5)},
		{name: "signature with variables", fn: "trait.echo", sig: varSig, args: []hostabi.Value{hostabi.IntValue(5)}, err: hostabi.ErrType, inErr: "type variables", noCall: true},
		{name: "no signature, described one has variables", fn: "trait.echo", args: []hostabi.Value{hostabi.IntValue(5)}, err: hostabi.ErrType, noCall: true},
		{name: "argument of another type", fn: "trait.echo", sig: intSig, args: str("5"), err: hostabi.ErrType, inErr: "argument 0 is a str", noCall: true},
		{name: "argument count", fn: "trait.echo", sig: intSig, err: hostabi.ErrType, inErr: "0 arguments", noCall: true},
		{name: "no signature, described one is concrete", fn: "trait.wrong", err: hostabi.ErrType, inErr: "returned a int"},
		{name: "result against the signature", fn: "trait.wrong", sig: hostabi.NewFunc(hostabi.TypeStr), err: hostabi.ErrType, inErr: "returned a int"},
		{name: "unknown function", fn: "trait.nope", sig: pathSig, args: str(""), inErr: `no function "trait.nope"`, noCall: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			calls, _, _ := traitHost.m.Stats()
			v, watches, err := env.p.Call(context.Background(), tt.fn, tt.sig, tt.args)
			if after, _, _ := traitHost.m.Stats(); (after == calls) != tt.noCall {
				t.Errorf("%d calls into the module, want them only when the call is sound", after-calls)
			}
			switch {
			case tt.err == nil && tt.inErr == "":
				if err != nil || v == nil || !v.Equal(tt.want) {
					t.Fatalf("got %v, %v; want %v", v, err, tt.want)
				}
			case err == nil:
				t.Fatalf("got %v, want an error", v)
			case tt.err != nil && !errors.Is(err, tt.err), !strings.Contains(err.Error(), tt.inErr):
				t.Fatalf("error %v, want %v saying %q", err, tt.err, tt.inErr)
			case !strings.Contains(err.Error(), "plugin traitplugin") || !strings.Contains(err.Error(), tt.fn):
				t.Errorf("error %q does not name the plugin and the function", err)
			}
			if !slices.Equal(watches, tt.watches) {
				t.Errorf("watches %v, want %v", watches, tt.watches)
			}
		})
	}
}

// An exec import made by a function is allowed by an exec grant.
func TestCallExecGranted(t *testing.T) {
	loadTraitPlugin(t) // builds and loads the module
	granted, err := hostabi.ParseCapabilities([]string{"exec:/bin/echo"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Load(context.Background(), traitHost.m, nil, granted)
	if err != nil {
		t.Fatal(err)
	}
	strs := hostabi.NewList(hostabi.TypeStr)
	argv := func(args ...string) []hostabi.Value {
		l := &hostabi.ListValue{T: strs}
		for _, a := range args {
			l.Items = append(l.Items, hostabi.StrValue(a))
		}
		return []hostabi.Value{l}
	}
	sig := hostabi.NewFunc(hostabi.TypeStr, hostabi.Field{Name: "argv", Type: strs})
	v, _, err := p.Call(context.Background(), "trait.exec", sig, argv("/bin/echo", "hi"))
	if err != nil || !v.Equal(hostabi.StrValue("hi\n")) {
		t.Fatalf("granted exec: %v, %v", v, err)
	}
	if _, _, err := p.Call(context.Background(), "trait.exec", sig, argv("/bin/true")); !errors.Is(err, hostabi.ErrDenied) {
		t.Errorf("exec of another program: %v, want denied", err)
	}
}
