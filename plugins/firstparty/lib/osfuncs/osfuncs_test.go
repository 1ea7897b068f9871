package osfuncs

import (
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// tc is one call of an os.* function on a host holding files.
type tc struct {
	name    string            // the function, without "os."
	files   map[string]string // the host's files
	env     []string          // the host's environment
	args    []hostabi.Value   //
	want    hostabi.Value     // the expected value, unless err
	err     string            // a part of the expected error
	watches []hostabi.WatchSpec
}

func s(x string) hostabi.Value { return hostabi.StrValue(x) }
func b(x bool) hostabi.Value   { return hostabi.BoolValue(x) }

func run(t *testing.T, table []tc) {
	t.Helper()
	for _, c := range table {
		t.Run(c.name, func(t *testing.T) {
			h := fakehost.New(t, c.files)
			h.Env = c.env
			fn := fakehost.Find(t, Funcs(), "os."+c.name)
			v, watches, err := fakehost.Call(t, fn, h, c.args...)
			if !slices.Equal(watches, c.watches) {
				t.Errorf("watches %v, want %v", watches, c.watches)
			}
			if c.err != "" {
				if err == nil || !strings.Contains(err.Error(), c.err) || !strings.HasPrefix(err.Error(), "os."+c.name+": ") {
					t.Fatalf("%v = %v, %v; want an error os.%s: ...%s...", c.args, v, err, c.name, c.err)
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

func pathWatch(p string) hostabi.WatchSpec {
	return hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: p}
}

func TestSystem(t *testing.T) {
	run(t, []tc{
		{name: "system", args: []hostabi.Value{s("echo hi; echo there")}, want: s("hi\nthere")},
		{name: "system", args: []hostabi.Value{s(`printf 'a\n\n'`)}, want: s("a\n")},
		{name: "system", args: []hostabi.Value{s("x=$(echo a b); echo \"[$x]\"")}, want: s("[a b]")},
		{name: "system", args: []hostabi.Value{s("echo oops >&2; exit 3")}, err: "oops"},
	})
}

func TestFamily(t *testing.T) {
	var none []hostabi.Value
	redhat := map[string]string{"/etc/redhat-release": "Fedora release 39\n"}
	debian := map[string]string{"/etc/debian_version": "12.5\n"}
	arch := map[string]string{"/etc/arch-release": ""}
	likeRHEL := map[string]string{"/etc/os-release": "ID=\"almalinux\"\nID_LIKE=\"rhel centos fedora\"\n"}
	ubuntu := map[string]string{"/usr/lib/os-release": "ID=ubuntu\nID_LIKE=debian\n"}
	archRel := map[string]string{"/etc/os-release": "ID=arch\n"}
	alpine := map[string]string{"/etc/os-release": "ID=alpine\n"}
	run(t, []tc{
		{name: "family", files: redhat, args: none, want: s("redhat")},
		{name: "family", files: debian, args: none, want: s("debian")},
		{name: "family", files: arch, args: none, want: s("archlinux")},
		{name: "family", files: likeRHEL, args: none, want: s("redhat")},
		{name: "family", files: ubuntu, args: none, want: s("debian")},
		{name: "family", files: archRel, args: none, want: s("archlinux")},
		{name: "family", files: alpine, args: none, want: s("")},
		{name: "family", args: none, want: s("")},
		{name: "is_family_redhat", files: redhat, want: b(true)},
		{name: "is_family_redhat", files: debian, want: b(false)},
		{name: "is_family_debian", files: ubuntu, want: b(true)},
		{name: "is_family_debian", files: alpine, want: b(false)},
		{name: "is_family_archlinux", files: arch, want: b(true)},
		{name: "is_family_archlinux", files: likeRHEL, want: b(false)},
		{name: "family", args: []hostabi.Value{s("x")}, err: "expected 0 arguments"},
	})
}

func release3(id, variant, version string) hostabi.Value {
	return strStruct(releaseType, id, variant, version)
}

func TestRelease(t *testing.T) {
	run(t, []tc{
		{name: "release", files: map[string]string{
			"/etc/os-release":     "# comment\nNAME=\"Fedora Linux\"\nID=fedora\nVARIANT_ID=\"work\\\"station\"\nVERSION_ID='39'\n",
			"/usr/lib/os-release": "ID=other\n",
		}, want: release3("fedora", `work"station`, "39")},
		{name: "release", files: map[string]string{"/usr/lib/os-release": "ID=debian\nVERSION_ID=\"12\"\n"}, want: release3("debian", "", "12")},
		{name: "release", err: "no os-release file"},
	})
}

func TestParseDistroUID(t *testing.T) {
	uid := func(d, v, a string) hostabi.Value { return strStruct(distroUIDType, d, v, a) }
	for in, want := range map[string]hostabi.Value{
		"fedora39-x86_64":  uid("fedora", "39", "x86_64"),
		"debian12-aarch64": uid("debian", "12", "aarch64"),
		"centos-x86_64":    uid("", "", ""),
		"fedora39":         uid("", "", ""),
		"39-x86_64":        uid("", "", ""),
		"fedora39-":        uid("", "", ""),
	} {
		run(t, []tc{{name: "parse_distro_uid", args: []hostabi.Value{s(in)}, want: want}})
	}
}

// users is an /etc/passwd with ann (uid 1000) and bob, and a mgmt process
// running as ann.
var users = map[string]string{
	"/etc/passwd":       "root:x:0:0:root:/root:/bin/bash\n# carl:x:9:9::/home/carl:/bin/sh\nann:x:1000:1000:Ann:/home/ann:/bin/bash\nbob:x:1001:1001::/srv/bob/:/bin/sh\n+nis::::::\n",
	"/proc/self/status": "Name:\tmgmt\nUid:\t1000\t1000\t1000\t1000\n",
}

func TestUsers(t *testing.T) {
	passwd := []hostabi.WatchSpec{pathWatch("/etc/passwd")}
	noUID := map[string]string{"/etc/passwd": users["/etc/passwd"]}
	arg := func(x string) []hostabi.Value { return []hostabi.Value{s(x)} }
	run(t, []tc{
		{name: "expand_home", files: users, args: arg("~"), want: s("/home/ann")},
		{name: "expand_home", files: users, args: arg("~/"), want: s("/home/ann/")},
		{name: "expand_home", files: users, args: arg("~/x/y/"), want: s("/home/ann/x/y/")},
		{name: "expand_home", files: users, args: arg("~bob/z"), want: s("/srv/bob/z")},
		{name: "expand_home", files: users, args: arg("~bob"), want: s("/srv/bob")},
		{name: "expand_home", files: users, args: arg("~root/"), want: s("/root/")},
		{name: "expand_home", files: users, args: arg("/a/~/b"), want: s("/a/~/b")},
		{name: "expand_home", files: users, args: arg("~carl/x"), err: `unknown user "carl"`},
		// Without the uid, $HOME is the current user's home.
		{name: "expand_home", files: noUID, env: []string{"HOME=/h"}, args: arg("~/x"), want: s("/h/x")},
		{name: "expand_home", files: noUID, args: arg("~/x"), err: "/proc/self/status"},
		{name: "home", files: users, args: arg("ann"), want: s("/home/ann/")},
		{name: "home", files: users, args: arg("bob"), want: s("/srv/bob/")},
		{name: "home", files: users, args: arg("nis"), err: `unknown user "nis"`},
		{name: "uid", files: users, args: arg("bob"), want: s("1001")},
		{name: "uid", files: users, args: arg("carl"), err: `unknown user "carl"`},
		{name: "uid", args: arg("ann"), err: "read /etc/passwd"},
		{name: "user_exists", files: users, args: arg("ann"), want: b(true), watches: passwd},
		{name: "user_exists", files: users, args: arg("carl"), want: b(false), watches: passwd},
		{name: "user_exists", files: users, args: arg(""), want: b(false), watches: passwd},
	})
}

func TestArgs(t *testing.T) {
	run(t, []tc{
		{name: "args", files: map[string]string{"/proc/self/cmdline": "mgmt\x00run\x00--hostname\x00h 1\x00"},
			want: fakehost.Strs("mgmt", "run", "--hostname", "h 1")},
		{name: "args", want: fakehost.Strs()},
	})
}

func TestVirtual(t *testing.T) {
	linux := "Linux\n"
	run(t, []tc{
		{name: "is_virtual", files: map[string]string{
			"/proc/sys/kernel/ostype": linux,
			"/proc/cpuinfo":           "processor\t: 0\nflags\t\t: fpu vme hypervisor lahf_lm\n",
		}, want: b(true)},
		{name: "is_virtual", files: map[string]string{
			"/proc/sys/kernel/ostype":      linux,
			"/proc/cpuinfo":                "processor\t: 0\nflags\t\t: fpu vme\n",
			"/sys/class/dmi/id/sys_vendor": "QEMU\n",
		}, want: b(true)},
		{name: "is_virtual", files: map[string]string{
			"/proc/sys/kernel/ostype":        linux,
			"/proc/cpuinfo":                  "processor\t: 0\nflags\t\t: fpu vme\n",
			"/sys/class/dmi/id/product_name": "ThinkPad X1\n",
		}, want: b(false)},
		{name: "is_virtual", files: map[string]string{"/proc/sys/kernel/ostype": linux}, err: "read /proc/cpuinfo"},
		{name: "is_virtual", files: map[string]string{"/proc/sys/kernel/ostype": "FreeBSD\n"}, err: `"freebsd" is not Linux`},
		{name: "is_virtual", err: "operating system unknown"},
	})
}

func TestModinfo(t *testing.T) {
	mods := map[string]string{"/proc/modules": "nf_tables 368640 0 - Live 0x0000000000000000\nkvm_intel 413696 0 - Live 0x0\nkvm 1396736 1 kvm_intel, Live 0x0\n"}
	watches := []hostabi.WatchSpec{pathWatch("/proc/modules"), {Kind: hostabi.WatchInterval, IntervalMS: modulesPollMS}}
	run(t, []tc{
		{name: "modinfo_loaded", files: mods, args: []hostabi.Value{s("kvm")}, want: b(true), watches: watches},
		{name: "modinfo_loaded", files: mods, args: []hostabi.Value{s("kvm_amd")}, want: b(false), watches: watches},
		{name: "modinfo_loaded", files: mods, args: []hostabi.Value{s("Live")}, want: b(false), watches: watches},
		{name: "modinfo_loaded", args: []hostabi.Value{s("kvm")}, err: "read /proc/modules", watches: watches},
	})
}

func TestReference(t *testing.T) {
	fakehost.CheckReference(t, Funcs(), "testdata/functions.tsv")
}
