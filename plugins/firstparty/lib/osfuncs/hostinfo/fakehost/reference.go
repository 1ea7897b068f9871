package fakehost

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// CheckReference fails t unless fs are exactly the functions of the
// functions.tsv excerpt at tsvPath (columns name, signature, streaming,
// pure): same names, signatures that parse and are spelled the same, and
// the same purity. Upstream prints unnamed arguments with numbers as names
// ("func(0 str) str"), which mcl does not parse: those are compared
// unnamed ("func(str) str").
func CheckReference(t *testing.T, fs []lib.Func, tsvPath string) {
	t.Helper()
	data, err := os.ReadFile(tsvPath)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]lib.Func{}
	for _, f := range fs {
		if _, dup := byName[f.Name]; dup {
			t.Errorf("%s is listed twice", f.Name)
		}
		byName[f.Name] = f
		if f.Impl == nil {
			t.Errorf("%s has no Impl", f.Name)
		}
	}
	lines := strings.Split(strings.TrimSpace(string(data)), "\n")
	for _, line := range lines[1:] {
		col := strings.Split(line, "\t")
		if len(col) < 4 {
			t.Fatalf("%s: malformed line %q", tsvPath, line)
		}
		name, sig, pure := col[0], numberedArg.ReplaceAllString(col[1], "$1"), col[3] == "true"
		f, ok := byName[name]
		if !ok {
			t.Errorf("%s is missing", name)
			continue
		}
		delete(byName, name)
		want, err := hostabi.ParseType(sig)
		if err != nil {
			t.Fatalf("%s: reference signature %q: %v", name, sig, err)
		}
		got, err := hostabi.ParseType(f.Sig)
		if err != nil {
			t.Errorf("%s: signature %q does not parse: %v", name, f.Sig, err)
			continue
		}
		if f.Sig != sig || !got.Equal(want) {
			t.Errorf("%s: signature %q, want %q", name, f.Sig, sig)
		}
		if f.Pure != pure {
			t.Errorf("%s: Pure = %v, want %v", name, f.Pure, pure)
		}
	}
	for name := range byName {
		t.Errorf("%s is not in the reference", name)
	}
}

// numberedArg matches the number upstream writes as the name of an
// unnamed argument.
var numberedArg = regexp.MustCompile(`([(,] ?)[0-9]+ `)

// Find returns the function called name in fs, failing t without one.
func Find(t testing.TB, fs []lib.Func, name string) lib.Func {
	t.Helper()
	for _, f := range fs {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no function %s", name)
	return lib.Func{}
}

// Call calls f on h with args, typed by f's signature, and returns the
// value, the watches it asked for and the error.
func Call(t testing.TB, f lib.Func, h lib.Host, args ...hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	t.Helper()
	typ, err := hostabi.ParseType(f.Sig)
	if err != nil {
		t.Fatalf("%s: %v", f.Name, err)
	}
	c := &lib.Call{Type: typ, Args: args, Host: h}
	v, err := f.Impl(c)
	if err == nil && v == nil {
		t.Fatalf("%s: no value and no error", f.Name)
	}
	if err == nil && !v.Type().Equal(typ.Out) {
		t.Fatalf("%s: value %s has type %s, want %s", f.Name, v, v.Type(), typ.Out)
	}
	return v, c.Watches(), err
}

// Strs returns an mcl []str.
func Strs(ss ...string) *hostabi.ListValue {
	items := make([]hostabi.Value, len(ss))
	for i, s := range ss {
		items[i] = hostabi.StrValue(s)
	}
	return &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: items}
}
