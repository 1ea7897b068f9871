// Package netfuncs is mcl's net package: CIDR and MAC address helpers,
// host:port and URL parsing, and the machine's interfaces (read from
// /proc and /sys through the host, as the wasm sandbox has no netlink).
package netfuncs

import (
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the net package. net.split_hostport and
// net.url_parser leave out the reference table's argument name "0", which
// hostabi.ParseType does not accept.
func Funcs() []lib.Func {
	return []lib.Func{
		cidrFunc("net.cidr_to_ip", cidrToIP),
		cidrFunc("net.cidr_to_prefix", cidrToPrefix),
		cidrFunc("net.cidr_to_mask", cidrToMask),
		cidrFunc("net.cidr_to_network", cidrToNetwork),
		cidrFunc("net.cidr_to_first", cidrToFirst),
		cidrFunc("net.cidr_to_last", cidrToLast),
		{Name: "net.ip_in_cidr", Sig: "func(ip str, cidr str) bool", Pure: true, Impl: ipInCIDR},
		{Name: "net.is_mac", Sig: "func(a str) bool", Pure: true, Impl: isMAC},
		{Name: "net.macfmt", Sig: "func(a str) str", Pure: true, Impl: macFmt("net.macfmt", ":")},
		{Name: "net.oldmacfmt", Sig: "func(a str) str", Pure: true, Impl: macFmt("net.oldmacfmt", "-")},
		{Name: "net.split_hostport", Sig: "func(str) struct{host str; port str}", Pure: true, Impl: splitHostPort},
		{Name: "net.url_parser", Sig: "func(str) struct{scheme str; host str; path str; raw_query str}", Pure: true, Impl: urlParser},
		{Name: "net.macs", Sig: "func() []str", Pure: false, Impl: macs},
		{Name: "net.wired_interface", Sig: "func() str", Pure: false, Impl: wiredInterface},
		{Name: "net.interface_cidr", Sig: "func(interface str) str", Pure: false, Impl: interfaceCIDR},
	}
}
