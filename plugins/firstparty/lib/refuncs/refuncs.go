// Package refuncs is mcl's regexp package: regexp.match.
package refuncs

import (
	"fmt"
	"regexp"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the regexp package.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "regexp.match", Sig: "func(pattern str, s str) bool", Pure: true, Impl: match},
	}
}

// match reports whether s contains a match of the Go (RE2) regular
// expression pattern; anchor it with ^ and $ to match all of s.
func match(c *lib.Call) (hostabi.Value, error) {
	pattern, err := lib.Arg[hostabi.StrValue](c, "regexp.match", 0)
	if err != nil {
		return nil, err
	}
	s, err := lib.Arg[hostabi.StrValue](c, "regexp.match", 1)
	if err != nil {
		return nil, err
	}
	re, err := regexp.Compile(string(pattern))
	if err != nil {
		return nil, fmt.Errorf("regexp.match: pattern did not compile: %w", err)
	}
	return hostabi.BoolValue(re.MatchString(string(s))), nil
}
