package hostinfo

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// StrArgs returns the arguments of c, which must be n strs.
func StrArgs(c *lib.Call, n int) ([]string, error) {
	if len(c.Args) != n {
		return nil, fmt.Errorf("expected %d arguments, got %d", n, len(c.Args))
	}
	out := make([]string, n)
	for i, v := range c.Args {
		s, ok := v.(hostabi.StrValue)
		if !ok {
			got := "nothing"
			if v != nil {
				got = v.Type().String()
			}
			return nil, fmt.Errorf("argument %d: expected str, got %s", i, got)
		}
		out[i] = string(s)
	}
	return out, nil
}

// HostStr returns c's host and its one str argument.
func HostStr(c *lib.Call) (lib.Host, string, error) {
	h, err := Of(c)
	if err != nil {
		return nil, "", err
	}
	args, err := StrArgs(c, 1)
	if err != nil {
		return nil, "", err
	}
	return h, args[0], nil
}

// Host returns c's host, checking that c has no arguments.
func Host(c *lib.Call) (lib.Host, error) {
	if _, err := StrArgs(c, 0); err != nil {
		return nil, err
	}
	return Of(c)
}
