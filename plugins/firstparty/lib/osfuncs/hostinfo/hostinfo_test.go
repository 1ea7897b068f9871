package hostinfo_test

import (
	"encoding/binary"
	"os"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

func TestParseCPUList(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int64
		err  bool
	}{
		{"0", 1, false},
		{"0-7\n", 8, false},
		{"2,4-31,32-63", 61, false},
		{"", 0, true},
		{"0,", 0, true},
		{"a-3", 0, true},
		{"5-2", 0, true},
	} {
		got, err := hostinfo.ParseCPUList(c.in)
		if (err != nil) != c.err || got != c.want {
			t.Errorf("ParseCPUList(%q) = %d, %v; want %d, error %v", c.in, got, err, c.want, c.err)
		}
	}
}

func TestUsableCPUs(t *testing.T) {
	h := fakehost.New(t, map[string]string{
		"/proc/self/status":              "Name:\tx\nCpus_allowed_list:\t1,3\n",
		"/sys/devices/system/cpu/online": "0-7\n",
	})
	if n, err := hostinfo.UsableCPUs(h); err != nil || n != 2 {
		t.Errorf("UsableCPUs with an affinity of 2 = %d, %v", n, err)
	}
	h = fakehost.New(t, map[string]string{"/sys/devices/system/cpu/online": "0-7\n"})
	if n, err := hostinfo.UsableCPUs(h); err != nil || n != 8 {
		t.Errorf("UsableCPUs without an affinity = %d, %v; want the 8 online", n, err)
	}
}

func TestPIDs(t *testing.T) {
	for stat, want := range map[string][2]int64{
		"17 (mgmt) S 1 17 17 0":           {17, 1},
		"4242 (a) b (c)) R 99 4242 0 0 0": {4242, 99},
	} {
		h := fakehost.New(t, map[string]string{"/proc/self/stat": stat})
		pid, ppid, err := hostinfo.PIDs(h)
		if err != nil || pid != want[0] || ppid != want[1] {
			t.Errorf("PIDs of %q = %d, %d, %v; want %v", stat, pid, ppid, err, want)
		}
	}
	h := fakehost.New(t, map[string]string{"/proc/self/stat": "garbage"})
	if _, _, err := hostinfo.PIDs(h); err == nil {
		t.Error("PIDs of garbage: no error")
	}
}

func TestParseOSRelease(t *testing.T) {
	got := hostinfo.ParseOSRelease("# c\nID=fedora\nNAME=\"Fedora \\\"Linux\\\" \\$x\"\nPRETTY='a b'\n\nbroken\nEMPTY=\n")
	want := map[string]string{"ID": "fedora", "NAME": `Fedora "Linux" $x`, "PRETTY": "a b", "EMPTY": ""}
	if len(got) != len(want) {
		t.Fatalf("ParseOSRelease = %q, want %q", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
}

func TestCwd(t *testing.T) {
	h := fakehost.New(t, map[string]string{"/work/f": ""})
	for _, c := range []struct {
		env  []string
		want string
	}{
		{[]string{"PWD=/work/"}, "/work"},
		{[]string{"PWD=/work/f"}, ""}, // a file, not a directory
		{[]string{"PWD=/gone"}, ""},
		{[]string{"PWD=work"}, ""},
		{nil, ""},
	} {
		h.Env = c.env
		got, err := hostinfo.Cwd(h)
		if got != c.want || (err != nil) != (c.want == "") {
			t.Errorf("Cwd with %q = %q, %v; want %q", c.env, got, err, c.want)
		}
	}
}

func TestRunShellArgs(t *testing.T) {
	h := fakehost.New(t, nil)
	out, err := hostinfo.RunShell(h, `printf '%s|' "$@"`, "a b", "$HOME", "")
	if err != nil || string(out) != "a b|$HOME||" {
		t.Fatalf("RunShell = %q, %v; want the arguments unexpanded", out, err)
	}
}

// auxv encodes (type, value) pairs as a 64-bit little-endian auxiliary
// vector.
func auxv(pairs ...uint64) string {
	b := make([]byte, 8*len(pairs))
	for i, p := range pairs {
		binary.LittleEndian.PutUint64(b[8*i:], p)
	}
	return string(b)
}

func TestPageSize(t *testing.T) {
	smaps := "55d0 r--p 00000000 08:01 1 /usr/bin/mgmt\nSize:  16 kB\nKernelPageSize:       64 kB\n"
	for _, c := range []struct {
		files map[string]string
		want  int64
	}{
		{map[string]string{"/proc/self/auxv": auxv(33, 7, 6, 16384, 0, 0)}, 16384},
		// A vector without AT_PAGESZ, or an odd size, falls back to smaps.
		{map[string]string{"/proc/self/auxv": auxv(33, 7, 0, 0, 6, 4096), "/proc/self/smaps": smaps}, 65536},
		{map[string]string{"/proc/self/auxv": auxv(6, 1000, 0, 0), "/proc/self/smaps": smaps}, 65536},
		{map[string]string{"/proc/self/smaps": smaps}, 65536},
		{nil, 0},
	} {
		got, err := hostinfo.PageSize(fakehost.New(t, c.files))
		if got != c.want || (err != nil) != (c.want == 0) {
			t.Errorf("PageSize of %q = %d, %v; want %d", c.files, got, err, c.want)
		}
	}
	// The machine's own vector says what Go's runtime says.
	real := &fakehost.Host{}
	if got, err := hostinfo.PageSize(real); err != nil || got != int64(os.Getpagesize()) {
		t.Errorf("PageSize of this machine = %d, %v; want %d", got, err, os.Getpagesize())
	}
}
