package sysfuncs

import (
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// tc is one call of a sys.* function on a host holding files.
type tc struct {
	name    string            // the function, without "sys."
	files   map[string]string // the host's files
	env     []string          // the host's environment
	host    string            // the host's name
	args    []hostabi.Value   //
	want    hostabi.Value     // the expected value, unless err
	err     string            // a part of the expected error
	watches []hostabi.WatchSpec
}

func s(x string) hostabi.Value { return hostabi.StrValue(x) }

func run(t *testing.T, table []tc) {
	t.Helper()
	for _, c := range table {
		t.Run(c.name, func(t *testing.T) {
			h := fakehost.New(t, c.files)
			h.Env, h.Name = c.env, c.host
			fn := fakehost.Find(t, Funcs(), "sys."+c.name)
			v, watches, err := fakehost.Call(t, fn, h, c.args...)
			if !slices.Equal(watches, c.watches) {
				t.Errorf("watches %v, want %v", watches, c.watches)
			}
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "sys."+c.name+": ") {
					t.Fatalf("%v = %v, %v; want an error sys.%s: ...%s...", c.args, v, err, c.name, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v: %v", c.args, err)
			}
			if !v.Equal(c.want) {
				t.Fatalf("%v = %v, want %v", c.args, v, c.want)
			}
		})
	}
}

func interval(ms uint64) []hostabi.WatchSpec {
	return []hostabi.WatchSpec{{Kind: hostabi.WatchInterval, IntervalMS: ms}}
}

func TestEnv(t *testing.T) {
	env := []string{"A=1", "EMPTY=", "A=2", "B=x=y", "junk"}
	m, err := hostabi.NewMapValue(envType,
		[]hostabi.Value{s("A"), s("B"), s("EMPTY")},
		[]hostabi.Value{s("1"), s("x=y"), s("")})
	if err != nil {
		t.Fatal(err)
	}
	empty, _ := hostabi.NewMapValue(envType, nil, nil)
	run(t, []tc{
		{name: "getenv", env: env, args: []hostabi.Value{s("A")}, want: s("1")},
		{name: "getenv", env: env, args: []hostabi.Value{s("B")}, want: s("x=y")},
		{name: "getenv", env: env, args: []hostabi.Value{s("EMPTY")}, want: s("")},
		{name: "getenv", env: env, args: []hostabi.Value{s("junk")}, err: "environment variable not set: junk"},
		{name: "hasenv", env: env, args: []hostabi.Value{s("EMPTY")}, want: hostabi.BoolValue(true)},
		{name: "hasenv", env: env, args: []hostabi.Value{s("C")}, want: hostabi.BoolValue(false)},
		{name: "env", env: env, want: m},
		{name: "env", want: empty},
	})
}

func TestHostname(t *testing.T) {
	w := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: "/etc/hostname"}}
	run(t, []tc{
		// The node's name as mgmt knows it, not the kernel's.
		{name: "hostname", host: "node1", files: map[string]string{"/proc/sys/kernel/hostname": "kernel\n"}, want: s("node1"), watches: w},
		{name: "hostname", err: "no hostname", watches: w},
	})
}

func TestCPUCount(t *testing.T) {
	w := interval(cpuPollMS)
	run(t, []tc{
		{name: "cpu_count", files: map[string]string{"/sys/devices/system/cpu/online": "0-3,6,8-9\n"}, want: hostabi.IntValue(7), watches: w},
		{name: "cpu_count", files: map[string]string{"/sys/devices/system/cpu/online": "0\n"}, want: hostabi.IntValue(1), watches: w},
		{name: "cpu_count", files: map[string]string{"/proc/cpuinfo": "processor\t: 0\nflags\t: x\n\nprocessor\t: 1\nflags\t: x\n"}, want: hostabi.IntValue(2), watches: w},
		{name: "cpu_count", files: map[string]string{"/sys/devices/system/cpu/online": "3-1\n"}, err: "backwards", watches: w},
		{name: "cpu_count", err: "could not get CPU count", watches: w},
	})
}

func TestLoad(t *testing.T) {
	w := interval(loadPollMS)
	load3 := func(a, b, c float64) hostabi.Value {
		return &hostabi.StructValue{T: loadType, Fields: []hostabi.Value{hostabi.FloatValue(a), hostabi.FloatValue(b), hostabi.FloatValue(c)}}
	}
	run(t, []tc{
		{name: "load", files: map[string]string{"/proc/loadavg": "0.52 1.25 2.00 3/812 99999\n"}, want: load3(0.52, 1.25, 2), watches: w},
		{name: "load", files: map[string]string{"/proc/loadavg": "0.52\n"}, err: "malformed", watches: w},
		{name: "load", files: map[string]string{"/proc/loadavg": "a b c\n"}, err: "invalid syntax", watches: w},
		{name: "load", err: "could not read load values", watches: w},
	})
}

func TestUptime(t *testing.T) {
	w := interval(uptimePollMS)
	run(t, []tc{
		{name: "uptime", files: map[string]string{"/proc/uptime": "12345.99 40000.10\n"}, want: hostabi.IntValue(12345), watches: w},
		{name: "uptime", files: map[string]string{"/proc/uptime": "\n"}, err: "malformed", watches: w},
		{name: "uptime", err: "could not read uptime value", watches: w},
		{name: "uptime", args: []hostabi.Value{s("x")}, err: "expected 0 arguments"},
	})
}

func TestReference(t *testing.T) {
	fakehost.CheckReference(t, Funcs(), "testdata/functions.tsv")
}
