package netfuncs

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// The wasm sandbox has no netlink, so the interface functions read what
// Linux publishes in /proc/net/dev (the interface names) and
// /sys/class/net/NAME (ifindex, flags, address, wireless) through the
// host, and poll: upstream streams netlink events instead.

// pollMS is how often the interface functions are called again.
const pollMS = 10000

// Interface flags from linux/if.h, as /sys/class/net/NAME/flags shows them.
const (
	flagUp       = 0x1
	flagLoopback = 0x8
)

// iface is what the interface functions know of one network interface.
type iface struct {
	name     string
	index    int
	flags    uint64
	addr     string // hardware address as sysfs writes it, "" if none
	wireless bool
}

// interfaces lists the machine's interfaces in ifindex order.
func interfaces(h lib.Host) ([]iface, error) {
	if h == nil {
		return nil, errors.New("no host to read interfaces from")
	}
	dev, err := h.ReadFile("/proc/net/dev")
	if err != nil {
		return nil, fmt.Errorf("listing interfaces: %w", err)
	}
	var out []iface
	for _, line := range strings.Split(string(dev), "\n") {
		name, _, ok := strings.Cut(line, ":")
		name = strings.TrimSpace(name)
		if !ok || name == "" || strings.ContainsAny(name, " |/") {
			continue // the two header lines have no ':' before their '|'
		}
		i, err := readIface(h, name)
		if err != nil {
			return nil, err
		}
		out = append(out, i)
	}
	slices.SortStableFunc(out, func(a, b iface) int { return cmp.Compare(a.index, b.index) })
	return out, nil
}

// readIface reads the sysfs attributes of the interface called name.
func readIface(h lib.Host, name string) (iface, error) {
	dir := "/sys/class/net/" + name + "/"
	i := iface{name: name}
	if b, err := h.ReadFile(dir + "ifindex"); err == nil {
		i.index, _ = strconv.Atoi(strings.TrimSpace(string(b)))
	}
	b, err := h.ReadFile(dir + "flags")
	if err != nil {
		return iface{}, fmt.Errorf("interface %s: %w", name, err)
	}
	i.flags, err = strconv.ParseUint(strings.TrimPrefix(strings.TrimSpace(string(b)), "0x"), 16, 64)
	if err != nil {
		return iface{}, fmt.Errorf("interface %s: flags %q: %w", name, b, err)
	}
	if b, err := h.ReadFile(dir + "address"); err == nil {
		i.addr = strings.ToLower(strings.TrimSpace(string(b)))
	}
	i.wireless, _, _ = h.Stat(dir + "wireless")
	return i, nil
}

// poll asks for the call to be repeated, as interfaces come and go.
func poll(c *lib.Call) {
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchInterval, IntervalMS: pollMS})
}

// macs lists the 48-bit MAC addresses of the interfaces other than
// loopback.
func macs(c *lib.Call) (hostabi.Value, error) {
	poll(c)
	ifs, err := interfaces(c.Host)
	if err != nil {
		return nil, fmt.Errorf("net.macs: %w", err)
	}
	l := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)}
	for _, i := range ifs {
		if i.flags&flagLoopback != 0 || len(i.addr) != macLen {
			continue
		}
		l.Items = append(l.Items, hostabi.StrValue(i.addr))
	}
	return l, nil
}

// wiredInterface returns the first interface with a hardware address that
// is neither loopback nor wireless, preferring one that is up.
func wiredInterface(c *lib.Call) (hostabi.Value, error) {
	poll(c)
	ifs, err := interfaces(c.Host)
	if err != nil {
		return nil, fmt.Errorf("net.wired_interface: %w", err)
	}
	fallback := ""
	for _, i := range ifs {
		if i.flags&flagLoopback != 0 || i.addr == "" || i.wireless {
			continue
		}
		if i.flags&flagUp != 0 {
			return hostabi.StrValue(i.name), nil
		}
		if fallback == "" {
			fallback = i.name
		}
	}
	if fallback == "" {
		return nil, errors.New("net.wired_interface: no wired network interface found")
	}
	return hostabi.StrValue(fallback), nil
}

// errNoNetlink is the error of interface_cidr: Linux publishes an
// interface's IPv4 addresses only over netlink (or ioctl), neither of
// which the wasm sandbox has.
var errNoNetlink = errors.New("reading an interface's IPv4 addresses needs netlink, which is not supported in the wasm sandbox")

// interfaceCIDR would return the first global unicast IPv4 address of an
// interface in CIDR form; see errNoNetlink.
func interfaceCIDR(c *lib.Call) (hostabi.Value, error) {
	name, err := lib.Arg[hostabi.StrValue](c, "net.interface_cidr", 0)
	if err != nil {
		return nil, err
	}
	return nil, fmt.Errorf("net.interface_cidr(%q): %w", string(name), errNoNetlink)
}
