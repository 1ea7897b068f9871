package netfuncs

import (
	"net"
	"os"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// call calls the function called name with string arguments.
func call(t *testing.T, name string, args ...string) (hostabi.Value, error) {
	t.Helper()
	c := &lib.Call{}
	for _, a := range args {
		c.Args = append(c.Args, hostabi.StrValue(a))
	}
	return fakehost.Find(t, Funcs(), name).Impl(c)
}

func TestCIDR(t *testing.T) {
	tests := []struct{ fn, in, want string }{
		{"net.cidr_to_ip", "192.0.2.12/24", "192.0.2.12"},
		{"net.cidr_to_ip", "  192.168.42.13/24  ", "192.168.42.13"},
		{"net.cidr_to_ip", "2001:db8::/32", "2001:db8::"},
		{"net.cidr_to_prefix", "192.0.2.12/24", "24"},
		{"net.cidr_to_prefix", "2001:db8::1/64", "64"},
		{"net.cidr_to_mask", "192.0.2.12/24", "255.255.255.0"},
		{"net.cidr_to_mask", "192.0.2.12/13", "255.248.0.0"},
		{"net.cidr_to_mask", "2001:db8::/32", "ffff:ffff::"},
		{"net.cidr_to_network", "192.0.2.12/24", "192.0.2.0/24"},
		{"net.cidr_to_network", "10.1.2.3/8", "10.0.0.0/8"},
		{"net.cidr_to_network", "2001:db8::1/32", "2001:db8::/32"},
		{"net.cidr_to_first", "192.0.2.0/24", "192.0.2.1"},
		{"net.cidr_to_first", "192.0.2.12/24", "192.0.2.1"},
		{"net.cidr_to_first", "10.0.0.0/31", "10.0.0.1"},
		{"net.cidr_to_first", "2001:db8::/64", "2001:db8::1"},
		{"net.cidr_to_last", "192.0.2.12/24", "192.0.2.255"},
		{"net.cidr_to_last", "10.0.0.0/8", "10.255.255.255"},
		{"net.cidr_to_last", "10.1.2.3/32", "10.1.2.3"},
		{"net.cidr_to_last", "172.16.0.0/12", "172.31.255.255"},
		{"net.cidr_to_last", "2001:db8::/32", "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff"},
		{"net.cidr_to_last", "2001:db8::/127", "2001:db8::1"},
		{"net.macfmt", "AA-BB-CC-DD-EE-0F", "aa:bb:cc:dd:ee:0f"},
		{"net.macfmt", "aa:bb:cc:dd:ee:0f", "aa:bb:cc:dd:ee:0f"},
		{"net.oldmacfmt", "AA:BB:CC:DD:EE:0F", "aa-bb-cc-dd-ee-0f"},
	}
	for _, tt := range tests {
		got, err := call(t, tt.fn, tt.in)
		if err != nil || got != hostabi.StrValue(tt.want) {
			t.Errorf("%s(%q) = %v, %v; want %q", tt.fn, tt.in, got, err, tt.want)
		}
	}
}

func TestNetErrors(t *testing.T) {
	tests := []struct {
		fn   string
		args []string
		want string
	}{
		{"net.cidr_to_ip", []string{"192.168.42.13/33"}, "invalid CIDR address: 192.168.42.13/33"},
		{"net.cidr_to_mask", []string{"2001:db8::/333"}, "invalid CIDR address"},
		{"net.cidr_to_first", []string{"10.1.2.3/32"}, "no usable next address"},
		{"net.cidr_to_last", []string{"10.1.2.3"}, "no '/'"},
		{"net.ip_in_cidr", []string{"10.0.0.300", "10.0.0.0/8"}, "invalid IP: 10.0.0.300"},
		{"net.ip_in_cidr", []string{"10.0.0.3", "10.0.0.0/x"}, "invalid CIDR address"},
		{"net.macfmt", []string{"aa:bb:cc:dd:ee"}, "invalid MAC address length"},
		{"net.macfmt", []string{"zz:bb:cc:dd:ee:ff"}, "invalid MAC address"},
		{"net.oldmacfmt", []string{"aa:bb:cc:dd:ee:ff:00:11"}, "invalid MAC address length"},
		{"net.split_hostport", []string{"example.com"}, "error parsing the input: address example.com: missing port"},
		{"net.url_parser", []string{"example.com/path"}, "empty schemes are invalid"},
		{"net.url_parser", []string{"http://[::1"}, "error parsing the URL"},
		{"net.interface_cidr", []string{"eth0"}, "not supported in the wasm sandbox"},
	}
	for _, tt := range tests {
		if _, err := call(t, tt.fn, tt.args...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s(%q) error = %v, want one containing %q", tt.fn, tt.args, err, tt.want)
		}
	}
}

func TestIPInCIDR(t *testing.T) {
	tests := []struct {
		ip, cidr string
		want     bool
	}{
		{"192.168.1.7", "192.168.1.0/24", true},
		{"192.168.2.7", "192.168.1.0/24", false},
		{"10.255.255.255", "10.0.0.0/8", true},
		{"2001:db8::5", "2001:db8::/32", true},
		{"2001:db9::5", "2001:db8::/32", false},
		{"192.168.1.7", "2001:db8::/32", false},
	}
	for _, tt := range tests {
		got, err := call(t, "net.ip_in_cidr", tt.ip, tt.cidr)
		if err != nil || got != hostabi.BoolValue(tt.want) {
			t.Errorf("ip_in_cidr(%q, %q) = %v, %v; want %v", tt.ip, tt.cidr, got, err, tt.want)
		}
	}
}

func TestIsMAC(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"aa:bb:cc:dd:ee:ff", true},
		{"00:00:00:00:00:00", true},
		{"AA:BB:CC:DD:EE:FF", false}, // not the standard lowercase form
		{"aa-bb-cc-dd-ee-ff", false},
		{"aa:bb:cc:dd:ee", false},
		{"aa:bb:cc:dd:ee:gg", false},
		{"", false},
	}
	for _, tt := range tests {
		got, err := call(t, "net.is_mac", tt.in)
		if err != nil || got != hostabi.BoolValue(tt.want) {
			t.Errorf("is_mac(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestSplitHostPort(t *testing.T) {
	tests := []struct{ in, host, port string }{
		{"example.com:80", "example.com", "80"},
		{"[::1]:443", "::1", "443"},
		{":8080", "", "8080"},
		{"10.0.0.1:", "10.0.0.1", ""},
	}
	for _, tt := range tests {
		got, err := call(t, "net.split_hostport", tt.in)
		want := &hostabi.StructValue{T: hostPortType, Fields: []hostabi.Value{hostabi.StrValue(tt.host), hostabi.StrValue(tt.port)}}
		if err != nil || !got.Equal(want) {
			t.Errorf("split_hostport(%q) = %v, %v; want %s", tt.in, got, err, want)
		}
	}
}

func TestURLParser(t *testing.T) {
	tests := []struct{ in, scheme, host, path, query string }{
		{"https://example.com:8443/a/b?x=1&y=2#frag", "https", "example.com:8443", "/a/b", "x=1&y=2"},
		{"file:///etc/hosts", "file", "", "/etc/hosts", ""},
		{"http://[::1]/", "http", "[::1]", "/", ""},
		{"mailto:someone@example.com", "mailto", "", "", ""},
	}
	for _, tt := range tests {
		got, err := call(t, "net.url_parser", tt.in)
		want := &hostabi.StructValue{T: urlType, Fields: []hostabi.Value{hostabi.StrValue(tt.scheme), hostabi.StrValue(tt.host), hostabi.StrValue(tt.path), hostabi.StrValue(tt.query)}}
		if err != nil || !got.Equal(want) {
			t.Errorf("url_parser(%q) = %v, %v; want %s", tt.in, got, err, want)
		}
	}
}

// sysfs is a machine with loopback, a wireless card that is up, a wired
// card that is down, another that is up, and a tunnel without an address,
// listed out of ifindex order.
var sysfs = fakeHost{files: map[string]string{
	"/proc/net/dev": "Inter-|   Receive    |  Transmit\n face |bytes    packets|bytes    packets\n" +
		"  wlan0: 1 2 3\n    lo: 1 2 3\n  eth1: 0 0 0\n  tun0: 0 0 0\n  eth0: 9 9 9\n",
	"/sys/class/net/lo/ifindex": "1\n", "/sys/class/net/lo/flags": "0x9\n", "/sys/class/net/lo/address": "00:00:00:00:00:00\n",
	"/sys/class/net/eth0/ifindex": "2\n", "/sys/class/net/eth0/flags": "0x1002\n", "/sys/class/net/eth0/address": "02:FC:00:00:00:01\n",
	"/sys/class/net/wlan0/ifindex": "3\n", "/sys/class/net/wlan0/flags": "0x1003\n", "/sys/class/net/wlan0/address": "aa:bb:cc:dd:ee:ff\n",
	"/sys/class/net/wlan0/wireless/link": "0\n",
	"/sys/class/net/eth1/ifindex":        "4\n", "/sys/class/net/eth1/flags": "0x1003\n", "/sys/class/net/eth1/address": "02:fc:00:00:00:02\n",
	"/sys/class/net/tun0/ifindex": "5\n", "/sys/class/net/tun0/flags": "0x10d1\n", "/sys/class/net/tun0/address": "\n",
}}

func TestInterfaces(t *testing.T) {
	c := &lib.Call{Host: sysfs}
	got, err := macs(c)
	want := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: []hostabi.Value{
		hostabi.StrValue("02:fc:00:00:00:01"), hostabi.StrValue("aa:bb:cc:dd:ee:ff"), hostabi.StrValue("02:fc:00:00:00:02"),
	}}
	if err != nil || !got.Equal(want) {
		t.Errorf("macs() = %v, %v; want %s", got, err, want)
	}
	if w := c.Watches(); len(w) != 1 || w[0].Kind != hostabi.WatchInterval || w[0].IntervalMS != pollMS {
		t.Errorf("macs() watches %+v, want one %d ms interval", w, pollMS)
	}

	got, err = wiredInterface(&lib.Call{Host: sysfs})
	if err != nil || got != hostabi.StrValue("eth1") {
		t.Errorf("wired_interface() = %v, %v; want eth1 (up, wired)", got, err)
	}
	down := fakeHost{files: map[string]string{}}
	for k, v := range sysfs.files {
		if !strings.Contains(k, "eth1") {
			down.files[k] = v
		}
	}
	down.files["/proc/net/dev"] = strings.Replace(sysfs.files["/proc/net/dev"], "  eth1: 0 0 0\n", "", 1)
	got, err = wiredInterface(&lib.Call{Host: down})
	if err != nil || got != hostabi.StrValue("eth0") {
		t.Errorf("wired_interface() without eth1 = %v, %v; want eth0 (down but wired)", got, err)
	}

	none := fakeHost{files: map[string]string{"/proc/net/dev": "    lo: 1 2 3\n", "/sys/class/net/lo/flags": "0x9\n"}}
	if _, err := wiredInterface(&lib.Call{Host: none}); err == nil || !strings.Contains(err.Error(), "no wired network interface") {
		t.Errorf("wired_interface() with only lo: error %v", err)
	}
	c = &lib.Call{Host: fakeHost{}}
	if _, err := macs(c); err == nil || len(c.Watches()) != 1 {
		t.Errorf("macs() without /proc/net/dev: error %v, watches %v; want an error and a retry", err, c.Watches())
	}
}

// TestMacsMatchNetlink compares macs on the real machine, read from /proc
// and /sys, with what Go's net package reads over netlink.
func TestMacsMatchNetlink(t *testing.T) {
	if _, err := os.Stat("/proc/net/dev"); err != nil {
		t.Skip("no /proc/net/dev")
	}
	ifs, err := net.Interfaces()
	if err != nil {
		t.Skip(err)
	}
	want := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)}
	for _, i := range ifs {
		if mac := i.HardwareAddr.String(); i.Flags&net.FlagLoopback == 0 && len(mac) == macLen {
			want.Items = append(want.Items, hostabi.StrValue(mac))
		}
	}
	got, err := macs(&lib.Call{Host: osHost{}})
	if err != nil || !got.Equal(want) {
		t.Errorf("macs() = %v, %v; net.Interfaces gives %s", got, err, want)
	}
}

func TestSigs(t *testing.T) {
	impure := map[string]bool{"net.macs": true, "net.wired_interface": true, "net.interface_cidr": true}
	fs := Funcs()
	if len(fs) != 15 {
		t.Errorf("%d functions, want 15", len(fs))
	}
	for _, f := range fs {
		if _, err := hostabi.ParseType(f.Sig); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
		if f.Pure == impure[f.Name] {
			t.Errorf("%s: pure %v", f.Name, f.Pure)
		}
	}
}
