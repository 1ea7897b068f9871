package exec

import (
	"path"
	"strings"

	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// maxTimeout is the longest timeout in seconds (68 years), far from
// overflowing as milliseconds.
const maxTimeout = 1<<31 - 1

// Validate checks the params without touching the system.
func (r *res) Validate() error {
	if len(strings.Fields(r.main.line)) == 0 {
		return mgmt.ParamError("cmd", "the command is empty")
	}
	if len(r.main.args) > 0 {
		if r.main.shell != "" {
			return mgmt.ParamError("args", "args cannot be used with a shell (put them in cmd)")
		}
		if len(strings.Fields(r.main.line)) > 1 {
			return mgmt.ParamError("args", "args cannot be used when cmd has arguments too")
		}
	}
	if r.watch.line != "" {
		return mgmt.ParamError("watchcmd", "a watch command is not supported: it must keep running, "+
			"and a plugin cannot run a long-lived process; use watchfiles, or Meta:poll to run the command periodically")
	}
	for _, c := range []command{r.main, r.ifCmd, r.nifCmd, r.doneCmd, r.watch} {
		if err := c.validate(); err != nil {
			return err
		}
	}
	for _, name := range sortedKeys(r.env) {
		if name == "" || strings.ContainsAny(name, "=\x00") {
			return mgmt.ParamError("env", "invalid variable name %q", name)
		}
		if strings.ContainsRune(r.env[name], 0) {
			return mgmt.ParamError("env", "the value of %s contains a NUL byte", name)
		}
	}
	if r.timeout < 0 || r.timeout > maxTimeout {
		return mgmt.ParamError("timeout", "the timeout is %d s; it must be from 0 (none) to %d", r.timeout, maxTimeout)
	}
	if r.creates != "" && !path.IsAbs(r.creates) {
		return mgmt.ParamError("creates", "the path %q must be absolute", r.creates)
	}
	for _, p := range r.mtimes {
		if !path.IsAbs(p) {
			return mgmt.ParamError("mtimes", "the path %q must be absolute", p)
		}
	}
	for _, p := range r.watchFiles {
		if !path.IsAbs(p) {
			return mgmt.ParamError("watchfiles", "the path %q must be absolute", p)
		}
	}
	return nil
}

// validate checks one command's working directory and shell. An unset
// command (a guard not given) is valid whatever its other params say, as
// upstream ignores them.
func (c command) validate() error {
	if c.line == "" {
		return nil
	}
	if c.cwd != "" && !path.IsAbs(c.cwd) {
		return mgmt.ParamError(c.cwdParam(), "the working directory %q must be absolute", c.cwd)
	}
	if c.shell == "" && len(strings.Fields(c.line)) == 0 {
		return mgmt.ParamError(c.param, "the command is empty")
	}
	if c.shell != "" && strings.TrimSpace(c.shell) != c.shell {
		return mgmt.ParamError(c.shellParam(), "the shell %q has surrounding spaces", c.shell)
	}
	return nil
}

// cwdParam and shellParam name the command's cwd and shell params
// (cwd/shell for cmd, ifcwd/ifshell for ifcmd, and so on).
func (c command) cwdParam() string   { return strings.TrimSuffix(c.param, "cmd") + "cwd" }
func (c command) shellParam() string { return strings.TrimSuffix(c.param, "cmd") + "shell" }
