package strfuncs

import (
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// s, i and strs build argument values.
func s(v string) hostabi.Value { return hostabi.StrValue(v) }
func i(v int64) hostabi.Value  { return hostabi.IntValue(v) }
func strs(vs ...string) *hostabi.ListValue {
	l := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)}
	for _, v := range vs {
		l.Items = append(l.Items, hostabi.StrValue(v))
	}
	return l
}

func TestStrings(t *testing.T) {
	tests := []struct {
		fn   string
		args []hostabi.Value
		want hostabi.Value
	}{
		{"strings.to_lower", []hostabi.Value{s("HeLLo ÄÖ")}, s("hello äö")},
		{"strings.to_upper", []hostabi.Value{s("hello äö")}, s("HELLO ÄÖ")},
		{"strings.trim_space", []hostabi.Value{s(" \t a b \n")}, s("a b")},
		{"strings.contains", []hostabi.Value{s("foobar"), s("oba")}, hostabi.BoolValue(true)},
		{"strings.contains", []hostabi.Value{s("foobar"), s("baz")}, hostabi.BoolValue(false)},
		{"strings.contains", []hostabi.Value{s("foobar"), s("")}, hostabi.BoolValue(true)},
		{"strings.has_prefix", []hostabi.Value{s("foobar"), s("foo")}, hostabi.BoolValue(true)},
		{"strings.has_prefix", []hostabi.Value{s("foobar"), s("bar")}, hostabi.BoolValue(false)},
		{"strings.has_suffix", []hostabi.Value{s("foobar"), s("bar")}, hostabi.BoolValue(true)},
		{"strings.has_suffix", []hostabi.Value{s("foobar"), s("foo")}, hostabi.BoolValue(false)},
		{"strings.replace_all", []hostabi.Value{s("a-b-c"), s("-"), s("+")}, s("a+b+c")},
		{"strings.replace_all", []hostabi.Value{s("aaa"), s("aa"), s("b")}, s("ba")},
		{"strings.split", []hostabi.Value{s("a,b,,c"), s(",")}, strs("a", "b", "", "c")},
		{"strings.split", []hostabi.Value{s(""), s(",")}, strs("")},
		{"strings.split", []hostabi.Value{s("héj"), s("")}, strs("h", "é", "j")},
		{"strings.join_nonempty", []hostabi.Value{strs("a", "", "b", ""), s(", ")}, s("a, b")},
		{"strings.join_nonempty", []hostabi.Value{strs(), s(",")}, s("")},
		{"strings.substr", []hostabi.Value{s("hello"), i(1), i(3)}, s("el")},
		{"strings.substr", []hostabi.Value{s("hello"), i(0), i(5)}, s("hello")},
		{"strings.substr", []hostabi.Value{s("hello"), i(5), i(5)}, s("")},
		// The pad cases are upstream's util/pad_test.go table.
		{"strings.left_pad", []hostabi.Value{s(""), s(""), i(0)}, s("")},
		{"strings.left_pad", []hostabi.Value{s(""), s("x"), i(2)}, s("xx")},
		{"strings.left_pad", []hostabi.Value{s(""), s("ab"), i(3)}, s("abab")},
		{"strings.left_pad", []hostabi.Value{s("hello"), s(" "), i(7)}, s("  hello")},
		{"strings.left_pad", []hostabi.Value{s("hello"), s("ab"), i(5)}, s("hello")},
		{"strings.left_pad", []hostabi.Value{s("hello"), s("ab"), i(6)}, s("abhello")},
		{"strings.left_pad", []hostabi.Value{s("hello"), s("ab"), i(8)}, s("ababhello")},
		{"strings.left_pad", []hostabi.Value{s("hello"), s("x"), i(-3)}, s("hello")},
		{"strings.right_pad", []hostabi.Value{s(""), s("ab"), i(3)}, s("abab")},
		{"strings.right_pad", []hostabi.Value{s("hello"), s(" "), i(7)}, s("hello  ")},
		{"strings.right_pad", []hostabi.Value{s("hello"), s("ab"), i(6)}, s("helloab")},
		{"strings.right_pad", []hostabi.Value{s("hello"), s("ab"), i(8)}, s("helloabab")},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			got, err := fakehost.Find(t, Funcs(), tt.fn).Impl(&lib.Call{Args: tt.args})
			if err != nil {
				t.Fatalf("%s%v: %v", tt.fn, tt.args, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("%s%v = %s, want %s", tt.fn, tt.args, got, tt.want)
			}
		})
	}
}

func TestStringsErrors(t *testing.T) {
	tests := []struct {
		fn   string
		args []hostabi.Value
		want string
	}{
		{"strings.substr", []hostabi.Value{s("hello"), i(-1), i(2)}, "out of range"},
		{"strings.substr", []hostabi.Value{s("hello"), i(3), i(2)}, "out of range"},
		{"strings.substr", []hostabi.Value{s("hello"), i(0), i(6)}, "out of range"},
		{"strings.left_pad", []hostabi.Value{s("a"), s(""), i(3)}, "empty pad"},
		{"strings.right_pad", []hostabi.Value{s("a"), s("x"), i(1 << 40)}, "limit"},
		{"strings.to_upper", []hostabi.Value{i(1)}, "expected str, got int"},
		{"strings.split", []hostabi.Value{s("a")}, "argument 1 is missing"},
		{"strings.join_nonempty", []hostabi.Value{s("a"), s(",")}, "expected a list"},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			_, err := fakehost.Find(t, Funcs(), tt.fn).Impl(&lib.Call{Args: tt.args})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("%s%v error = %v, want one containing %q", tt.fn, tt.args, err, tt.want)
			}
		})
	}
}

// TestSigs checks every signature against the reference table's (with
// upstream's argument names) and that it parses.
func TestSigs(t *testing.T) {
	want := map[string]string{
		"strings.contains":      "func(s str, substr str) bool",
		"strings.has_prefix":    "func(s str, prefix str) bool",
		"strings.has_suffix":    "func(s str, suffix str) bool",
		"strings.join_nonempty": "func(s []str, sep str) str",
		"strings.left_pad":      "func(s str, pad str, len int) str",
		"strings.replace_all":   "func(s str, old str, new str) str",
		"strings.right_pad":     "func(s str, pad str, len int) str",
		"strings.split":         "func(a str, b str) []str",
		"strings.substr":        "func(s str, low int, high int) str",
		"strings.to_lower":      "func(a str) str",
		"strings.to_upper":      "func(a str) str",
		"strings.trim_space":    "func(a str) str",
	}
	fs := Funcs()
	if len(fs) != len(want) {
		t.Errorf("%d functions, want %d", len(fs), len(want))
	}
	for _, f := range fs {
		if f.Sig != want[f.Name] {
			t.Errorf("%s: Sig %q, want %q", f.Name, f.Sig, want[f.Name])
		}
		if _, err := hostabi.ParseType(f.Sig); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if !f.Pure {
			t.Errorf("%s is not pure", f.Name)
		}
	}
}
