package mathfuncs

import (
	"math"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// sig parses a func type for a call.
func sig(t *testing.T, s string) *hostabi.Type {
	t.Helper()
	typ, err := hostabi.ParseType(s)
	if err != nil {
		t.Fatal(err)
	}
	return typ
}

func TestMath(t *testing.T) {
	tests := []struct {
		fn   string
		typ  string
		args []hostabi.Value
		want hostabi.Value
	}{
		{"math.fortytwo", "func() int", nil, hostabi.IntValue(42)},
		{"math.fortytwo", "func() float", nil, hostabi.FloatValue(42)},
		{"math.minus1", "func(x int) int", []hostabi.Value{hostabi.IntValue(0)}, hostabi.IntValue(-1)},
		{"math.minus1", "func(x int) int", []hostabi.Value{hostabi.IntValue(10)}, hostabi.IntValue(9)},
		{"math.mod", "func(int, int) int", []hostabi.Value{hostabi.IntValue(7), hostabi.IntValue(3)}, hostabi.IntValue(1)},
		{"math.mod", "func(int, int) int", []hostabi.Value{hostabi.IntValue(-7), hostabi.IntValue(3)}, hostabi.IntValue(-1)},
		{"math.mod", "func(int, int) int", []hostabi.Value{hostabi.IntValue(7), hostabi.IntValue(-3)}, hostabi.IntValue(1)},
		// Exact for ints beyond float64's 53 bits: (2^62+1) mod 2 = 1.
		{"math.mod", "func(int, int) int", []hostabi.Value{hostabi.IntValue(1<<62 + 1), hostabi.IntValue(2)}, hostabi.IntValue(1)},
		{"math.mod", "func(int, int) int", []hostabi.Value{hostabi.IntValue(math.MinInt64), hostabi.IntValue(-1)}, hostabi.IntValue(0)},
		{"math.mod", "func(float, float) float", []hostabi.Value{hostabi.FloatValue(7.5), hostabi.FloatValue(2)}, hostabi.FloatValue(1.5)},
		{"math.mod", "func(float, float) float", []hostabi.Value{hostabi.FloatValue(-7.5), hostabi.FloatValue(2)}, hostabi.FloatValue(-1.5)},
		{"math.pow", "func(x float, y float) float", []hostabi.Value{hostabi.FloatValue(2), hostabi.FloatValue(10)}, hostabi.FloatValue(1024)},
		{"math.pow", "func(x float, y float) float", []hostabi.Value{hostabi.FloatValue(4), hostabi.FloatValue(0.5)}, hostabi.FloatValue(2)},
		{"math.pow", "func(x float, y float) float", []hostabi.Value{hostabi.FloatValue(2), hostabi.FloatValue(-1)}, hostabi.FloatValue(0.5)},
		{"math.sqrt", "func(x float) float", []hostabi.Value{hostabi.FloatValue(81)}, hostabi.FloatValue(9)},
		{"math.sqrt", "func(x float) float", []hostabi.Value{hostabi.FloatValue(0)}, hostabi.FloatValue(0)},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			got, err := fakehost.Find(t, Funcs(), tt.fn).Impl(&lib.Call{Type: sig(t, tt.typ), Args: tt.args})
			if err != nil {
				t.Fatalf("%s%v: %v", tt.fn, tt.args, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("%s%v = %s, want %s", tt.fn, tt.args, got, tt.want)
			}
		})
	}
}

func TestMathErrors(t *testing.T) {
	tests := []struct {
		fn   string
		typ  string
		args []hostabi.Value
		want string
	}{
		{"math.fortytwo", "func() str", nil, "must be an int or a float"},
		{"math.minus1", "func(x int) int", []hostabi.Value{hostabi.IntValue(math.MinInt64)}, "overflows"},
		{"math.mod", "func(int, int) int", []hostabi.Value{hostabi.IntValue(1), hostabi.IntValue(0)}, "not a number"},
		{"math.mod", "func(float, float) float", []hostabi.Value{hostabi.FloatValue(1), hostabi.FloatValue(0)}, "not a number"},
		{"math.mod", "func(int, int) int", []hostabi.Value{hostabi.IntValue(1), hostabi.FloatValue(2)}, "expected int, got float"},
		{"math.mod", "func(str, str) str", []hostabi.Value{hostabi.StrValue("a"), hostabi.StrValue("b")}, "two ints or two floats"},
		{"math.pow", "func(x float, y float) float", []hostabi.Value{hostabi.FloatValue(-8), hostabi.FloatValue(1.0 / 3)}, "not a number"},
		{"math.pow", "func(x float, y float) float", []hostabi.Value{hostabi.FloatValue(10), hostabi.FloatValue(400)}, "positive infinity"},
		{"math.pow", "func(x float, y float) float", []hostabi.Value{hostabi.FloatValue(-10), hostabi.FloatValue(401)}, "negative infinity"},
		{"math.sqrt", "func(x float) float", []hostabi.Value{hostabi.FloatValue(-1)}, "not a number"},
	}
	for _, tt := range tests {
		t.Run(tt.fn, func(t *testing.T) {
			_, err := fakehost.Find(t, Funcs(), tt.fn).Impl(&lib.Call{Type: sig(t, tt.typ), Args: tt.args})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("%s%v error = %v, want one containing %q", tt.fn, tt.args, err, tt.want)
			}
		})
	}
}

// TestModWithoutType checks that mod dispatches on its arguments when the
// call carries no signature.
func TestModWithoutType(t *testing.T) {
	got, err := mod(&lib.Call{Args: []hostabi.Value{hostabi.FloatValue(5), hostabi.FloatValue(3)}})
	if err != nil || !got.Equal(hostabi.FloatValue(2)) {
		t.Fatalf("mod(5.0, 3.0) = %v, %v; want 2.0", got, err)
	}
}

func TestSigs(t *testing.T) {
	for _, f := range Funcs() {
		if _, err := hostabi.ParseType(f.Sig); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if !f.Pure {
			t.Errorf("%s is not pure", f.Name)
		}
	}
	if n := len(Funcs()); n != 5 {
		t.Errorf("%d functions, want 5", n)
	}
}
