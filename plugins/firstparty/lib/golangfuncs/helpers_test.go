package golangfuncs

import (
	"math"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// tc is one call of a golang/* function.
type tc struct {
	name  string          // without "golang/", e.g. "math.abs"
	args  []hostabi.Value //
	want  hostabi.Value   // the expected value, unless check or err
	check func(t *testing.T, v hostabi.Value)
	err   string   // a part of the expected error
	host  lib.Host // the host, if not the table's
}

// Short constructors of argument and result values.
func s(x string) hostabi.Value  { return hostabi.StrValue(x) }
func i(x int64) hostabi.Value   { return hostabi.IntValue(x) }
func f(x float64) hostabi.Value { return hostabi.FloatValue(x) }
func b(x bool) hostabi.Value    { return hostabi.BoolValue(x) }
func a(xs ...hostabi.Value) []hostabi.Value {
	return xs
}

// same reports whether got is want; floats may differ in the last bits
// (1e-12 relative), NaN is NaN and infinities are exact.
func same(got, want hostabi.Value) bool {
	g, ok1 := got.(hostabi.FloatValue)
	w, ok2 := want.(hostabi.FloatValue)
	if !ok1 || !ok2 {
		return got.Equal(want)
	}
	x, y := float64(g), float64(w)
	if math.IsNaN(y) || math.IsInf(y, 0) || y == 0 && x == 0 {
		return got.Equal(want) && math.Signbit(x) == math.Signbit(y)
	}
	return math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(y))
}

// run calls every case of table on h (or its own host).
func run(t *testing.T, h lib.Host, table []tc) {
	t.Helper()
	fs := Funcs()
	for _, c := range table {
		t.Run(c.name, func(t *testing.T) {
			fn := fakehost.Find(t, fs, "golang/"+c.name)
			host := h
			if c.host != nil {
				host = c.host
			}
			v, watches, err := fakehost.Call(t, fn, host, c.args...)
			if len(watches) > 0 {
				t.Errorf("a pure function asked for watches %v", watches)
			}
			switch {
			case c.err != "":
				if err == nil || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("%s%v = %v, %v; want an error with %q", c.name, c.args, v, err, c.err)
				}
				if !strings.HasPrefix(err.Error(), "golang/"+c.name+": ") {
					t.Errorf("error %q does not name the function", err)
				}
			case err != nil:
				t.Fatalf("%s%v: %v", c.name, c.args, err)
			case c.check != nil:
				c.check(t, v)
			case !same(v, c.want):
				t.Fatalf("%s%v = %v, want %v", c.name, c.args, v, c.want)
			}
		})
	}
}

// between returns a check that an int or float result is in [lo, hi).
func between(lo, hi float64) func(*testing.T, hostabi.Value) {
	return func(t *testing.T, v hostabi.Value) {
		var x float64
		switch n := v.(type) {
		case hostabi.IntValue:
			x = float64(n)
		case hostabi.FloatValue:
			x = float64(n)
		}
		if !(x >= lo && x < hi) {
			t.Fatalf("%v is not in [%v, %v)", v, lo, hi)
		}
	}
}
