package examplefuncs

import (
	"fmt"
	"math"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// vuMeterMS is how often example.vumeter measures: every second, as
// upstream's.
const vuMeterMS = 1000

// maxMultiplier bounds example.vumeter's multiplier, the most symbols of
// a bar.
const maxMultiplier = 1 << 16

// recordArgv records one second from the default audio input and writes
// it to standard output as a WAV file (sox's rec, which upstream uses
// too; upstream then asks sox for the peak, this reads it from the WAV).
var recordArgv = []string{"rec", "-q", "-t", "wav", "-", "trim", "0", "1"}

// vuMeter records a second of sound and draws its loudest sample as a
// bar of symbol, multiplier symbols long at full scale, marked PEAK when
// it is above peak; it asks to be called again every second.
func vuMeter(c *lib.Call) (hostabi.Value, error) {
	const name = "example.vumeter"
	symbol, err := lib.Arg[hostabi.StrValue](c, name, 0)
	if err != nil {
		return nil, err
	}
	multiplier, err := lib.Arg[hostabi.IntValue](c, name, 1)
	if err != nil {
		return nil, err
	}
	peak, err := lib.Arg[hostabi.FloatValue](c, name, 2)
	if err != nil {
		return nil, err
	}
	if multiplier < 0 || multiplier > maxMultiplier {
		return nil, fmt.Errorf("%s: multiplier %d is not within 0 to %d", name, multiplier, maxMultiplier)
	}
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: vuMeterMS})
	wav, err := c.Host.Exec(recordArgv)
	if err != nil {
		return nil, fmt.Errorf("%s: recording: %w", name, err)
	}
	ratio, err := wavPeak(wav)
	if err != nil {
		return nil, fmt.Errorf("%s: the recording: %w", name, err)
	}
	return hostabi.StrValue(meter(string(symbol), int(multiplier), float64(peak), ratio)), nil
}

// meter draws level (0 to 1) as "(level):\nBAR\nBAR", where BAR is
// level*multiplier symbols (rounded, at least one) followed by " PEAK!!!"
// when level is above peak.
func meter(symbol string, multiplier int, peak, level float64) string {
	bar := strings.Repeat(symbol, int(math.Round(level*float64(multiplier))))
	if bar == "" {
		bar = symbol
	}
	if level > peak {
		bar += " PEAK!!!"
	}
	return fmt.Sprintf("(%f):\n%s\n%s", level, bar, bar)
}
