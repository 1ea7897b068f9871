package netfuncs

import (
	"fmt"
	"net"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// macLen is the length of a 48-bit MAC address in its text form.
const macLen = len("00:00:00:00:00:00")

// isMAC reports whether a is a 48-bit MAC address in the standard form:
// lowercase hexadecimal pairs separated by colons.
func isMAC(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "net.is_mac", 0)
	if err != nil {
		return nil, err
	}
	if len(s) != macLen {
		return hostabi.BoolValue(false), nil
	}
	hw, err := net.ParseMAC(string(s))
	return hostabi.BoolValue(err == nil && hw.String() == string(s)), nil
}

// macFmt returns the implementation of macfmt (sep ":") or oldmacfmt (sep
// "-"): it reads a 48-bit MAC address written with colons or hyphens and
// writes it in lowercase with sep.
func macFmt(name, sep string) func(c *lib.Call) (hostabi.Value, error) {
	return func(c *lib.Call) (hostabi.Value, error) {
		s, err := lib.Arg[hostabi.StrValue](c, name, 0)
		if err != nil {
			return nil, err
		}
		if len(s) != macLen {
			return nil, fmt.Errorf("%s: invalid MAC address length: %s", name, string(s))
		}
		hw, err := net.ParseMAC(string(s))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return hostabi.StrValue(strings.ReplaceAll(hw.String(), ":", sep)), nil
	}
}
