package sysfuncs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// The periods of the facts that change by themselves, in milliseconds.
const (
	// loadPollMS is upstream's: the kernel updates the averages every 5 s.
	loadPollMS = 5_000
	// uptimePollMS is upstream's.
	uptimePollMS = 1_000
	// cpuPollMS replaces upstream's kernel uevents for CPU hotplug, which
	// the sandbox cannot subscribe to.
	cpuPollMS = 10_000
)

// The files the facts read.
const (
	hostnameFile = "/etc/hostname"
	loadavgFile  = "/proc/loadavg"
	uptimeFile   = "/proc/uptime"
)

// every asks for c to be called again every ms milliseconds.
func every(c *lib.Call, ms uint64) {
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: ms})
}

// hostname is sys.hostname(): the node's host name as mgmt knows it
// (--hostname, else the machine's), again when /etc/hostname changes.
// Unlike upstream it does not ask systemd-hostnamed over D-Bus.
func hostname(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: hostnameFile})
	name, err := h.Hostname()
	if err != nil {
		return nil, fmt.Errorf("hostname: %w", err)
	}
	return hostabi.StrValue(name), nil
}

// cpuCount is sys.cpu_count(): the number of CPUs online.
func cpuCount(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	every(c, cpuPollMS)
	n, err := hostinfo.OnlineCPUs(h)
	if err != nil {
		return nil, fmt.Errorf("could not get CPU count: %w", err)
	}
	return hostabi.IntValue(n), nil
}

// loadSig is the result of sys.load.
const loadSig = "struct{x1 float; x5 float; x15 float}"

var loadType = hostabi.NewStruct(
	hostabi.Field{Name: "x1", Type: hostabi.TypeFloat},
	hostabi.Field{Name: "x5", Type: hostabi.TypeFloat},
	hostabi.Field{Name: "x15", Type: hostabi.TypeFloat},
)

// load is sys.load(): the 1, 5 and 15 minute load averages.
func load(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	every(c, loadPollMS)
	data, err := h.ReadFile(loadavgFile)
	if err != nil {
		return nil, fmt.Errorf("could not read load values: %w", err)
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return nil, fmt.Errorf("%s: malformed %q", loadavgFile, data)
	}
	fields := make([]hostabi.Value, 3)
	for i := range fields {
		x, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", loadavgFile, err)
		}
		fields[i] = hostabi.FloatValue(x)
	}
	return &hostabi.StructValue{T: loadType, Fields: fields}, nil
}

// uptime is sys.uptime(): whole seconds since the machine booted.
func uptime(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	every(c, uptimePollMS)
	data, err := h.ReadFile(uptimeFile)
	if err != nil {
		return nil, fmt.Errorf("could not read uptime value: %w", err)
	}
	f := strings.Fields(string(data))
	if len(f) < 1 {
		return nil, fmt.Errorf("%s: malformed %q", uptimeFile, data)
	}
	// "12345.67 ...": the whole seconds, as sysinfo(2) reports them.
	secs, _, _ := strings.Cut(f[0], ".")
	n, err := strconv.ParseInt(secs, 10, 64)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", uptimeFile, err)
	}
	return hostabi.IntValue(n), nil
}
