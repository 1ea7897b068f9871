package exec

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// maxLogged is how much of a command's output the log shows.
const maxLogged = 16 << 10

// result is what a command that ran to its end did.
type result struct {
	cmd            command
	code           int64
	stdout, stderr []byte
}

// output is stdout then stderr (the host returns them apart, so they are
// not interleaved as upstream's combined output is).
func (o *result) output() string { return string(o.stdout) + string(o.stderr) }

// failed returns the error of a command that exited non-zero, naming it,
// its status and the last line of its stderr; nil when it exited 0.
func (o *result) failed() error {
	if o.code == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s [%s] exited with status %d", o.cmd.role, o.cmd.String(), o.code)
	if line := lastLine(o.stderr); line != "" {
		msg += ": " + line
	}
	return errors.New(msg)
}

// run runs c to its end with the resource's environment and timeout. A
// command that exits, even non-zero, is a result; one that cannot be
// looked up or started, is killed (by the timeout or a signal) or fails
// in the host is an error, which no guard may read as an answer.
func (r *res) run(ctx *mgmt.Context, c command) (*result, error) {
	prog, args := c.argv()
	pathList := defaultPath
	if p, ok := r.env["PATH"]; ok {
		pathList = p
	}
	stat := func(p string) (*hostabi.StatResponse, error) { return ctx.Stat(p, false) }
	abs, err := lookPath(stat, prog, c.cwd, pathList)
	if err != nil {
		return nil, fmt.Errorf("%s [%s]: %w", c.role, c.String(), err)
	}
	ctx.Log("%s: %s", c.role, c.String())
	resp, err := ctx.Exec(&hostabi.ExecRequest{
		Path:      abs,
		Args:      args,
		Env:       envList(r.env),
		Dir:       c.cwd,
		TimeoutMS: uint64(r.timeout) * 1000,
	})
	switch {
	case err != nil && errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeTimeout}):
		return nil, r.timedOut(c, err)
	case err != nil:
		return nil, fmt.Errorf("%s [%s]: %w", c.role, c.String(), err)
	case resp.Signal != "" || resp.ExitCode < 0:
		if r.timeout > 0 && resp.Signal == "killed" {
			return nil, r.timedOut(c, nil)
		}
		return nil, fmt.Errorf("%s [%s] was killed by signal %s (by something else, or at the host call's deadline)", c.role, c.String(), signalName(resp.Signal))
	}
	if resp.Truncated {
		ctx.Warn("%s: the output was cut at the host's limit", c.role)
	}
	o := &result{cmd: c, code: resp.ExitCode, stdout: resp.Stdout, stderr: resp.Stderr}
	logOutput(ctx, c.role, o)
	return o, nil
}

// timedOut is the error of a command the timeout (or the host call's
// deadline, when cause is a timeout error) ended.
func (r *res) timedOut(c command, cause error) error {
	var msg string
	if r.timeout > 0 {
		msg = fmt.Sprintf("%s [%s] timed out (timeout %d s) and was killed", c.role, c.String(), r.timeout)
	} else {
		msg = fmt.Sprintf("%s [%s] timed out and was killed", c.role, c.String())
	}
	if cause != nil {
		return fmt.Errorf("%s: %w", msg, cause)
	}
	return errors.New(msg)
}

// signalName names a signal the host reported, or says it did not.
func signalName(s string) string {
	if s == "" {
		return "(unnamed)"
	}
	return s
}

// logOutput logs what a command printed (upstream logs it too), at most
// maxLogged bytes of it.
func logOutput(ctx *mgmt.Context, role string, o *result) {
	out := o.output()
	if out == "" {
		ctx.Log("%s exited with status %d, without output", role, o.code)
		return
	}
	ctx.Log("%s exited with status %d, output:", role, o.code)
	if len(out) > maxLogged {
		ctx.Log("%s", out[:maxLogged])
		ctx.Log("(%d more bytes)", len(out)-maxLogged)
		return
	}
	ctx.Log("%s", out)
}
