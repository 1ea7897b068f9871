package testlibfuncs

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// oneInstanceMsg is what every test.one_instance_* function returns.
const oneInstanceMsg = "hello"

// oneInstance returns the implementation of the function called name,
// which returns "hello" the first time and fails every later time: it
// checks that the engine computes a value shared by several uses once
// (upstream panics where this returns an error).
func oneInstance(name string) func(c *lib.Call) (hostabi.Value, error) {
	return func(*lib.Call) (hostabi.Value, error) {
		st.mu.Lock()
		defer st.mu.Unlock()
		if st.ran[name] {
			return nil, fmt.Errorf("%s: called a second time, it must run once", name)
		}
		st.ran[name] = true
		return hostabi.StrValue(oneInstanceMsg), nil
	}
}

// maxOneStream bounds test.one_stream's count, so that a large one is an
// error rather than a result too big to send.
const maxOneStream = 1 << 20

// oneStream returns count "x"s. It fails when called again with a count
// it has seen: the engine must not send the same input twice.
func oneStream(c *lib.Call) (hostabi.Value, error) {
	count, err := lib.Arg[hostabi.IntValue](c, "test.one_stream", 0)
	if err != nil {
		return nil, err
	}
	if count < 0 {
		return nil, fmt.Errorf("test.one_stream: cannot use a negative count, got %d", count)
	}
	if count > maxOneStream {
		return nil, fmt.Errorf("test.one_stream: count %d exceeds %d", count, maxOneStream)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.streamed[int64(count)] {
		return nil, fmt.Errorf("test.one_stream: got the input %d a second time, it takes a single input", count)
	}
	st.streamed[int64(count)] = true
	return hostabi.StrValue(strings.Repeat("x", int(count))), nil
}
