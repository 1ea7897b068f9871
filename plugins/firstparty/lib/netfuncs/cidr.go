package netfuncs

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// cidrFunc builds a pure func(a str) str from f, which gets the CIDR
// address without surrounding white space.
func cidrFunc(name string, f func(cidr string) (string, error)) lib.Func {
	return lib.Func{Name: name, Sig: "func(a str) str", Pure: true, Impl: func(c *lib.Call) (hostabi.Value, error) {
		s, err := lib.Arg[hostabi.StrValue](c, name, 0)
		if err != nil {
			return nil, err
		}
		out, err := f(strings.TrimSpace(string(s)))
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return hostabi.StrValue(out), nil
	}}
}

// cidrToIP returns the address of a CIDR address: 192.0.2.12 for
// 192.0.2.12/24.
func cidrToIP(cidr string) (string, error) {
	ip, _, err := net.ParseCIDR(cidr)
	if err != nil {
		return "", err
	}
	return ip.String(), nil
}

// cidrToPrefix returns the prefix length: "24" for 192.0.2.12/24.
func cidrToPrefix(cidr string) (string, error) {
	_, ipnet, err := net.ParseCIDR(cidr)
	if err != nil {
		return "", err
	}
	ones, _ := ipnet.Mask.Size()
	return strconv.Itoa(ones), nil
}

// cidrToMask returns the network mask: 255.255.255.0 for 192.0.2.12/24,
// ffff:ffff:: for 2001:db8::/32.
func cidrToMask(cidr string) (string, error) {
	_, ipnet, err := net.ParseCIDR(cidr)
	if err != nil {
		return "", err
	}
	return net.IP(ipnet.Mask).String(), nil
}

// cidrToNetwork returns the network in CIDR form: 192.0.2.0/24 for
// 192.0.2.12/24.
func cidrToNetwork(cidr string) (string, error) {
	_, ipnet, err := net.ParseCIDR(cidr)
	if err != nil {
		return "", err
	}
	ones, _ := ipnet.Mask.Size()
	return ipnet.IP.String() + "/" + strconv.Itoa(ones), nil
}

// cidrToFirst returns the first usable address, the one after the network
// address: 192.0.2.1 for 192.0.2.12/24. A /32 (or /128) has none.
func cidrToFirst(cidr string) (string, error) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return "", err
	}
	p = p.Masked()
	first := p.Addr().Next()
	if !first.IsValid() || !p.Contains(first) {
		return "", fmt.Errorf("no usable next address in %s", cidr)
	}
	return first.String(), nil
}

// cidrToLast returns the last address, often the broadcast address:
// 192.0.2.255 for 192.0.2.12/24.
func cidrToLast(cidr string) (string, error) {
	p, err := netip.ParsePrefix(cidr)
	if err != nil {
		return "", err
	}
	a := p.Masked().Addr().As16()
	hostBits := p.Addr().BitLen() - p.Bits()
	for i := 0; i < hostBits; i++ {
		bit := 127 - i // from the right of the 16 bytes
		a[bit/8] |= 1 << (7 - bit%8)
	}
	last := netip.AddrFrom16(a)
	if p.Addr().Is4() {
		last = last.Unmap()
	}
	return last.String(), nil
}

// ipInCIDR reports whether ip is inside the network cidr.
func ipInCIDR(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "net.ip_in_cidr", 0)
	if err != nil {
		return nil, err
	}
	cidr, err := lib.Arg[hostabi.StrValue](c, "net.ip_in_cidr", 1)
	if err != nil {
		return nil, err
	}
	ip := net.ParseIP(string(s))
	if ip == nil {
		return nil, fmt.Errorf("net.ip_in_cidr: invalid IP: %s", string(s))
	}
	_, network, err := net.ParseCIDR(string(cidr))
	if err != nil {
		return nil, fmt.Errorf("net.ip_in_cidr: %w", err)
	}
	return hostabi.BoolValue(network.Contains(ip)), nil
}
