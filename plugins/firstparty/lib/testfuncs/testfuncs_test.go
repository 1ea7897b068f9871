package testfuncs

import (
	"errors"
	"io/fs"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// fakeHost serves files and directories from maps and echoes Exec's argv.
type fakeHost struct {
	files map[string]string
	dirs  map[string]bool
	env   []string
}

func (h fakeHost) ReadFile(path string) ([]byte, error) {
	if s, ok := h.files[path]; ok {
		return []byte(s), nil
	}
	return nil, fs.ErrNotExist
}

func (h fakeHost) Stat(path string) (bool, bool, error) {
	_, file := h.files[path]
	return file || h.dirs[path], h.dirs[path], nil
}

func (fakeHost) Hostname() (string, error) { return "h1", nil }

func (fakeHost) Exec(argv []string) ([]byte, error) { return []byte(strings.Join(argv, ",")), nil }

func (h fakeHost) Environ() []string { return h.env }

func TestFuncs(t *testing.T) {
	byName := map[string]lib.Func{}
	for _, f := range Funcs() {
		if _, dup := byName[f.Name]; dup || !strings.HasPrefix(f.Name, "internal.") {
			t.Errorf("function %q is repeated or outside the internal package", f.Name)
		}
		if f.Sig != "" {
			if _, err := hostabi.ParseType(f.Sig); err != nil {
				t.Errorf("%s: %v", f.Name, err)
			}
		}
		byName[f.Name] = f
	}
	h := fakeHost{files: map[string]string{"/f": "data"}, dirs: map[string]bool{"/d": true}, env: []string{"A=1", "B=x=y", "A=2"}}
	s := func(v string) hostabi.Value { return hostabi.StrValue(v) }
	strs := hostabi.NewList(hostabi.TypeStr)
	tests := []struct {
		fn      string
		sig     string
		args    []hostabi.Value
		want    hostabi.Value
		err     error
		watches int
	}{
		{"internal.echo", "func(x int) int", []hostabi.Value{hostabi.IntValue(3)}, hostabi.IntValue(3), nil, 0},
		{"internal.echo", "func(x int) str", []hostabi.Value{hostabi.IntValue(3)}, nil, errors.New("signature"), 0},
		{"internal.readfile", "func(path str) str", []hostabi.Value{s("/f")}, s("data"), nil, 1},
		{"internal.readfile", "func(path str) str", []hostabi.Value{s("/nope")}, nil, fs.ErrNotExist, 1},
		{"internal.stat", "func(path str) str", []hostabi.Value{s("/f")}, s("file"), nil, 0},
		{"internal.stat", "func(path str) str", []hostabi.Value{s("/d")}, s("dir"), nil, 0},
		{"internal.stat", "func(path str) str", []hostabi.Value{s("/nope")}, s("missing"), nil, 0},
		{"internal.hostname", "func() str", nil, s("h1"), nil, 0},
		{"internal.exec", "func(argv []str) str", []hostabi.Value{&hostabi.ListValue{T: strs, Items: []hostabi.Value{s("/bin/x"), s("y")}}}, s("/bin/x,y"), nil, 0},
		{"internal.getenv", "func(name str) str", []hostabi.Value{s("A")}, s("2"), nil, 0},
		{"internal.getenv", "func(name str) str", []hostabi.Value{s("B")}, s("x=y"), nil, 0},
		{"internal.getenv", "func(name str) str", []hostabi.Value{s("C")}, s(""), nil, 0},
		{"internal.join", "func(a str, b int) str", []hostabi.Value{s("a"), hostabi.IntValue(1)}, s(`"a" 1`), nil, 0},
	}
	for _, tt := range tests {
		sig, err := hostabi.ParseType(tt.sig)
		if err != nil {
			t.Fatal(err)
		}
		c := &lib.Call{Type: sig, Args: tt.args, Host: h}
		v, err := byName[tt.fn].Impl(c)
		switch {
		case tt.err == nil && (err != nil || !v.Equal(tt.want)):
			t.Errorf("%s%v = %v, %v; want %v", tt.fn, tt.args, v, err, tt.want)
		case tt.err != nil && (err == nil || !errors.Is(err, tt.err) && !strings.Contains(err.Error(), tt.err.Error())):
			t.Errorf("%s%v: error %v, want %v", tt.fn, tt.args, err, tt.err)
		}
		if len(c.Watches()) != tt.watches {
			t.Errorf("%s%v: watches %v", tt.fn, tt.args, c.Watches())
		}
	}
}
