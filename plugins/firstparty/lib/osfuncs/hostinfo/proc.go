package hostinfo

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// The /proc files this package reads.
const (
	procSelfStatus  = "/proc/self/status"
	procSelfStat    = "/proc/self/stat"
	procSelfSmaps   = "/proc/self/smaps"
	procSelfAuxv    = "/proc/self/auxv"
	procSelfCmdline = "/proc/self/cmdline"
	procOSType      = "/proc/sys/kernel/ostype"
	procHostname    = "/proc/sys/kernel/hostname"
)

// statusField returns the value of the "key:" line of /proc/self/status.
func statusField(h lib.Host, key string) (string, error) {
	data, err := h.ReadFile(procSelfStatus)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", procSelfStatus, err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && k == key {
			return strings.TrimSpace(v), nil
		}
	}
	return "", fmt.Errorf("%s has no %s line", procSelfStatus, key)
}

// IDs returns the real and effective user ids (key "Uid") or group ids
// (key "Gid") of the mgmt process.
func IDs(h lib.Host, key string) (real, effective int64, err error) {
	v, err := statusField(h, key)
	if err != nil {
		return 0, 0, err
	}
	f := strings.Fields(v)
	if len(f) < 2 {
		return 0, 0, fmt.Errorf("%s: malformed %s line %q", procSelfStatus, key, v)
	}
	if real, err = strconv.ParseInt(f[0], 10, 64); err != nil {
		return 0, 0, fmt.Errorf("%s: %s: %w", procSelfStatus, key, err)
	}
	if effective, err = strconv.ParseInt(f[1], 10, 64); err != nil {
		return 0, 0, fmt.Errorf("%s: %s: %w", procSelfStatus, key, err)
	}
	return real, effective, nil
}

// PIDs returns the process id of the mgmt process and of its parent.
func PIDs(h lib.Host) (pid, ppid int64, err error) {
	data, err := h.ReadFile(procSelfStat)
	if err != nil {
		return 0, 0, fmt.Errorf("read %s: %w", procSelfStat, err)
	}
	// "pid (comm) state ppid ...": comm may hold spaces and parentheses,
	// so the fields after it start after the last ')'.
	s := string(data)
	open, end := strings.IndexByte(s, '('), strings.LastIndexByte(s, ')')
	if open < 1 || end < open {
		return 0, 0, fmt.Errorf("%s: malformed %q", procSelfStat, s)
	}
	rest := strings.Fields(s[end+1:])
	if len(rest) < 2 {
		return 0, 0, fmt.Errorf("%s: malformed %q", procSelfStat, s)
	}
	if pid, err = strconv.ParseInt(strings.TrimSpace(s[:open]), 10, 64); err != nil {
		return 0, 0, fmt.Errorf("%s: pid: %w", procSelfStat, err)
	}
	if ppid, err = strconv.ParseInt(rest[1], 10, 64); err != nil {
		return 0, 0, fmt.Errorf("%s: ppid: %w", procSelfStat, err)
	}
	return pid, ppid, nil
}

// PageSize returns the memory page size of the machine, in bytes: the
// AT_PAGESZ entry of the mgmt process's auxiliary vector (/proc/self/auxv,
// a few hundred bytes, read as 64-bit little-endian words), else the first
// KernelPageSize line of the much longer /proc/self/smaps.
func PageSize(h lib.Host) (int64, error) {
	if data, err := h.ReadFile(procSelfAuxv); err == nil {
		if n, ok := auxvPageSize(data); ok {
			return n, nil
		}
	}
	data, err := h.ReadFile(procSelfSmaps)
	if err != nil {
		return 0, fmt.Errorf("read %s: %w", procSelfSmaps, err)
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		v, ok := strings.CutPrefix(line, "KernelPageSize:")
		if !ok {
			continue
		}
		f := strings.Fields(v)
		if len(f) != 2 || f[1] != "kB" {
			return 0, fmt.Errorf("%s: malformed line %q", procSelfSmaps, line)
		}
		kb, err := strconv.ParseInt(f[0], 10, 64)
		if err != nil || kb <= 0 {
			return 0, fmt.Errorf("%s: malformed line %q", procSelfSmaps, line)
		}
		return kb * 1024, nil
	}
	return 0, fmt.Errorf("%s has no KernelPageSize line", procSelfSmaps)
}

// auxvPageSize finds AT_PAGESZ (6) in an auxiliary vector of 64-bit
// little-endian (type, value) pairs ended by AT_NULL (0). It refuses a
// vector of another shape, or a size that is not a power of two.
func auxvPageSize(data []byte) (int64, bool) {
	const atNull, atPageSz = 0, 6
	for len(data) >= 16 {
		typ, v := binary.LittleEndian.Uint64(data), binary.LittleEndian.Uint64(data[8:])
		data = data[16:]
		switch typ {
		case atNull:
			return 0, false
		case atPageSz:
			if v < 512 || v > 1<<30 || v&(v-1) != 0 {
				return 0, false
			}
			return int64(v), true
		}
	}
	return 0, false
}

// Args returns the command line of the mgmt process (its argv).
func Args(h lib.Host) ([]string, error) {
	data, err := h.ReadFile(procSelfCmdline)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", procSelfCmdline, err)
	}
	data = bytes.TrimSuffix(data, []byte{0})
	if len(data) == 0 {
		return []string{}, nil
	}
	return strings.Split(string(data), "\x00"), nil
}

// OS returns the operating system of the host as Go's GOOS spells it
// ("linux"), from /proc/sys/kernel/ostype: the module's own runtime.GOOS
// is always "wasip1". A host without that file is not Linux, and this
// package cannot tell what it is.
func OS(h lib.Host) (string, error) {
	data, err := h.ReadFile(procOSType)
	if err != nil {
		return "", fmt.Errorf("operating system unknown (read %s: %w)", procOSType, err)
	}
	return strings.ToLower(strings.TrimSpace(string(data))), nil
}

// KernelHostname returns the host name the kernel reports, as Go's
// os.Hostname does on Linux; without /proc it asks [lib.Host.Hostname].
func KernelHostname(h lib.Host) (string, error) {
	data, err := h.ReadFile(procHostname)
	if err == nil {
		return strings.TrimSpace(string(data)), nil
	}
	if !IsNotFound(err) {
		return "", fmt.Errorf("read %s: %w", procHostname, err)
	}
	name, err := h.Hostname()
	if err != nil {
		return "", fmt.Errorf("hostname: %w", err)
	}
	return name, nil
}
