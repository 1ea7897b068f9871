package refuncs

import (
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"^hello$", "hello", true},
		{"^hello$", "hello world", false},
		{"wor", "hello world", true},
		{`^\d{3}-\d{4}$`, "555-1234", true},
		{`^\d{3}-\d{4}$`, "555-12345", false},
		{"(?i)HELLO", "say hello", true},
		{"", "anything", true},
		{"^$", "", true},
		{"é+", "caféé", true},
	}
	for _, tt := range tests {
		got, err := match(&lib.Call{Args: []hostabi.Value{hostabi.StrValue(tt.pattern), hostabi.StrValue(tt.s)}})
		if err != nil || got != hostabi.BoolValue(tt.want) {
			t.Errorf("match(%q, %q) = %v, %v; want %v", tt.pattern, tt.s, got, err, tt.want)
		}
	}
}

func TestMatchErrors(t *testing.T) {
	for _, tt := range []struct {
		args []hostabi.Value
		want string
	}{
		{[]hostabi.Value{hostabi.StrValue("a("), hostabi.StrValue("a")}, "pattern did not compile"},
		{[]hostabi.Value{hostabi.StrValue(`(?<=a)b`), hostabi.StrValue("ab")}, "pattern did not compile"},
		{[]hostabi.Value{hostabi.StrValue("a")}, "argument 1 is missing"},
		{[]hostabi.Value{hostabi.IntValue(1), hostabi.StrValue("a")}, "expected str, got int"},
	} {
		if _, err := match(&lib.Call{Args: tt.args}); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("match(%v) error = %v, want one containing %q", tt.args, err, tt.want)
		}
	}
}

func TestSigs(t *testing.T) {
	fs := Funcs()
	if len(fs) != 1 || fs[0].Name != "regexp.match" || fs[0].Sig != "func(pattern str, s str) bool" || !fs[0].Pure {
		t.Fatalf("Funcs() = %+v", fs)
	}
}
