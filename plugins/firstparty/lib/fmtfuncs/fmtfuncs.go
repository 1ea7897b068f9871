// Package fmtfuncs is mcl's fmt package: fmt.printf.
package fmtfuncs

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the fmt package.
func Funcs() []lib.Func {
	return []lib.Func{
		// The checker types printf from its format string, so its Sig
		// is empty.
		{Name: "fmt.printf", Sig: "", Pure: true, Impl: printf},
	}
}

// printf formats its arguments after the format string in its first
// argument and returns the result.
func printf(c *lib.Call) (hostabi.Value, error) {
	if len(c.Args) < 1 {
		return nil, fmt.Errorf("fmt.printf: needs a format string")
	}
	format, ok := c.Args[0].(hostabi.StrValue)
	if !ok {
		return nil, fmt.Errorf("fmt.printf: the format string is a %s, not a str", c.Args[0].Type())
	}
	out, err := Sprintf(string(format), c.Args[1:])
	if err != nil {
		return nil, fmt.Errorf("fmt.printf: %w", err)
	}
	return hostabi.StrValue(out), nil
}
