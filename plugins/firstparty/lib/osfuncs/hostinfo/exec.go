package hostinfo

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Shell is the shell that [RunShell] and os.system run.
const Shell = "/bin/sh"

// RunShell runs script with `/bin/sh -c`, with args as its positional
// parameters $1, $2, ..., and returns its standard output. The script
// finds programs through the shell's default search path.
func RunShell(h lib.Host, script string, args ...string) ([]byte, error) {
	argv := append([]string{Shell, "-c", script, "sh"}, args...)
	out, err := h.Exec(argv)
	if err != nil {
		return nil, fmt.Errorf("%s -c %q: %w", Shell, script, err)
	}
	return out, nil
}
