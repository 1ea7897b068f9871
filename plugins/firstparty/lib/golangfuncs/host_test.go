package golangfuncs

import (
	"math"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// newHost returns a fake host whose mgmt process is pid 4242 of uid 1000
// (effective 1001), gid 100 (effective 101), may run on 4 CPUs, and works
// in /work.
func newHost(t *testing.T) *fakehost.Host {
	h := fakehost.New(t, map[string]string{
		"/proc/self/status":         "Name:\tmgmt\nUid:\t1000\t1001\t1000\t1000\nGid:\t100\t101\t100\t100\nCpus_allowed_list:\t0-2,5\n",
		"/proc/self/stat":           "4242 (mg mt) x) S 4200 4242 4200 0 -1\n",
		"/proc/self/smaps":          "55d0 r--p 00000000 08:01 1 /usr/bin/mgmt\nSize:                 16 kB\nKernelPageSize:        4 kB\n",
		"/proc/sys/kernel/hostname": "kernelhost\n",
		"/work/file.txt":            "hello\n",
		"/opt/bin/tool":             "#!/bin/sh\n",
		"/usr/bin/tool":             "#!/bin/sh\n",
		"/usr/bin/only":             "#!/bin/sh\n",
	})
	h.Mkdir(t, "/opt/bin/dir")
	h.Env = []string{"PWD=/work", "HOME=/home/ann", "FOO=bar", "FOO=second", "XDG_CONFIG_HOME=/cfg",
		"PATH=/opt/bin:/usr/bin", "GOROOT=/go/root", "GOMAXPROCS=7"}
	h.Name = "nodename"
	return h
}

// realHost returns a host of the real machine (for programs run through
// Exec, which see real paths) with dir as its working directory.
func realHost(dir string) *fakehost.Host {
	return &fakehost.Host{Env: []string{"PWD=" + dir}}
}

// hostTable has the functions that ask the host.
func hostTable(t *testing.T) []tc {
	bare := fakehost.New(t, nil)
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "real"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target/x", filepath.Join(dir, "rel")); err != nil {
		t.Fatal(err)
	}
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	temp := regexp.MustCompile("^" + regexp.QuoteMeta(dir) + `/x[0-9]+y$`)
	return []tc{
		{name: "os.executable", host: realHost(dir), want: s(self)},
		{name: "os.expand_env", args: a(s("$HOME/x ${FOO} $NOPE.")), want: s("/home/ann/x bar .")},
		{name: "os.getegid", want: i(101)},
		{name: "os.geteuid", want: i(1001)},
		{name: "os.getgid", want: i(100)},
		{name: "os.getuid", want: i(1000)},
		{name: "os.getuid", host: bare, err: "/proc/self/status"},
		{name: "os.getenv", args: a(s("FOO")), want: s("bar")},
		{name: "os.getenv", args: a(s("NOPE")), want: s("")},
		{name: "os.getpagesize", want: i(4096)},
		{name: "os.getpid", want: i(4242)},
		{name: "os.getppid", want: i(4200)},
		{name: "os.getwd", want: s("/work")},
		{name: "os.getwd", host: bare, err: "$PWD"},
		{name: "os.hostname", want: s("kernelhost")},
		{name: "os.hostname", host: &fakehost.Host{Root: bare.Root, Name: "nodename"}, want: s("nodename")},
		{name: "os.mkdir_temp", host: realHost(dir), args: a(s(dir), s("x*y")), check: func(t *testing.T, v hostabi.Value) {
			p := string(v.(hostabi.StrValue))
			if !temp.MatchString(p) {
				t.Fatalf("mkdir_temp = %q, want %s", p, temp)
			}
			if fi, err := os.Stat(p); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o700 {
				t.Fatalf("mkdir_temp made %v, %v; want a directory of mode 0700", fi, err)
			}
		}},
		{name: "os.mkdir_temp", args: a(s(""), s("a/b")), err: "pattern contains path separator"},
		{name: "os.mkdir_temp", host: realHost(dir), args: a(s(dir+"/missing"), s("x")), err: "mkdirtemp"},
		{name: "os.read_file", args: a(s("file.txt")), want: s("hello\n")},
		{name: "os.read_file", args: a(s("/nope")), err: "read /nope"},
		{name: "os.readlink", host: realHost(dir), args: a(s("rel")), want: s("target/x")},
		{name: "os.readlink", host: realHost(dir), args: a(s("real")), err: "readlink real"},
		{name: "os.temp_dir", want: s("/tmp")},
		{name: "os.temp_dir", host: &fakehost.Host{Env: []string{"TMPDIR=/var/t"}}, want: s("/var/t")},
		{name: "os.user_cache_dir", want: s("/home/ann/.cache")},
		{name: "os.user_cache_dir", host: bare, err: "neither $XDG_CACHE_HOME nor $HOME"},
		{name: "os.user_config_dir", want: s("/cfg")},
		{name: "os.user_config_dir", host: &fakehost.Host{Env: []string{"XDG_CONFIG_HOME=rel"}}, err: "is relative"},
		{name: "os.user_home_dir", want: s("/home/ann")},
		{name: "os/exec.look_path", args: a(s("tool")), want: s("/opt/bin/tool")},
		{name: "os/exec.look_path", args: a(s("only")), want: s("/usr/bin/only")},
		{name: "os/exec.look_path", args: a(s("/usr/bin/only")), want: s("/usr/bin/only")},
		{name: "os/exec.look_path", args: a(s("dir")), err: "not found in $PATH"},
		{name: "os/exec.look_path", args: a(s("/opt/bin/dir")), err: "not a regular file"},

		{name: "path/filepath.abs", args: a(s("sub/../x")), want: s("/work/x")},
		{name: "path/filepath.abs", args: a(s("/a/../b")), want: s("/b")},
		{name: "path/filepath.abs", host: bare, args: a(s("x")), err: "working directory unknown"},
		{name: "path/filepath.eval_symlinks", host: realHost(dir), args: a(s(dir + "/link")), want: s(realDir + "/real")},
		{name: "path/filepath.eval_symlinks", host: realHost(dir), args: a(s(dir + "/rel")), err: "file does not exist"},
		{name: "path/filepath.eval_symlinks", args: a(s("link")), err: "only absolute paths"},

		{name: "runtime.cpu_profile", err: "removed from Go"},
		{name: "runtime.gomaxprocs", args: a(i(1)), want: i(7)},
		{name: "runtime.gomaxprocs", host: &fakehost.Host{Root: newHostRoot(t)}, args: a(i(1)), want: i(4)},
		{name: "runtime.goroot", want: s("/go/root")},
		{name: "runtime.num_cgo_call", check: between(0, math.MaxInt64)},
		{name: "runtime.num_cpu", want: i(4)},
		{name: "runtime.num_goroutine", check: between(1, 1e9)},
		{name: "runtime.read_trace", want: s("")},
		{name: "runtime.set_mutex_profile_fraction", args: a(i(-1)), check: between(0, math.MaxInt64)},
		{name: "runtime.stack", args: a(s(strings.Repeat(" ", 4096)), b(false)), check: between(1, 4097)},
		{name: "runtime.stack", args: a(s(""), b(true)), want: i(0)},
		{name: "runtime.version", want: s(runtime.Version())},

		{name: "math/rand.exp_float_64", check: between(math.SmallestNonzeroFloat64, math.Inf(1))},
		{name: "math/rand.float_64", check: between(0, 1)},
		{name: "math/rand.int", check: between(0, math.Inf(1))},
		{name: "math/rand.int_63", check: between(0, math.Inf(1))},
		{name: "math/rand.int_63_n", args: a(i(5)), check: between(0, 5)},
		{name: "math/rand.int_63_n", args: a(i(0)), err: "n must be positive"},
		{name: "math/rand.intn", args: a(i(3)), check: between(0, 3)},
		{name: "math/rand.intn", args: a(i(-1)), err: "n must be positive"},
		{name: "math/rand.norm_float_64", check: between(-math.MaxFloat64, math.MaxFloat64)},
		{name: "math/rand.read", args: a(s("abcd")), want: i(4)},
	}
}

// newHostRoot returns the root of a host like newHost's, without an
// environment.
func newHostRoot(t *testing.T) string { return newHost(t).Root }

func TestHost(t *testing.T) { run(t, newHost(t), hostTable(t)) }

// TestMutexProfileFraction checks that the rate set is the rate read back.
func TestMutexProfileFraction(t *testing.T) {
	fn := fakehost.Find(t, Funcs(), "golang/runtime.set_mutex_profile_fraction")
	old, _, err := fakehost.Call(t, fn, nil, i(5))
	if err != nil {
		t.Fatal(err)
	}
	defer runtime.SetMutexProfileFraction(int(old.(hostabi.IntValue)))
	if got, _, err := fakehost.Call(t, fn, nil, i(-1)); err != nil || !got.Equal(i(5)) {
		t.Fatalf("rate after setting 5 = %v, %v", got, err)
	}
}

// TestReference checks names, signatures and purity against
// functions.tsv.
func TestReference(t *testing.T) {
	fakehost.CheckReference(t, Funcs(), "testdata/functions.tsv")
}

// TestEveryFunctionCalled checks that the tables call every function.
func TestEveryFunctionCalled(t *testing.T) {
	called := map[string]bool{}
	for _, table := range [][]tc{mathTable(), textTable(), pathTable(), hostTable(t)} {
		for _, c := range table {
			called["golang/"+c.name] = true
		}
	}
	for _, fn := range Funcs() {
		if !called[fn.Name] {
			t.Errorf("%s is never called", fn.Name)
		}
		delete(called, fn.Name)
	}
	for name := range called {
		t.Errorf("the tables call %s, which does not exist", name)
	}
}

// TestNoHost checks that a host function without a host fails cleanly.
func TestNoHost(t *testing.T) {
	fn := fakehost.Find(t, Funcs(), "golang/os.getenv")
	if _, _, err := fakehost.Call(t, fn, nil, s("HOME")); err == nil || !strings.Contains(err.Error(), "no host") {
		t.Fatalf("getenv without a host: %v", err)
	}
}
