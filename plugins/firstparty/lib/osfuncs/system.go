package osfuncs

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// system is os.system(cmd): it runs cmd with /bin/sh -c and returns its
// standard output without the final newline, again when cmd changes.
// Upstream sends each line of output as a value of its own; a call gives
// one value, so here the lines come together. A command that exits nonzero
// is an error (catchable with <|>) holding its standard error.
func system(c *lib.Call) (hostabi.Value, error) {
	h, cmd, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, err
	}
	out, err := h.Exec([]string{hostinfo.Shell, "-c", cmd})
	if err != nil {
		return nil, fmt.Errorf("%q: %w", cmd, err)
	}
	return hostabi.StrValue(strings.TrimSuffix(string(out), "\n")), nil
}
