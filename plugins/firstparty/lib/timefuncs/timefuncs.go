// Package timefuncs is mcl's datetime package: the current time (as unix
// seconds, streamed every second) and its formatting in the machine's
// local time zone.
package timefuncs

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the datetime package.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "datetime.now", Sig: "func() int", Pure: false, Impl: now},
		{Name: "datetime.str_now", Sig: "func() str", Pure: false, Impl: strNow},
		{Name: "datetime.weekday_fast", Sig: "func() str", Pure: false, Impl: weekdayFast},
		{Name: "datetime.format", Sig: "func(a int, b str) str", Pure: true, Impl: format},
		{Name: "datetime.hour", Sig: "func(a int) int", Pure: true, Impl: hour},
		{Name: "datetime.print", Sig: "func(a int) str", Pure: true, Impl: printTime},
		{Name: "datetime.weekday", Sig: "func(a int) str", Pure: true, Impl: weekday},
	}
}

// clock is the current time; tests replace it.
var clock = time.Now

// untilNextSecond returns the whole milliseconds from t to the next second
// boundary, rounded up so that a timer set for them fires at or just after
// it: 1 to 1000.
func untilNextSecond(t time.Time) uint64 {
	return uint64(1000 - t.Nanosecond()/int(time.Millisecond))
}

// now returns the unix time in seconds and asks to be called again at the
// next second boundary.
func now(c *lib.Call) (hostabi.Value, error) {
	t := clock()
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: untilNextSecond(t)})
	return hostabi.IntValue(t.Unix()), nil
}

// strNow is now in decimal.
func strNow(c *lib.Call) (hostabi.Value, error) {
	t := clock()
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: untilNextSecond(t)})
	return hostabi.StrValue(strconv.FormatInt(t.Unix(), 10)), nil
}

// weekdayFast returns today's lowercase English weekday in local time and
// asks to be called again at the next local midnight.
func weekdayFast(c *lib.Call) (hostabi.Value, error) {
	t := clock().In(Location(c.Host))
	midnight := time.Date(t.Year(), t.Month(), t.Day()+1, 0, 0, 0, 0, t.Location())
	ms := midnight.Sub(t).Milliseconds() + 1 // land after midnight, not just before
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: uint64(max(ms, 1))})
	return hostabi.StrValue(strings.ToLower(t.Weekday().String())), nil
}

// epoch returns argument i, a unix time in seconds, as a local time.
func epoch(c *lib.Call, name string) (time.Time, error) {
	s, err := lib.Arg[hostabi.IntValue](c, name, 0)
	if err != nil {
		return time.Time{}, err
	}
	if s < 0 {
		return time.Time{}, fmt.Errorf("%s: epoch delta must be positive, got %d", name, s)
	}
	return time.Unix(int64(s), 0).In(Location(c.Host)), nil
}

// format formats the time a with the Go layout b (such as
// "2006-01-02 15:04:05").
func format(c *lib.Call) (hostabi.Value, error) {
	t, err := epoch(c, "datetime.format")
	if err != nil {
		return nil, err
	}
	layout, err := lib.Arg[hostabi.StrValue](c, "datetime.format", 1)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(t.Format(string(layout))), nil
}

// hour returns the hour of the day, 0 to 23, of the time a.
func hour(c *lib.Call) (hostabi.Value, error) {
	t, err := epoch(c, "datetime.hour")
	if err != nil {
		return nil, err
	}
	return hostabi.IntValue(t.Hour()), nil
}

// printTime returns the time a as Go's Time.String prints it:
// "2009-11-10 23:00:00 +0000 UTC".
func printTime(c *lib.Call) (hostabi.Value, error) {
	t, err := epoch(c, "datetime.print")
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(t.String()), nil
}

// weekday returns the lowercase English weekday of the time a.
func weekday(c *lib.Call) (hostabi.Value, error) {
	t, err := epoch(c, "datetime.weekday")
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(strings.ToLower(t.Weekday().String())), nil
}
