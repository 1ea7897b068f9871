package testlibfuncs

import (
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// fastCountMS is how soon test.fastcount asks to be called again: as soon
// as the host's timers allow.
const fastCountMS = 1

// loopMS is how often test.forloop and test.forkvloop send a new value,
// as upstream's do (every five seconds).
const loopMS = 5000

// fastCount returns 0, then 1, 2, ... one more at each call, and asks to
// be called again at once.
func fastCount(c *lib.Call) (hostabi.Value, error) {
	st.mu.Lock()
	n := st.count
	st.count++
	st.mu.Unlock()
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: fastCountMS})
	return hostabi.IntValue(n), nil
}

// forLoop returns ["foo"] the first time and ["bar"] after that, every
// five seconds: a list whose content changes, for loops over it.
func forLoop(c *lib.Call) (hostabi.Value, error) {
	st.mu.Lock()
	item := "bar"
	if !st.looped {
		item, st.looped = "foo", true
	}
	st.mu.Unlock()
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: loopMS})
	return &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: []hostabi.Value{hostabi.StrValue(item)}}, nil
}

// forKVLoop returns {"foo": "bar"} every five seconds: the same map again
// and again, for forkv loops over a streaming map.
func forKVLoop(c *lib.Call) (hostabi.Value, error) {
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: loopMS})
	return hostabi.NewMapValue(hostabi.NewMap(hostabi.TypeStr, hostabi.TypeStr),
		[]hostabi.Value{hostabi.StrValue("foo")}, []hostabi.Value{hostabi.StrValue("bar")})
}

// slowDelay is how long test.slow_string takes.
const slowDelay = 5 * time.Second

// sleep waits; tests replace it.
var sleep = time.Sleep

// slowString returns "five seconds has elapsed" after five seconds: a
// deliberately slow function, to test that an engine does not compute
// what it does not need (the fallback of an except).
func slowString(*lib.Call) (hostabi.Value, error) {
	sleep(slowDelay)
	return hostabi.StrValue("five seconds has elapsed"), nil
}
