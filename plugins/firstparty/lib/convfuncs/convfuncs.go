// Package convfuncs is mcl's convert package: conversions between bool,
// str, int and float.
package convfuncs

import (
	"fmt"
	"math"
	"strconv"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the convert package.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "convert.format_bool", Sig: "func(a bool) str", Pure: true, Impl: formatBool},
		{Name: "convert.parse_bool", Sig: "func(a str) bool", Pure: true, Impl: parseBool},
		{Name: "convert.int_to_str", Sig: "func(a int) str", Pure: true, Impl: intToStr},
		{Name: "convert.str_to_int", Sig: "func(a str) int", Pure: true, Impl: strToInt},
		{Name: "convert.str_to_float", Sig: "func(a str) float", Pure: true, Impl: strToFloat},
		{Name: "convert.to_float", Sig: "func(a int) float", Pure: true, Impl: toFloat},
		{Name: "convert.to_int", Sig: "func(a float) int", Pure: true, Impl: toInt},
	}
}

// formatBool returns "true" or "false", which parse_bool reads back.
func formatBool(c *lib.Call) (hostabi.Value, error) {
	b, err := lib.Arg[hostabi.BoolValue](c, "convert.format_bool", 0)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(strconv.FormatBool(bool(b))), nil
}

// parseBool reads a bool as Go's strconv.ParseBool does (1, t, T, TRUE,
// true, True, 0, f, F, FALSE, false, False).
func parseBool(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "convert.parse_bool", 0)
	if err != nil {
		return nil, err
	}
	b, err := strconv.ParseBool(string(s))
	if err != nil {
		return nil, fmt.Errorf("convert.parse_bool: invalid bool: `%s`", string(s))
	}
	return hostabi.BoolValue(b), nil
}

// intToStr returns the int in decimal.
func intToStr(c *lib.Call) (hostabi.Value, error) {
	n, err := lib.Arg[hostabi.IntValue](c, "convert.int_to_str", 0)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(strconv.FormatInt(int64(n), 10)), nil
}

// strToInt reads a signed decimal 64-bit integer.
func strToInt(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "convert.str_to_int", 0)
	if err != nil {
		return nil, err
	}
	n, err := strconv.ParseInt(string(s), 10, 64)
	if err != nil {
		return nil, fmt.Errorf("convert.str_to_int: %w", err)
	}
	return hostabi.IntValue(n), nil
}

// strToFloat reads a 64-bit float as Go's strconv.ParseFloat does.
func strToFloat(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "convert.str_to_float", 0)
	if err != nil {
		return nil, err
	}
	f, err := strconv.ParseFloat(string(s), 64)
	if err != nil {
		return nil, fmt.Errorf("convert.str_to_float: %w", err)
	}
	return hostabi.FloatValue(f), nil
}

// toFloat converts an int to the nearest float.
func toFloat(c *lib.Call) (hostabi.Value, error) {
	n, err := lib.Arg[hostabi.IntValue](c, "convert.to_float", 0)
	if err != nil {
		return nil, err
	}
	return hostabi.FloatValue(float64(n)), nil
}

// toInt converts a float to an int, truncating toward zero. NaN, the
// infinities and floats beyond the int range are errors (Go leaves their
// conversion to the platform, which differs between amd64 and wasm).
func toInt(c *lib.Call) (hostabi.Value, error) {
	f, err := lib.Arg[hostabi.FloatValue](c, "convert.to_int", 0)
	if err != nil {
		return nil, err
	}
	x := math.Trunc(float64(f))
	if math.IsNaN(x) || x < -(1<<63) || x >= 1<<63 {
		return nil, fmt.Errorf("convert.to_int: %s is not within the int range", f)
	}
	return hostabi.IntValue(int64(x)), nil
}
