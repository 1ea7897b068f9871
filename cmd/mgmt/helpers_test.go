package main

// End-to-end tests of the mgmt binary: TestMain builds it once, and every
// test runs it as a real process with os/exec, on files in its own
// t.TempDir(). The timeouts below are hang guards only; no test asserts how
// long anything took.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Hang guards.
const (
	// exitGuard bounds a run that is expected to end by itself.
	exitGuard = 60 * time.Second
	// pollGuard bounds waiting for a condition to come true.
	pollGuard = 30 * time.Second
)

// mgmtBin is the binary built by TestMain.
var mgmtBin string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "mgmt-e2e-bin-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: temp dir:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	mgmtBin = filepath.Join(dir, "mgmt")
	args := []string{"build", "-o", mgmtBin}
	if os.Getenv("MGMT_E2E_RACE") != "" {
		args = append(args, "-race") // also look for data races in the binary
	}
	build := exec.Command(goTool(), append(args, ".")...)
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: go build:", err)
		return 1
	}
	return m.Run()
}

// goTool is the go command of the toolchain running the tests.
func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return "go"
}

// syncBuffer is a bytes.Buffer that may be read while the process writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// proc is a running mgmt.
type proc struct {
	t              *testing.T
	cmd            *exec.Cmd
	stdout, stderr *syncBuffer
	done           chan struct{} // closed when the process has exited
	waitErr        error
}

// env is the environment of every mgmt: no MGMT_PREFIX from the caller, and
// a TMPDIR of the test's own, so that --tmp-prefix stays inside it.
func env(t *testing.T) []string {
	var out []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "MGMT_PREFIX=") || strings.HasPrefix(kv, "TMPDIR=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "TMPDIR="+t.TempDir())
}

// start starts mgmt with args. The process is killed at the end of the test
// if it is still running.
func start(t *testing.T, args ...string) *proc {
	t.Helper()
	p := &proc{t: t, stdout: &syncBuffer{}, stderr: &syncBuffer{}, done: make(chan struct{})}
	p.cmd = exec.Command(mgmtBin, args...)
	p.cmd.Env = env(t)
	p.cmd.Stdout, p.cmd.Stderr = p.stdout, p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("start mgmt %s: %v", strings.Join(args, " "), err)
	}
	go func() {
		p.waitErr = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		select {
		case <-p.done:
		default:
			_ = p.cmd.Process.Kill()
			<-p.done
			t.Logf("mgmt %s was still running; killed it. stderr:\n%s", strings.Join(args, " "), p.stderr.String())
		}
	})
	return p
}

// wait waits for the process to exit and returns its exit code. It fails the
// test if the process is still running after guard.
func (p *proc) wait(guard time.Duration) int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(guard):
		_ = p.cmd.Process.Kill()
		<-p.done
		p.t.Fatalf("mgmt %s did not exit within the %v hang guard; stderr:\n%s",
			strings.Join(p.cmd.Args[1:], " "), guard, p.stderr.String())
	}
	var ee *exec.ExitError
	if p.waitErr != nil && !errors.As(p.waitErr, &ee) {
		p.t.Fatalf("wait for mgmt: %v", p.waitErr)
	}
	return p.cmd.ProcessState.ExitCode() // -1 when killed by a signal
}

// running reports whether the process has not exited yet.
func (p *proc) running() bool {
	select {
	case <-p.done:
		return false
	default:
		return true
	}
}

// signal sends sig to the process.
func (p *proc) signal(sig os.Signal) {
	p.t.Helper()
	if err := p.cmd.Process.Signal(sig); err != nil {
		p.t.Fatalf("signal %v: %v", sig, err)
	}
}

// stop sends SIGTERM and expects a clean exit.
func (p *proc) stop() {
	p.t.Helper()
	p.signal(syscall.SIGTERM)
	if code := p.wait(exitGuard); code != 0 {
		p.t.Fatalf("after SIGTERM mgmt exited with %d, want 0; stderr:\n%s", code, p.stderr.String())
	}
}

// result is a finished run.
type result struct {
	code           int
	stdout, stderr string
}

// runMgmt runs mgmt to completion under the exit hang guard.
func runMgmt(t *testing.T, args ...string) result {
	t.Helper()
	p := start(t, args...)
	code := p.wait(exitGuard)
	return result{code: code, stdout: p.stdout.String(), stderr: p.stderr.String()}
}

// eventually polls cond until it returns "" (met) or the guard expires,
// failing with cond's last explanation.
func eventually(t *testing.T, p *proc, what string, cond func() string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), pollGuard)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		why := cond()
		if why == "" {
			return
		}
		if p != nil && !p.running() {
			// One last look: the process may have done it and exited.
			if why = cond(); why == "" {
				return
			}
			t.Fatalf("%s: mgmt exited (code %d) first: %s; stderr:\n%s", what, p.cmd.ProcessState.ExitCode(), why, p.stderr.String())
		}
		select {
		case <-ctx.Done():
			msg := fmt.Sprintf("%s: not within the %v hang guard: %s", what, pollGuard, why)
			if p != nil {
				msg += "; stderr:\n" + p.stderr.String()
			}
			t.Fatal(msg)
		case <-tick.C:
		}
	}
}

// fileIs returns "" when path is a regular file with content and mode, else
// what differs.
func fileIs(path, content string, mode fs.FileMode) string {
	fi, err := os.Lstat(path)
	if err != nil {
		return err.Error()
	}
	if !fi.Mode().IsRegular() {
		return fmt.Sprintf("%s is %v, not a regular file", path, fi.Mode().Type())
	}
	if fi.Mode().Perm() != mode {
		return fmt.Sprintf("%s has mode %04o, want %04o", path, fi.Mode().Perm(), mode)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if string(b) != content {
		return fmt.Sprintf("%s contains %q, want %q", path, b, content)
	}
	return ""
}

// waitFile polls until path has content and mode.
func waitFile(t *testing.T, p *proc, path, content string, mode fs.FileMode) {
	t.Helper()
	eventually(t, p, "file "+path, func() string { return fileIs(path, content, mode) })
}

// waitLog polls until the process's stderr contains every one of subs.
func waitLog(t *testing.T, p *proc, subs ...string) {
	t.Helper()
	eventually(t, p, fmt.Sprintf("stderr with %q", subs), func() string {
		log := p.stderr.String()
		for _, s := range subs {
			if !strings.Contains(log, s) {
				return fmt.Sprintf("no %q yet", s)
			}
		}
		return ""
	})
}

// requireFile fails unless path has content and mode.
func requireFile(t *testing.T, path, content string, mode fs.FileMode) {
	t.Helper()
	if why := fileIs(path, content, mode); why != "" {
		t.Fatal(why)
	}
}

// requireAbsent fails if path exists.
func requireAbsent(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("%s exists (or cannot be checked: %v), want it absent", path, err)
	}
}

// writeYAML writes a graph to dir/name, after replacing every {{D}} with
// dir, and returns its path.
func writeYAML(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(expand(dir, text)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// replaceYAML atomically replaces the graph at path, as editors that save
// through a temporary file and a rename do.
func replaceYAML(t *testing.T, dir, path, text string) {
	t.Helper()
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(expand(dir, text)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func expand(dir, text string) string { return strings.ReplaceAll(text, "{{D}}", dir) }

// requireExit fails unless r exited with code want.
func requireExit(t *testing.T, r result, want int) {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit code %d, want %d; stderr:\n%s", r.code, want, r.stderr)
	}
}

// requireFailed fails unless r exited with a non-zero code (and not by a
// signal).
func requireFailed(t *testing.T, r result) {
	t.Helper()
	if r.code <= 0 {
		t.Fatalf("exit code %d, want a failure (> 0); stderr:\n%s", r.code, r.stderr)
	}
}

// mustReplace replaces the one occurrence of old in s by new.
func mustReplace(t *testing.T, s, old, new string) string {
	t.Helper()
	if strings.Count(s, old) != 1 {
		t.Fatalf("%q is not in the text exactly once", old)
	}
	return strings.Replace(s, old, new, 1)
}
