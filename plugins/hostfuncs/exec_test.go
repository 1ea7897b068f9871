package hostfuncs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// execute runs req through the exec import and decodes its response (an
// empty one, code 0, is a zero response: exit 0 and no output).
func execute(t *testing.T, m *wasmhost.Module, ctx context.Context, req *hostabi.ExecRequest) (int32, *hostabi.ExecResponse) {
	t.Helper()
	code, out := proxy(t, m, ctx, "exec", req)
	resp := &hostabi.ExecResponse{}
	if code > 0 {
		if err := resp.UnmarshalBinary(out); err != nil {
			t.Fatalf("exec response: %v", err)
		}
	}
	return code, resp
}

// requirePrograms skips the test unless the programs it runs exist.
func requirePrograms(t *testing.T, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			t.Skipf("%s: %v", p, err)
		}
	}
}

func TestExecRuns(t *testing.T) {
	requirePrograms(t, "/bin/sh", "/bin/echo")
	dir := t.TempDir()
	realDir, err := filepath.EvalSymlinks(dir)
	if err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "exec:/bin/sh", "exec:/bin/echo")
	sh := func(script string) hostabi.ExecRequest {
		return hostabi.ExecRequest{Path: "/bin/sh", Args: []string{"-c", script}}
	}
	withStdin := sh(`read line; echo "got:$line"`)
	withStdin.Stdin = []byte("abc\nignored\n")
	inDir := sh("pwd")
	inDir.Dir = dir
	unread := hostabi.ExecRequest{Path: "/bin/echo", Args: []string{"done"}, Stdin: bytes.Repeat([]byte("x"), 1<<20)}

	tests := []struct {
		name           string
		req            hostabi.ExecRequest
		exit           int64
		stdout, stderr string
		signal         string
	}{
		{"echo", hostabi.ExecRequest{Path: "/bin/echo", Args: []string{"hello", "world"}}, 0, "hello world\n", "", ""},
		{"no arguments", hostabi.ExecRequest{Path: "/bin/echo"}, 0, "\n", "", ""},
		{"an argument is not split or expanded", hostabi.ExecRequest{Path: "/bin/echo", Args: []string{"a b", "$HOME", "*"}}, 0, "a b $HOME *\n", "", ""},
		{"exit code and both outputs", sh("echo out; echo err >&2; exit 3"), 3, "out\n", "err\n", ""},
		{"stdin", withStdin, 0, "got:abc\n", "", ""},
		{"no stdin reads nothing", sh(`if read line; then echo "read:$line"; else echo eof; fi`), 0, "eof\n", "", ""},
		{"stdin the program does not read", unread, 0, "done\n", "", ""},
		{"working directory", inDir, 0, realDir + "\n", "", ""},
		{"working directory defaults to /", sh("pwd"), 0, "/\n", "", ""},
		{"ended by SIGTERM", sh("kill -TERM $$"), -1, "", "", "terminated"},
		{"ended by SIGKILL", sh("echo before; kill -KILL $$"), -1, "before\n", "", "killed"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, resp := execute(t, m, ctx, &tc.req)
			if code <= 0 {
				t.Fatalf("code %d", code)
			}
			if resp.ExitCode != tc.exit || string(resp.Stdout) != tc.stdout || string(resp.Stderr) != tc.stderr || resp.Signal != tc.signal || resp.Truncated {
				t.Errorf("got exit %d, stdout %q, stderr %q, signal %q, truncated %v\nwant exit %d, stdout %q, stderr %q, signal %q",
					resp.ExitCode, resp.Stdout, resp.Stderr, resp.Signal, resp.Truncated, tc.exit, tc.stdout, tc.stderr, tc.signal)
			}
		})
	}
}

func TestExecCapabilities(t *testing.T) {
	requirePrograms(t, "/bin/sh", "/bin/echo")
	realSh, _ := filepath.EvalSymlinks("/bin/sh")
	realEcho, _ := filepath.EvalSymlinks("/bin/echo")
	if realSh == realEcho {
		t.Skipf("/bin/sh and /bin/echo are one program here (%s)", realSh)
	}
	dir := t.TempDir()
	toEcho, toSh, shAlias := filepath.Join(dir, "to-echo"), filepath.Join(dir, "to-sh"), filepath.Join(dir, "sh-alias")
	plain, missing := filepath.Join(dir, "plain"), filepath.Join(dir, "missing")
	for _, err := range []error{
		os.Symlink("/bin/echo", toEcho),
		os.Symlink("/bin/sh", toSh),
		os.Symlink("/bin/sh", shAlias),
		os.WriteFile(plain, []byte("#!/bin/sh\necho hi\n"), 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	m := loadCaller(t, &bytes.Buffer{})
	denied := -int32(hostabi.CodeDenied)

	tests := []struct {
		name   string
		grants []string
		path   string
		want   int32 // 0: it ran
	}{
		{"the granted program", []string{"exec:/bin/sh"}, "/bin/sh", 0},
		{"a program not granted", []string{"exec:/bin/sh"}, "/bin/echo", denied},
		{"a symlink to a program not granted", []string{"exec:/bin/sh"}, toEcho, denied},
		{"a symlink to the granted program", []string{"exec:/bin/sh"}, toSh, 0},
		{"a grant behind a symlink", []string{"exec:" + shAlias}, "/bin/sh", 0},
		{"the resolved program, granted by its real path", []string{"exec:" + realSh}, "/bin/sh", 0},
		{"no grants", nil, "/bin/sh", denied},
		{"file system grants only", []string{"fs.read:/", "fs.write:/"}, "/bin/sh", denied},
		{"exec:* runs anything", []string{"exec:*"}, "/bin/echo", 0},
		{"exec:* through a symlink", []string{"exec:*"}, toEcho, 0},
		{"exec:* and a missing program", []string{"exec:*"}, missing, -int32(hostabi.CodeNotFound)},
		{"a granted missing program", []string{"exec:" + missing}, missing, -int32(hostabi.CodeNotFound)},
		{"a missing program not granted", []string{"exec:/bin/sh"}, missing, denied},
		{"a file that is not executable", []string{"exec:*"}, plain, denied},
		{"a directory", []string{"exec:*"}, dir, denied},
		{"a relative path", []string{"exec:*"}, "bin/sh", -int32(hostabi.CodeInvalid)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, resp := execute(t, m, grantedCtx(t, tc.grants...), &hostabi.ExecRequest{Path: tc.path, Args: []string{"-c", "echo ran"}})
			if tc.want != 0 {
				if code != tc.want {
					t.Fatalf("code %d, want %d", code, tc.want)
				}
				return
			}
			if code <= 0 || resp.ExitCode != 0 || !strings.Contains(string(resp.Stdout), "ran") {
				t.Fatalf("code %d, %+v", code, resp)
			}
		})
	}
}

func TestExecBadRequests(t *testing.T) {
	requirePrograms(t, "/bin/echo")
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "exec:/bin/echo")
	invalid := -int32(hostabi.CodeInvalid)
	tests := []struct {
		name string
		req  hostabi.ExecRequest
		want int32
	}{
		{"an environment entry without =", hostabi.ExecRequest{Path: "/bin/echo", Env: []string{"NOVALUE"}}, invalid},
		{"an environment entry without a name", hostabi.ExecRequest{Path: "/bin/echo", Env: []string{"=x"}}, invalid},
		{"a NUL in the environment", hostabi.ExecRequest{Path: "/bin/echo", Env: []string{"A=\x00"}}, invalid},
		{"a NUL in an argument", hostabi.ExecRequest{Path: "/bin/echo", Args: []string{"a\x00b"}}, invalid},
		{"a relative working directory", hostabi.ExecRequest{Path: "/bin/echo", Dir: "tmp"}, invalid},
		{"a missing working directory", hostabi.ExecRequest{Path: "/bin/echo", Dir: "/no/such/dir/mgmt"}, -int32(hostabi.CodeNotFound)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, _ := execute(t, m, ctx, &tc.req); code != tc.want {
				t.Fatalf("code %d, want %d", code, tc.want)
			}
		})
	}
}

func TestExecEnvironment(t *testing.T) {
	requirePrograms(t, "/usr/bin/env")
	t.Setenv("MGMT_HOSTFUNCS_SECRET", "inherited")
	t.Setenv("MGMT_HOSTFUNCS_OVERRIDE", "old")
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "exec:/usr/bin/env")
	lines := func(b []byte) []string { return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") }

	tests := []struct {
		name  string
		req   hostabi.ExecRequest
		exact []string // the whole environment, in order
	}{
		{"empty", hostabi.ExecRequest{Path: "/usr/bin/env"}, []string{""}},
		{"exactly what is given", hostabi.ExecRequest{Path: "/usr/bin/env", Env: []string{"B=2", "A=1", "EMPTY="}}, []string{"B=2", "A=1", "EMPTY="}},
		{"a later entry replaces an earlier one", hostabi.ExecRequest{Path: "/usr/bin/env", Env: []string{"A=1", "B=2", "A=3"}}, []string{"A=3", "B=2"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, resp := execute(t, m, ctx, &tc.req)
			if got := lines(resp.Stdout); code < 0 || strings.Join(got, "\n") != strings.Join(tc.exact, "\n") {
				t.Fatalf("code %d, environment %q, want %q", code, got, tc.exact)
			}
		})
	}

	t.Run("inherit_env", func(t *testing.T) {
		code, resp := execute(t, m, ctx, &hostabi.ExecRequest{Path: "/usr/bin/env", InheritEnv: true, Env: []string{"MGMT_HOSTFUNCS_OVERRIDE=new", "MGMT_HOSTFUNCS_ADDED=1"}})
		if code <= 0 {
			t.Fatalf("code %d", code)
		}
		count := map[string]int{}
		for _, l := range lines(resp.Stdout) {
			count[l]++
		}
		for _, want := range []string{"MGMT_HOSTFUNCS_SECRET=inherited", "MGMT_HOSTFUNCS_OVERRIDE=new", "MGMT_HOSTFUNCS_ADDED=1"} {
			if count[want] != 1 {
				t.Errorf("%s appears %d times in\n%s", want, count[want], resp.Stdout)
			}
		}
		if count["MGMT_HOSTFUNCS_OVERRIDE=old"] != 0 {
			t.Errorf("the inherited value was not replaced:\n%s", resp.Stdout)
		}
		if home := os.Getenv("HOME"); home != "" && count["HOME="+home] != 1 {
			t.Errorf("HOME was not inherited:\n%s", resp.Stdout)
		}
	})
}

func TestExecOutputTruncated(t *testing.T) {
	requirePrograms(t, "/bin/sh", "/usr/bin/yes", "/usr/bin/head")
	old := maxExecOutput
	maxExecOutput = 1000
	t.Cleanup(func() { maxExecOutput = old })
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "exec:/bin/sh")
	lines := func(n int) string { return strings.Repeat("012345678\n", n) } // 10 bytes a line
	sh := func(script string) *hostabi.ExecRequest {
		return &hostabi.ExecRequest{Path: "/bin/sh", Args: []string{"-c", script}, Env: []string{"PATH=/usr/bin:/bin"}}
	}

	tests := []struct {
		name           string
		req            *hostabi.ExecRequest
		stdout, stderr string
		truncated      bool
	}{
		{"stdout over the limit", sh("yes 012345678 | head -n 550; echo small >&2"), lines(100), "small\n", true},
		{"stderr over the limit", sh("yes 012345678 | head -n 550 >&2; echo small"), "small\n", lines(100), true},
		// 1 MB through a 64 KiB pipe: the rest is read and dropped, so
		// the program is not blocked and exits by itself.
		{"far over the limit", sh("yes 012345678 | head -n 100000"), lines(100), "", true},
		{"exactly the limit", sh("yes 012345678 | head -n 100"), lines(100), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, resp := execute(t, m, ctx, tc.req)
			if code <= 0 || resp.ExitCode != 0 || resp.Signal != "" {
				t.Fatalf("code %d, exit %d, signal %q", code, resp.ExitCode, resp.Signal)
			}
			if string(resp.Stdout) != tc.stdout || string(resp.Stderr) != tc.stderr || resp.Truncated != tc.truncated {
				t.Errorf("stdout %d bytes, stderr %d bytes, truncated %v; want %d, %d, %v",
					len(resp.Stdout), len(resp.Stderr), resp.Truncated, len(tc.stdout), len(tc.stderr), tc.truncated)
			}
		})
	}
}

// A timeout kills the program's whole process group: a shell's background
// child dies with it, and the call returns long before the child would
// have ended by itself.
func TestExecTimeoutKillsGroup(t *testing.T) {
	requirePrograms(t, "/bin/sh", "/bin/sleep")
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "exec:/bin/sh")
	start := time.Now()
	code, resp := execute(t, m, ctx, &hostabi.ExecRequest{
		Path: "/bin/sh", Args: []string{"-c", "/bin/sleep 30 & echo $!; /bin/sleep 30"}, TimeoutMS: 300,
	})
	if took := time.Since(start); took > 15*time.Second {
		t.Fatalf("the call took %v", took)
	}
	if code <= 0 || resp.ExitCode != -1 || resp.Signal != "killed" {
		t.Fatalf("code %d, exit %d, signal %q", code, resp.ExitCode, resp.Signal)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(resp.Stdout)))
	if err != nil {
		t.Fatalf("the child's pid: %q", resp.Stdout)
	}
	if !waitGone(pid) {
		t.Errorf("the background child %d survived the timeout", pid)
	}
}

// When the call's own deadline passes (timeout_ms 0), the group is killed
// too; the call then fails with its deadline.
func TestExecCallDeadlineKillsGroup(t *testing.T) {
	requirePrograms(t, "/bin/sh", "/bin/sleep")
	pidFile := filepath.Join(t.TempDir(), "pid")
	m := loadCaller(t, &bytes.Buffer{})
	ctx, cancel := context.WithTimeout(grantedCtx(t, "exec:/bin/sh"), 500*time.Millisecond)
	defer cancel()
	req, err := (&hostabi.ExecRequest{Path: "/bin/sh", Args: []string{"-c", "/bin/sleep 30 & echo $! > " + pidFile + "; /bin/sleep 30"}}).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if _, err := m.Call(ctx, "exec", req); err == nil {
		t.Error("the call outlived its deadline")
	}
	if took := time.Since(start); took > 15*time.Second {
		t.Fatalf("the call took %v", took)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatalf("the child's pid: %q", b)
	}
	if !waitGone(pid) {
		t.Errorf("the background child %d survived the deadline", pid)
	}
}

// waitGone waits up to 10 seconds for process pid to be gone: no longer
// in /proc, or a zombie that only waits for its new parent to reap it.
func waitGone(pid int) bool {
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
		if os.IsNotExist(err) {
			return true
		}
		// The state follows the command name, which is in parentheses.
		if i := bytes.LastIndexByte(b, ')'); err == nil && i >= 0 && i+2 < len(b) && (b[i+2] == 'Z' || b[i+2] == 'X') {
			return true
		}
	}
	return false
}
