// Package mathfuncs is mcl's math package: fortytwo, minus1, mod, pow and
// sqrt.
package mathfuncs

import (
	"fmt"
	"math"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the math package. The polymorphic
// signatures leave out the reference table's argument names ("0", "1"),
// which hostabi.ParseType does not accept.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "math.fortytwo", Sig: "func() ?1", Pure: true, Impl: fortytwo},
		{Name: "math.minus1", Sig: "func(x int) int", Pure: true, Impl: minus1},
		{Name: "math.mod", Sig: "func(?1, ?1) ?1", Pure: true, Impl: mod},
		{Name: "math.pow", Sig: "func(x float, y float) float", Pure: true, Impl: pow},
		{Name: "math.sqrt", Sig: "func(x float) float", Pure: true, Impl: sqrt},
	}
}

// fortytwo returns 42 as the int or float that the call's result type
// asks for.
func fortytwo(c *lib.Call) (hostabi.Value, error) {
	out := c.Out()
	if out == nil {
		return nil, fmt.Errorf("math.fortytwo: the result type is not known")
	}
	switch out.Kind {
	case hostabi.KindInt:
		return hostabi.IntValue(42), nil
	case hostabi.KindFloat:
		return hostabi.FloatValue(42), nil
	}
	return nil, fmt.Errorf("math.fortytwo: %w: the result must be an int or a float, not %s", hostabi.ErrType, out)
}

// minus1 returns x - 1.
func minus1(c *lib.Call) (hostabi.Value, error) {
	x, err := lib.Arg[hostabi.IntValue](c, "math.minus1", 0)
	if err != nil {
		return nil, err
	}
	if x == math.MinInt64 {
		return nil, fmt.Errorf("math.minus1: %d - 1 overflows an int", x)
	}
	return x - 1, nil
}

// mod returns the remainder of x/y, with the sign of x, for two ints or
// two floats (as the call's type says). A zero divisor is an error, as
// upstream's "result is not a number".
func mod(c *lib.Call) (hostabi.Value, error) {
	kind := hostabi.Kind(0)
	if out := c.Out(); out != nil {
		kind = out.Kind
	} else if len(c.Args) > 0 && c.Args[0] != nil {
		kind = c.Args[0].Type().Kind
	}
	switch kind {
	case hostabi.KindInt:
		x, err := lib.Arg[hostabi.IntValue](c, "math.mod", 0)
		if err != nil {
			return nil, err
		}
		y, err := lib.Arg[hostabi.IntValue](c, "math.mod", 1)
		if err != nil {
			return nil, err
		}
		if y == 0 {
			return nil, fmt.Errorf("math.mod: result is not a number (%d mod 0)", x)
		}
		return x % y, nil // Go's % of MinInt64 by -1 is 0, without overflow
	case hostabi.KindFloat:
		x, err := lib.Arg[hostabi.FloatValue](c, "math.mod", 0)
		if err != nil {
			return nil, err
		}
		y, err := lib.Arg[hostabi.FloatValue](c, "math.mod", 1)
		if err != nil {
			return nil, err
		}
		return checkFloat("math.mod", math.Mod(float64(x), float64(y)))
	}
	return nil, fmt.Errorf("math.mod: %w: mod takes two ints or two floats", hostabi.ErrType)
}

// pow returns x to the power y.
func pow(c *lib.Call) (hostabi.Value, error) {
	x, err := lib.Arg[hostabi.FloatValue](c, "math.pow", 0)
	if err != nil {
		return nil, err
	}
	y, err := lib.Arg[hostabi.FloatValue](c, "math.pow", 1)
	if err != nil {
		return nil, err
	}
	return checkFloat("math.pow", math.Pow(float64(x), float64(y)))
}

// sqrt returns the square root of x.
func sqrt(c *lib.Call) (hostabi.Value, error) {
	x, err := lib.Arg[hostabi.FloatValue](c, "math.sqrt", 0)
	if err != nil {
		return nil, err
	}
	return checkFloat("math.sqrt", math.Sqrt(float64(x)))
}

// checkFloat returns f, or upstream's domain errors when f is NaN or
// infinite.
func checkFloat(name string, f float64) (hostabi.Value, error) {
	switch {
	case math.IsNaN(f):
		return nil, fmt.Errorf("%s: result is not a number", name)
	case math.IsInf(f, 1):
		return nil, fmt.Errorf("%s: result is positive infinity", name)
	case math.IsInf(f, -1):
		return nil, fmt.Errorf("%s: result is negative infinity", name)
	}
	return hostabi.FloatValue(f), nil
}
