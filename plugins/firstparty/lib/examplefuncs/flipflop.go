package examplefuncs

import (
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// flipMS is how long example.flipflop keeps a value: five seconds, as
// upstream's.
const flipMS = 5000

// clock is the current time; tests replace it.
var clock = time.Now

// flipFlop returns a bool that flips every five seconds. Upstream's
// starts at false and flips on its own ticker; this one reads the clock
// (false in even five-second periods since the Unix epoch, true in odd
// ones), so that every module instance agrees, and asks to be called
// again at the next flip.
func flipFlop(c *lib.Call) (hostabi.Value, error) {
	ms := clock().UnixMilli()
	period, into := ms/flipMS, ms%flipMS
	if into < 0 { // before 1970
		period, into = period-1, into+flipMS
	}
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: uint64(flipMS - into)})
	return hostabi.BoolValue(period%2 != 0), nil
}
