package hostinfo

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// The files that list CPUs.
const (
	sysCPUOnline = "/sys/devices/system/cpu/online"
	procCPUInfo  = "/proc/cpuinfo"
)

// ParseCPUList counts the CPUs in a kernel CPU list such as "0-3,8,10-11"
// (a trailing newline is allowed).
func ParseCPUList(list string) (int64, error) {
	list = strings.TrimSpace(list)
	if list == "" {
		return 0, fmt.Errorf("empty cpu list")
	}
	var n int64
	for part := range strings.SplitSeq(list, ",") {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.ParseInt(lo, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("cpu list %q: %w", list, err)
		}
		if !isRange {
			n++
			continue
		}
		b, err := strconv.ParseInt(hi, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("cpu list %q: %w", list, err)
		}
		if b < a {
			return 0, fmt.Errorf("cpu list %q: range %s is backwards", list, part)
		}
		n += b - a + 1
	}
	return n, nil
}

// OnlineCPUs returns the number of CPUs online on the machine, from
// /sys/devices/system/cpu/online, or by counting the processor entries of
// /proc/cpuinfo where sysfs is missing.
func OnlineCPUs(h lib.Host) (int64, error) {
	data, err := h.ReadFile(sysCPUOnline)
	if err == nil {
		return ParseCPUList(string(data))
	}
	if !IsNotFound(err) {
		return 0, fmt.Errorf("read %s: %w", sysCPUOnline, err)
	}
	info, err := h.ReadFile(procCPUInfo)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", procCPUInfo, err)
	}
	var n int64
	for line := range strings.SplitSeq(string(info), "\n") {
		if k, _, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "processor" {
			n++
		}
	}
	if n == 0 {
		return 0, fmt.Errorf("%s lists no processor", procCPUInfo)
	}
	return n, nil
}

// UsableCPUs returns the number of CPUs the mgmt process may run on, as Go's
// runtime.NumCPU does: its affinity (Cpus_allowed_list in
// /proc/self/status), or [OnlineCPUs] when that is unknown.
func UsableCPUs(h lib.Host) (int64, error) {
	if list, err := statusField(h, "Cpus_allowed_list"); err == nil {
		if n, err := ParseCPUList(list); err == nil {
			return n, nil
		}
	}
	return OnlineCPUs(h)
}
