package examplefuncs

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

func TestPureFuncs(t *testing.T) {
	s, i, b := func(v string) hostabi.Value { return hostabi.StrValue(v) },
		func(v int64) hostabi.Value { return hostabi.IntValue(v) },
		func(v bool) hostabi.Value { return hostabi.BoolValue(v) }
	tests := []struct {
		name    string
		args    []hostabi.Value
		want    hostabi.Value
		wantErr string
	}{
		{"example.answer", nil, i(42), ""},
		{"example.errorbool", []hostabi.Value{b(false)}, s("set input to true to generate an error"), ""},
		{"example.errorbool", []hostabi.Value{b(true)}, nil, "example.errorbool: we errored on request"},
		{"example.errorbool", []hostabi.Value{s("true")}, nil, "argument 0"},
		{"example.int2str", []hostabi.Value{i(-17)}, s("-17"), ""},
		{"example.int2str", []hostabi.Value{i(9223372036854775807)}, s("9223372036854775807"), ""},
		{"example.str2int", []hostabi.Value{s("123")}, i(123), ""},
		{"example.str2int", []hostabi.Value{s("-5")}, i(-5), ""},
		{"example.str2int", []hostabi.Value{s("12a")}, i(0), ""},
		{"example.str2int", []hostabi.Value{s("")}, i(0), ""},
		{"example.str2int", []hostabi.Value{s("99999999999999999999")}, i(0), ""},
		{"example.plus", []hostabi.Value{s("hello "), s("world")}, s("hello world"), ""},
		{"example.plus", []hostabi.Value{s(""), s("")}, s(""), ""},
		{"example.plus", []hostabi.Value{s("a")}, nil, "argument 1 is missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &lib.Call{Args: tt.args}
			v, err := fakehost.Find(t, Funcs(), tt.name).Impl(c)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("%s(%v) = %v, %v; want an error containing %q", tt.name, tt.args, v, err, tt.wantErr)
				}
				return
			}
			if err != nil || !v.Equal(tt.want) {
				t.Fatalf("%s(%v) = %v, %v; want %v", tt.name, tt.args, v, err, tt.want)
			}
			if len(c.Watches()) != 0 {
				t.Fatalf("%s watches %v", tt.name, c.Watches())
			}
		})
	}
}

func TestFlipFlop(t *testing.T) {
	t.Cleanup(func() { clock = time.Now })
	tests := []struct {
		ms      int64 // the clock, in Unix milliseconds
		want    bool
		watchMS uint64
	}{
		{0, false, 5000},
		{4999, false, 1},
		{5000, true, 5000},
		{9999, true, 1},
		{12300, false, 2700},
		{1720000006500, true, 3500}, // period 344000001, 1500 ms into it
		{-1, true, 1},               // the period before the epoch
		{-5000, true, 5000},
		{-5001, false, 1}, // period -2, [-10000, -5000)
	}
	for _, tt := range tests {
		clock = func() time.Time { return time.UnixMilli(tt.ms) }
		c := &lib.Call{}
		v, err := fakehost.Find(t, Funcs(), "example.flipflop").Impl(c)
		if err != nil || v != hostabi.BoolValue(tt.want) {
			t.Errorf("flipflop at %d ms = %v, %v; want %v", tt.ms, v, err, tt.want)
		}
		w := c.Watches()
		if len(w) != 1 || w[0].Kind != hostabi.WatchInterval || w[0].IntervalMS != tt.watchMS {
			t.Errorf("flipflop at %d ms watches %v, want an interval of %d ms", tt.ms, w, tt.watchMS)
		}
	}
}

// execHost answers Exec with out and err, recording the argv.
type execHost struct {
	out  []byte
	err  error
	argv *[]string
}

func (h execHost) ReadFile(string) ([]byte, error) { return nil, errors.New("no files") }
func (h execHost) Stat(string) (bool, bool, error) { return false, false, nil }
func (h execHost) Hostname() (string, error)       { return "test", nil }
func (h execHost) Environ() []string               { return nil }
func (h execHost) Exec(argv []string) ([]byte, error) {
	*h.argv = argv
	return h.out, h.err
}

func TestVUMeter(t *testing.T) {
	half := pcm16(0, 16384, -8192) // peak 0.5
	tests := []struct {
		name       string
		symbol     string
		multiplier int64
		peak       float64
		out        []byte
		execErr    error
		want       string
		wantErr    string
	}{
		{"under peak", "#", 10, 0.9, half, nil, "(0.500000):\n#####\n#####", ""},
		{"over peak", "#", 10, 0.4, half, nil, "(0.500000):\n##### PEAK!!!\n##### PEAK!!!", ""},
		{"exec fails", "#", 10, 0.9, nil, errors.New("rec: no device"), "", "example.vumeter: recording: rec: no device"},
		{"not a wav", "#", 10, 0.9, []byte("hello"), nil, "", "not a RIFF WAVE file"},
		{"negative multiplier", "#", -1, 0.9, half, nil, "", "multiplier -1"},
		{"huge multiplier", "#", 1 << 17, 0.9, half, nil, "", "multiplier 131072"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var argv []string
			c := &lib.Call{
				Args: []hostabi.Value{hostabi.StrValue(tt.symbol), hostabi.IntValue(tt.multiplier), hostabi.FloatValue(tt.peak)},
				Host: execHost{out: tt.out, err: tt.execErr, argv: &argv},
			}
			v, err := fakehost.Find(t, Funcs(), "example.vumeter").Impl(c)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("vumeter = %v, %v; want an error containing %q", v, err, tt.wantErr)
				}
				return
			}
			if err != nil || v != hostabi.StrValue(tt.want) {
				t.Fatalf("vumeter = %v, %v; want %q", v, err, tt.want)
			}
			if want := []string{"rec", "-q", "-t", "wav", "-", "trim", "0", "1"}; !slices.Equal(argv, want) {
				t.Errorf("vumeter ran %q, want %q", argv, want)
			}
			if w := c.Watches(); len(w) != 1 || w[0].Kind != hostabi.WatchInterval || w[0].IntervalMS != 1000 {
				t.Errorf("vumeter watches %v, want an interval of 1000 ms", w)
			}
		})
	}
}

func TestMeter(t *testing.T) {
	tests := []struct {
		symbol      string
		multiplier  int
		peak, level float64
		want        string
	}{
		{"#", 10, 0.9, 0.5, "(0.500000):\n#####\n#####"},
		{"#", 10, 0.5, 0.5, "(0.500000):\n#####\n#####"}, // at the peak is not above it
		{"#", 10, 0.4, 0.5, "(0.500000):\n##### PEAK!!!\n##### PEAK!!!"},
		{"*", 10, 1, 0.04, "(0.040000):\n*\n*"},        // 0.4 rounds to none: one at least
		{"ab", 4, 1, 0.375, "(0.375000):\nabab\nabab"}, // 1.5 rounds up
		{"#", 0, 0.5, 0.5, "(0.500000):\n#\n#"},
		{"=", 3, 0.99, 1, "(1.000000):\n=== PEAK!!!\n=== PEAK!!!"},
	}
	for _, tt := range tests {
		if got := meter(tt.symbol, tt.multiplier, tt.peak, tt.level); got != tt.want {
			t.Errorf("meter(%q, %d, %v, %v) = %q, want %q", tt.symbol, tt.multiplier, tt.peak, tt.level, got, tt.want)
		}
	}
}

func TestSigs(t *testing.T) {
	want := map[string]struct {
		sig  string
		pure bool
	}{
		"example.answer":    {"func() int", true},
		"example.errorbool": {"func(a bool) str", false},
		"example.flipflop":  {"func() bool", false},
		"example.int2str":   {"func(a int) str", true},
		"example.plus":      {"func(y str, z str) str", true},
		"example.str2int":   {"func(a str) int", true},
		"example.vumeter":   {"func(symbol str, multiplier int, peak float) str", false},
	}
	fs := Funcs()
	if len(fs) != len(want) {
		t.Errorf("Funcs() has %d functions, want %d", len(fs), len(want))
	}
	for _, f := range fs {
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("unexpected function %s", f.Name)
			continue
		}
		if f.Sig != w.sig || f.Pure != w.pure {
			t.Errorf("%s: sig %q pure %v, want %q %v", f.Name, f.Sig, f.Pure, w.sig, w.pure)
		}
		if _, err := hostabi.ParseType(f.Sig); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}
