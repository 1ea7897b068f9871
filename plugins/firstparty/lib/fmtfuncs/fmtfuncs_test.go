package fmtfuncs

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// list returns a list of type []elem holding items.
func list(elem *hostabi.Type, items ...hostabi.Value) *hostabi.ListValue {
	return &hostabi.ListValue{T: hostabi.NewList(elem), Items: items}
}

func TestPrintf(t *testing.T) {
	strInt := hostabi.NewMap(hostabi.TypeStr, hostabi.TypeInt)
	m, err := hostabi.NewMapValue(strInt, []hostabi.Value{hostabi.StrValue("b"), hostabi.StrValue("a")}, []hostabi.Value{hostabi.IntValue(2), hostabi.IntValue(1)})
	if err != nil {
		t.Fatal(err)
	}
	st := &hostabi.StructValue{
		T:      hostabi.NewStruct(hostabi.Field{Name: "a", Type: hostabi.TypeInt}, hostabi.Field{Name: "b", Type: hostabi.TypeStr}),
		Fields: []hostabi.Value{hostabi.IntValue(1), hostabi.StrValue("x")},
	}
	tests := []struct {
		name   string
		format string
		args   []hostabi.Value
		want   string
	}{
		{"plain", "hello", nil, "hello"},
		{"percent", "100%%", nil, "100%"},
		{"str", "hello %s!", []hostabi.Value{hostabi.StrValue("world")}, "hello world!"},
		{"int", "%d apples", []hostabi.Value{hostabi.IntValue(-42)}, "-42 apples"},
		{"bool", "%t", []hostabi.Value{hostabi.BoolValue(true)}, "true"},
		{"float shortest", "%f", []hostabi.Value{hostabi.FloatValue(3.5)}, "3.5"},
		{"float integral", "%f", []hostabi.Value{hostabi.FloatValue(1)}, "1"},
		{"float no exponent", "%v", []hostabi.Value{hostabi.FloatValue(1e21)}, "1000000000000000000000"},
		{"float precision", "%.2f", []hostabi.Value{hostabi.FloatValue(3.14159)}, "3.14"},
		{"float zero pad", "%08.3f", []hostabi.Value{hostabi.FloatValue(3.14159)}, "0003.142"},
		{"int width", "[%5d]", []hostabi.Value{hostabi.IntValue(42)}, "[   42]"},
		{"int zero pad", "%03d", []hostabi.Value{hostabi.IntValue(7)}, "007"},
		{"int plus", "%+d", []hostabi.Value{hostabi.IntValue(7)}, "+7"},
		{"str left", "[%-5s]", []hostabi.Value{hostabi.StrValue("ab")}, "[ab   ]"},
		{"str precision", "%.2s", []hostabi.Value{hostabi.StrValue("abcdef")}, "ab"},
		{"quote", "%q", []hostabi.Value{hostabi.StrValue("say \"hi\"\n")}, `"say \"hi\"\n"`},
		{"quote mixed", "%s: %q %%", []hostabi.Value{hostabi.StrValue("value"), hostabi.StrValue("quoted")}, `value: "quoted" %`},
		{"v str unquoted", "%v", []hostabi.Value{hostabi.StrValue("x y")}, "x y"},
		{"v int", "%v", []hostabi.Value{hostabi.IntValue(3)}, "3"},
		{"v list", "%v", []hostabi.Value{list(hostabi.TypeInt, hostabi.IntValue(1), hostabi.IntValue(2))}, "[1, 2]"},
		{"v list of str", "%v", []hostabi.Value{list(hostabi.TypeStr, hostabi.StrValue("a"), hostabi.StrValue("b"))}, `["a", "b"]`},
		{"v empty list", "%v", []hostabi.Value{list(hostabi.TypeStr)}, "[]"},
		{"v map", "%v", []hostabi.Value{m}, `{"a": 1, "b": 2}`},
		{"v struct", "%v", []hostabi.Value{st}, `struct{a: 1; b: "x"}`},
		{"v nested float", "%v", []hostabi.Value{list(hostabi.TypeFloat, hostabi.FloatValue(2), hostabi.FloatValue(0.5))}, "[2, 0.5]"},
		{"v list width", "[%8v]", []hostabi.Value{list(hostabi.TypeInt, hostabi.IntValue(1))}, "[     [1]]"},
		{"T", "%T %T", []hostabi.Value{hostabi.IntValue(1), list(hostabi.TypeStr)}, "int []str"},
		{"extra values ignored", "%s", []hostabi.Value{hostabi.StrValue("a"), hostabi.StrValue("b")}, "a"},
		{"several", "%s is %d (%t)", []hostabi.Value{hostabi.StrValue("x"), hostabi.IntValue(1), hostabi.BoolValue(false)}, "x is 1 (false)"},
		{"utf-8 literal", "héllo %s ✓", []hostabi.Value{hostabi.StrValue("wörld")}, "héllo wörld ✓"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &lib.Call{Args: append([]hostabi.Value{hostabi.StrValue(tt.format)}, tt.args...)}
			got, err := printf(c)
			if err != nil {
				t.Fatalf("printf(%q): %v", tt.format, err)
			}
			if got != hostabi.StrValue(tt.want) {
				t.Errorf("printf(%q) = %s, want %q", tt.format, got, tt.want)
			}
		})
	}
}

func TestPrintfErrors(t *testing.T) {
	tests := []struct {
		name string
		args []hostabi.Value
		want string
	}{
		{"no format", nil, "needs a format string"},
		{"format not str", []hostabi.Value{hostabi.IntValue(1)}, "not a str"},
		{"unknown verb", []hostabi.Value{hostabi.StrValue("%x"), hostabi.IntValue(1)}, "invalid format string at 1"},
		{"wrong type", []hostabi.Value{hostabi.StrValue("%d"), hostabi.StrValue("1")}, "unexpected type"},
		{"q of int", []hostabi.Value{hostabi.StrValue("%q"), hostabi.IntValue(42)}, "unexpected type"},
		{"too few values", []hostabi.Value{hostabi.StrValue("%s %s"), hostabi.StrValue("a")}, "more specifiers (2) than values (1)"},
		{"trailing percent", []hostabi.Value{hostabi.StrValue("50%")}, "incomplete verb"},
		{"trailing width", []hostabi.Value{hostabi.StrValue("%5")}, "incomplete verb"},
		{"malformed spec", []hostabi.Value{hostabi.StrValue("%1.2.3d"), hostabi.IntValue(1)}, "malformed"},
		{"huge width", []hostabi.Value{hostabi.StrValue("%99999d"), hostabi.IntValue(1)}, "larger than"},
		{"flags on percent", []hostabi.Value{hostabi.StrValue("%5%")}, "takes no flags"},
		{"indexed arg", []hostabi.Value{hostabi.StrValue("%[1]d"), hostabi.IntValue(1)}, "invalid format string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := printf(&lib.Call{Args: tt.args})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("printf error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestFuncs(t *testing.T) {
	fs := Funcs()
	if len(fs) != 1 || fs[0].Name != "fmt.printf" || fs[0].Sig != "" || !fs[0].Pure || fs[0].Impl == nil {
		t.Fatalf("Funcs() = %+v, want the one pure fmt.printf with an empty Sig", fs)
	}
}

// FuzzPrintfFormat checks the format parser against Go's fmt: for the
// verbs whose output matches Go's (all but a bare %f, and %T), formatting
// scalars must give what fmt.Sprintf gives for the same format.
func FuzzPrintfFormat(f *testing.F) {
	for _, s := range []string{"", "a%%b", "%d", "%5.2f|%-3s", "%q %t", "%v%v", "%+08d", "% x", "%.d", "%#q", "%[1]d", "%*d", "100%"} {
		f.Add(s, int64(-7), "str", true, 2.5)
	}
	f.Fuzz(func(t *testing.T, format string, i int64, s string, b bool, fl float64) {
		segs, err := parse(format)
		if err != nil {
			return
		}
		var vals []hostabi.Value
		var goVals []any
		comparable := true
		for _, seg := range segs {
			switch seg.verb {
			case 0:
				continue
			case 'd':
				vals, goVals = append(vals, hostabi.IntValue(i)), append(goVals, i)
			case 's', 'q':
				vals, goVals = append(vals, hostabi.StrValue(s)), append(goVals, s)
			case 't':
				vals, goVals = append(vals, hostabi.BoolValue(b)), append(goVals, b)
			case 'v':
				vals, goVals = append(vals, hostabi.IntValue(i)), append(goVals, i)
			case 'f':
				vals, goVals = append(vals, hostabi.FloatValue(fl)), append(goVals, fl)
				comparable = comparable && seg.spec != ""
			case 'T':
				vals, goVals = append(vals, hostabi.BoolValue(b)), append(goVals, b)
				comparable = false
			}
		}
		got, err := Sprintf(format, vals)
		if err != nil {
			t.Fatalf("Sprintf(%q) with values fitting its verbs: %v", format, err)
		}
		if comparable {
			if want := fmt.Sprintf(format, goVals...); got != want {
				t.Fatalf("Sprintf(%q) = %q, Go's fmt gives %q", format, got, want)
			}
		}
		if _, err := Sprintf(format, vals[:len(vals)/2]); len(vals) > 0 && err == nil {
			t.Fatalf("Sprintf(%q) with %d of %d values did not fail", format, len(vals)/2, len(vals))
		}
	})
}
