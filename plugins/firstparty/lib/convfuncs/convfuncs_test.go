package convfuncs

import (
	"math"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

func TestConvert(t *testing.T) {
	tests := []struct {
		fn   string
		in   hostabi.Value
		want hostabi.Value
	}{
		{"convert.format_bool", hostabi.BoolValue(true), hostabi.StrValue("true")},
		{"convert.format_bool", hostabi.BoolValue(false), hostabi.StrValue("false")},
		{"convert.parse_bool", hostabi.StrValue("true"), hostabi.BoolValue(true)},
		{"convert.parse_bool", hostabi.StrValue("T"), hostabi.BoolValue(true)},
		{"convert.parse_bool", hostabi.StrValue("1"), hostabi.BoolValue(true)},
		{"convert.parse_bool", hostabi.StrValue("FALSE"), hostabi.BoolValue(false)},
		{"convert.parse_bool", hostabi.StrValue("0"), hostabi.BoolValue(false)},
		{"convert.int_to_str", hostabi.IntValue(-1234), hostabi.StrValue("-1234")},
		{"convert.int_to_str", hostabi.IntValue(math.MaxInt64), hostabi.StrValue("9223372036854775807")},
		{"convert.str_to_int", hostabi.StrValue("42"), hostabi.IntValue(42)},
		{"convert.str_to_int", hostabi.StrValue("-9223372036854775808"), hostabi.IntValue(math.MinInt64)},
		{"convert.str_to_int", hostabi.StrValue("+7"), hostabi.IntValue(7)},
		{"convert.str_to_float", hostabi.StrValue("3.25"), hostabi.FloatValue(3.25)},
		{"convert.str_to_float", hostabi.StrValue("-1e3"), hostabi.FloatValue(-1000)},
		{"convert.str_to_float", hostabi.StrValue("7"), hostabi.FloatValue(7)},
		{"convert.to_float", hostabi.IntValue(-3), hostabi.FloatValue(-3)},
		{"convert.to_float", hostabi.IntValue(1 << 53), hostabi.FloatValue(9007199254740992)},
		{"convert.to_int", hostabi.FloatValue(3.99), hostabi.IntValue(3)},
		{"convert.to_int", hostabi.FloatValue(-3.99), hostabi.IntValue(-3)},
		{"convert.to_int", hostabi.FloatValue(-9223372036854775808), hostabi.IntValue(math.MinInt64)},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			got, err := fakehost.Find(t, Funcs(), tt.fn).Impl(&lib.Call{Args: []hostabi.Value{tt.in}})
			if err != nil {
				t.Fatalf("%s(%s): %v", tt.fn, tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("%s(%s) = %s, want %s", tt.fn, tt.in, got, tt.want)
			}
		})
	}
}

func TestConvertErrors(t *testing.T) {
	tests := []struct {
		fn   string
		in   hostabi.Value
		want string
	}{
		{"convert.parse_bool", hostabi.StrValue("yes"), "invalid bool: `yes`"},
		{"convert.str_to_int", hostabi.StrValue("4.2"), "invalid syntax"},
		{"convert.str_to_int", hostabi.StrValue("9223372036854775808"), "out of range"},
		{"convert.str_to_int", hostabi.StrValue(" 1"), "invalid syntax"},
		{"convert.str_to_float", hostabi.StrValue("abc"), "invalid syntax"},
		{"convert.to_int", hostabi.FloatValue(math.NaN()), "not within the int range"},
		{"convert.to_int", hostabi.FloatValue(math.Inf(1)), "not within the int range"},
		{"convert.to_int", hostabi.FloatValue(9223372036854775808), "not within the int range"},
		{"convert.to_float", hostabi.StrValue("1"), "expected int, got str"},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			_, err := fakehost.Find(t, Funcs(), tt.fn).Impl(&lib.Call{Args: []hostabi.Value{tt.in}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("%s(%s) error = %v, want one containing %q", tt.fn, tt.in, err, tt.want)
			}
		})
	}
}

func TestSigs(t *testing.T) {
	want := map[string]string{
		"convert.format_bool":  "func(a bool) str",
		"convert.int_to_str":   "func(a int) str",
		"convert.parse_bool":   "func(a str) bool",
		"convert.str_to_float": "func(a str) float",
		"convert.str_to_int":   "func(a str) int",
		"convert.to_float":     "func(a int) float",
		"convert.to_int":       "func(a float) int",
	}
	fs := Funcs()
	if len(fs) != len(want) {
		t.Errorf("%d functions, want %d", len(fs), len(want))
	}
	for _, f := range fs {
		if f.Sig != want[f.Name] || !f.Pure {
			t.Errorf("%s: Sig %q pure %v, want %q and pure", f.Name, f.Sig, f.Pure, want[f.Name])
		}
		if _, err := hostabi.ParseType(f.Sig); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}
