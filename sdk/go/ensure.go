package mgmt

import (
	"bytes"
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// EnsureContent checks that the file at path holds exactly want, and on
// apply writes want when it does not. It returns checkOK true when the
// file already held want (and writes nothing); a missing file is not an
// error but a difference. The write is atomic with mode 0, so a replaced
// file keeps its mode and a new one gets 0o644 (fs_write_atomic). Errors
// name the path.
func (c *Context) EnsureContent(path string, want []byte, apply bool) (checkOK bool, err error) {
	have, err := c.ReadFile(path)
	missing := errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound})
	if err != nil && !missing {
		return false, fmt.Errorf("read %s: %w", path, err)
	}
	if !missing && bytes.Equal(have, want) {
		return true, nil
	}
	if !apply {
		return false, nil
	}
	if err := c.WriteFile(path, want, 0); err != nil {
		return false, fmt.Errorf("write %s: %w", path, err)
	}
	return false, nil
}
