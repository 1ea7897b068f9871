package testlibfuncs

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// arg returns argument i of c as a T, or an error naming the function if
// it is missing or of another type.
func arg[T hostabi.Value](c *lib.Call, name string, i int) (T, error) {
	var zero T
	if i >= len(c.Args) || c.Args[i] == nil {
		return zero, fmt.Errorf("%s: argument %d is missing", name, i)
	}
	v, ok := c.Args[i].(T)
	if !ok {
		return zero, fmt.Errorf("%s: argument %d: %w: got a %s", name, i, hostabi.ErrType, c.Args[i].Type())
	}
	return v, nil
}
