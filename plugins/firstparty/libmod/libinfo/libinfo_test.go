package libinfo

import (
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

func TestInfo(t *testing.T) {
	tests := []struct {
		f       lib.Func
		want    string // the signature described; "" for an error
		inError string
	}{
		{lib.Func{Name: "a.f", Sig: "func(x str) int", Pure: true}, "func(x str) int", ""},
		{lib.Func{Name: "a.poly", Sig: "func(a ?1, b []?1) ?1"}, "func(a ?1, b []?1) ?1", ""},
		{lib.Func{Name: "a.printf"}, "func() ?1", ""},
		{lib.Func{Name: "a.bad", Sig: "func(x"}, "", "library function a.bad"},
		{lib.Func{Name: "a.notfunc", Sig: "str"}, "", "not a func type"},
	}
	for _, tt := range tests {
		info, err := Info(tt.f)
		if tt.want == "" {
			if err == nil || !strings.Contains(err.Error(), tt.inError) {
				t.Errorf("Info(%s): %v, want an error saying %q", tt.f.Name, err, tt.inError)
			}
			continue
		}
		if err != nil || info.Name != tt.f.Name || info.Type.String() != tt.want || info.Pure != tt.f.Pure || info.Infer {
			t.Errorf("Info(%s) = %+v (%v), %v; want %s, pure %v", tt.f.Name, info, info.Type, err, tt.want, tt.f.Pure)
		}
	}
}

func TestInfos(t *testing.T) {
	if _, err := infos([]lib.Func{{Name: "a.f", Sig: "func() str"}, {Name: "a.f", Sig: "func() int"}}); err == nil || !strings.Contains(err.Error(), "a.f is listed twice") {
		t.Errorf("a name listed twice: %v", err)
	}
	got, err := Infos()
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(got))
	for i, f := range got {
		names[i] = f.Name
	}
	// The test functions are listed, and functions of the library
	// packages too (any name outside "internal.").
	if !slices.Contains(names, "internal.echo") || !slices.ContainsFunc(names, func(n string) bool { return !strings.HasPrefix(n, "internal.") }) {
		t.Errorf("Infos lists %v", names)
	}
}

func TestDiff(t *testing.T) {
	f := func(name, sig string, pure bool) hostabi.FuncInfo {
		typ, err := hostabi.ParseType(sig)
		if err != nil {
			t.Fatal(err)
		}
		return hostabi.FuncInfo{Name: name, Type: typ, Pure: pure}
	}
	base := []hostabi.FuncInfo{f("a.x", "func(s str) str", true), f("a.y", "func() ?1", false)}
	infer := f("a.y", "func() ?1", false)
	infer.Infer = true
	tests := []struct {
		name      string
		described []hostabi.FuncInfo
		want      []string
	}{
		{"equal, in another order", []hostabi.FuncInfo{base[1], base[0]}, nil},
		{"missing", base[:1], []string{"a.y: not in the module"}},
		{"extra", append(slices.Clone(base), f("a.z", "func() int", true)), []string{"a.z: only in the module"}},
		{"signature", []hostabi.FuncInfo{f("a.x", "func(s str) int", true), base[1]}, []string{"a.x: signature func(s str) str natively, func(s str) int in the module"}},
		{"argument name", []hostabi.FuncInfo{f("a.x", "func(t str) str", true), base[1]}, []string{"a.x: signature func(s str) str natively, func(t str) str in the module"}},
		{"purity", []hostabi.FuncInfo{f("a.x", "func(s str) str", false), base[1]}, []string{"a.x: pure true natively, false in the module"}},
		{"infer", []hostabi.FuncInfo{base[0], infer}, []string{"a.y: infer false natively, true in the module"}},
		{"twice", append(slices.Clone(base), base[0]), []string{"a.x: described twice by the module"}},
	}
	for _, tt := range tests {
		if got := Diff(base, tt.described); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Diff = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSummary(t *testing.T) {
	diff := []string{"a", "b", "c"}
	for max, want := range map[int]string{3: "a; b; c", 5: "a; b; c", 2: "a; b; and 1 more"} {
		if got := Summary(diff, max); got != want {
			t.Errorf("Summary(%d) = %q, want %q", max, got, want)
		}
	}
}
