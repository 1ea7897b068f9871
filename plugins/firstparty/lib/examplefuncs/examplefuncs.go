// Package examplefuncs is mcl's example package: upstream mgmt's sample
// functions (example.answer, example.plus, example.flipflop, ...), which
// show the kinds of function a library can have: constant, pure, failing,
// streaming and machine-reading ones. Its sub-package nested is
// example/nested.
package examplefuncs

import (
	"fmt"
	"strconv"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Answer is the value of example.answer.
const Answer = 42

// Funcs returns the functions of the example package, with the
// signatures and purity of ../shared/reference/functions.tsv.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "example.answer", Sig: "func() int", Pure: true, Impl: answer},
		{Name: "example.errorbool", Sig: "func(a bool) str", Pure: false, Impl: errorBool},
		{Name: "example.flipflop", Sig: "func() bool", Pure: false, Impl: flipFlop},
		{Name: "example.int2str", Sig: "func(a int) str", Pure: true, Impl: intToStr},
		{Name: "example.plus", Sig: "func(y str, z str) str", Pure: true, Impl: plus},
		{Name: "example.str2int", Sig: "func(a str) int", Pure: true, Impl: strToInt},
		{Name: "example.vumeter", Sig: "func(symbol str, multiplier int, peak float) str", Pure: false, Impl: vuMeter},
	}
}

// answer returns the answer.
func answer(*lib.Call) (hostabi.Value, error) { return hostabi.IntValue(Answer), nil }

// errorBool fails when its argument is true, and otherwise says so.
func errorBool(c *lib.Call) (hostabi.Value, error) {
	fail, err := lib.Arg[hostabi.BoolValue](c, "example.errorbool", 0)
	if err != nil {
		return nil, err
	}
	if fail {
		return nil, fmt.Errorf("example.errorbool: we errored on request")
	}
	return hostabi.StrValue("set input to true to generate an error"), nil
}

// intToStr formats an int in decimal.
func intToStr(c *lib.Call) (hostabi.Value, error) {
	i, err := lib.Arg[hostabi.IntValue](c, "example.int2str", 0)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(strconv.FormatInt(int64(i), 10)), nil
}

// strToInt parses a decimal int; what does not parse is 0.
func strToInt(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "example.str2int", 0)
	if err != nil {
		return nil, err
	}
	i, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		return hostabi.IntValue(0), nil
	}
	return hostabi.IntValue(i), nil
}

// plus concatenates its two arguments.
func plus(c *lib.Call) (hostabi.Value, error) {
	y, err := lib.Arg[hostabi.StrValue](c, "example.plus", 0)
	if err != nil {
		return nil, err
	}
	z, err := lib.Arg[hostabi.StrValue](c, "example.plus", 1)
	if err != nil {
		return nil, err
	}
	return y + z, nil
}
