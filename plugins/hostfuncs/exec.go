package hostfuncs

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/tetratelabs/wazero/api"
)

// maxExecOutput is the most bytes of standard output, and of standard
// error, that exec returns (ABI §7); the rest is read and dropped, and the
// response says Truncated. A variable so that tests can lower it.
var maxExecOutput = hostabi.MaxStringLen

// execWaitDelay bounds how long exec waits, once the program has exited,
// for processes it left running to close its standard output and error.
const execWaitDelay = time.Second

// execImport is the exec import: it runs the program at the request's
// absolute path, resolved through its symlinks, if the caller holds exec
// on that resolved path or exec:*. See run for how.
func (env Env) execImport(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ExecRequest{}
	program, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpExec, func() string { return req.Path }, true)
	if code != 0 {
		return code
	}
	resp, err := run(ctx, program, req)
	if err != nil {
		c := callerOf(ctx)
		env.Log.DebugContext(ctx, "exec failed", "plugin", c.Plugin, "resource", c.Resource, "err", err)
		return osCode(err)
	}
	return marshalRespond(ctx, m, outPtr, resp)
}

// run runs program (the resolved req.Path; argv[0] stays req.Path) to
// completion, without a shell, in a process group of its own: with
// exactly the environment execEnv builds, in req.Dir ("" is "/"), with
// req.Stdin as its standard input (nothing: /dev/null), capturing up to
// maxExecOutput bytes of each output. When req.TimeoutMS passes, or ctx is
// done (the call's deadline), the whole group gets SIGKILL, so children of
// a shell die too, and the response says Signal "killed" with the output
// so far. Processes the program leaves behind when it exits by itself are
// not killed; exec waits at most execWaitDelay for them to close its
// output. A program that cannot be started is an error (not_found,
// denied); one that ran is a response, whatever its exit.
func run(ctx context.Context, program string, req *hostabi.ExecRequest) (*hostabi.ExecResponse, error) {
	env, err := execEnv(req)
	if err != nil {
		return nil, err
	}
	dir := req.Dir
	if dir == "" {
		dir = "/"
	}
	if !filepath.IsAbs(dir) {
		return nil, invalid("the working directory is not absolute: " + dir)
	}
	for _, s := range append([]string{req.Path, dir}, req.Args...) {
		if strings.IndexByte(s, 0) >= 0 {
			return nil, invalid(fmt.Sprintf("a NUL byte in the path, directory or argument %q", s))
		}
	}
	if ms := req.TimeoutMS; ms > 0 && ms <= math.MaxInt64/uint64(time.Millisecond) {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, time.Duration(ms)*time.Millisecond)
		defer cancel()
	}

	cmd := exec.CommandContext(ctx, program)
	cmd.Args = append([]string{req.Path}, req.Args...)
	cmd.Env = env
	cmd.Dir = dir
	if len(req.Stdin) > 0 {
		cmd.Stdin = bytes.NewReader(req.Stdin)
	}
	stdout, stderr := &capped{limit: maxExecOutput}, &capped{limit: maxExecOutput}
	cmd.Stdout, cmd.Stderr = stdout, stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	cmd.WaitDelay = execWaitDelay

	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("exec %s: start: %w", req.Path, err)
	}
	waitErr := cmd.Wait()
	st := cmd.ProcessState
	if st == nil {
		return nil, fmt.Errorf("exec %s: wait: %w", req.Path, waitErr)
	}
	resp := &hostabi.ExecResponse{
		ExitCode:  int64(st.ExitCode()),
		Stdout:    stdout.buf,
		Stderr:    stderr.buf,
		Truncated: stdout.cut || stderr.cut,
	}
	if ws, ok := st.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		resp.ExitCode, resp.Signal = -1, ws.Signal().String()
	}
	return resp, nil
}

// execEnv builds a program's whole environment: req.Env alone, or with
// InheritEnv the host process's environment with req.Env applied over it.
// An entry replaces an earlier one of the same NAME, in its place. The
// slice is never nil, since os/exec passes the host's environment for a
// nil one. An entry that is not NAME=value, or holds a NUL byte, is
// invalid.
func execEnv(req *hostabi.ExecRequest) ([]string, error) {
	env := make([]string, 0, len(req.Env))
	at := map[string]int{}
	set := func(kv string) {
		name, _, _ := strings.Cut(kv, "=")
		if i, ok := at[name]; ok {
			env[i] = kv
			return
		}
		at[name] = len(env)
		env = append(env, kv)
	}
	if req.InheritEnv {
		for _, kv := range os.Environ() {
			set(kv)
		}
	}
	for _, kv := range req.Env {
		if name, _, ok := strings.Cut(kv, "="); !ok || name == "" || strings.IndexByte(kv, 0) >= 0 {
			return nil, invalid(fmt.Sprintf("environment entry %q is not NAME=value", kv))
		}
		set(kv)
	}
	return env, nil
}

// invalid is the error of a request with bad content.
func invalid(msg string) error {
	return &hostabi.ABIError{Code: hostabi.CodeInvalid, Message: msg}
}

// capped keeps the first limit bytes written to it and drops the rest,
// noting that it did; it never fails, so the program is never blocked or
// broken by a full pipe.
type capped struct {
	buf   []byte
	limit int
	cut   bool
}

// Write keeps what fits under the limit.
func (w *capped) Write(p []byte) (int, error) {
	n := len(p)
	if room := w.limit - len(w.buf); len(p) > room {
		p, w.cut = p[:max(room, 0)], true
	}
	w.buf = append(w.buf, p...)
	return n, nil
}
