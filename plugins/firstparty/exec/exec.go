// Package exec is the first-party exec kind: it runs a command, guarded by
// conditions, each time the engine applies it (when the graph starts, when
// one of its watches fires, and on a refresh notification), as upstream
// mgmt's exec resource does. A run is a change: without a guard that
// skips it, every apply runs the command again.
//
// Params (upstream's names and meanings):
//
//   - cmd (str): the command; the resource's name when empty. Without a
//     shell it is split into fields: the first is the program, looked up
//     in the PATH of env, or else in /usr/local/sbin:/usr/local/bin:
//     /usr/sbin:/usr/bin:/sbin:/bin (a name with a slash is a path,
//     relative to cwd), and the others are its arguments.
//   - args ([str]): the arguments, instead of those in cmd (only without
//     a shell, and only when cmd is one field).
//   - cwd (str): the working directory, absolute ("" is /).
//   - shell (str): run "shell -c cmd" instead, such as /bin/sh.
//   - env ({str: str}): the environment of every command. As upstream,
//     nothing else is passed: without env a command starts with an empty
//     environment (upstream's mcl passes its own with env => sys.env()).
//   - timeout (int): seconds after which a command is killed and the
//     resource fails; 0 is no limit of our own (upstream's older timeout
//     param; Meta:timeout bounds the whole apply as well). Every command
//     runs within one call of the host, whose deadline also applies.
//   - ifcmd, ifcwd, ifshell (str): a guard run first: the command runs
//     only if it exits 0.
//   - ifequals (str, when set): if ifcmd exits 0 and its output (stdout
//     then stderr) equals this, the command does not run.
//   - ifequals_stdout (str, when set): the same, comparing stdout only.
//   - nifcmd, nifcwd, nifshell (str): the opposite guard: the command does
//     not run if it exits 0.
//   - creates (str): an absolute path; the command does not run while it
//     exists, and it is watched.
//   - mtimes ([str]): absolute paths of files that must exist; when one
//     was modified after the command last ran, it runs again, whatever
//     the guards say. They are watched.
//   - donecmd, donecwd, doneshell (str): run after the command succeeded;
//     its failure is the resource's.
//   - watchfiles ([str]): absolute paths watched for changes, each of
//     which makes the engine apply the resource again (a trailing / also
//     watches everything beneath a directory).
//   - watchcmd, watchcwd, watchshell (str): declared for compatibility, but
//     a watchcmd is refused as a bad param: upstream keeps it running and
//     takes each line it prints as an event, and a plugin cannot run a
//     long-lived process (the host owns event sources; a guest call must
//     end). Use watchfiles, or Meta:poll for a periodic run.
//   - send_output, send_stdout, send_stderr (str, when set): values to send
//     when no run has produced any yet.
//
// It sends output (stdout then stderr), stdout and stderr of the last
// successful run; a stream that printed nothing keeps the value of an
// earlier run, as upstream. The values persist in the resource's VarDir,
// so a skipped run sends those of the last real one.
//
// A command exiting non-zero (for the guards: dying of a signal, or not
// starting) is a resource error naming the command, its exit status and
// the last line of its stderr. Check (noop) runs the guards but never the
// command, and reports that it would run.
//
// It asks for edges from the file resources that manage the programs its
// commands name by absolute path (the shell, or the first field).
//
// Upstream's user, group and cancel_signal are not supported: the host's
// exec import runs every program as mgmt's user and ends it with SIGKILL.
package exec

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// strList is the type of the [str] params.
var strList = hostabi.NewList(hostabi.TypeStr)

// Info describes the exec kind (see the package doc for its params).
var Info = hostabi.KindInfo{
	Kind: "exec",
	Params: []hostabi.ParamInfo{
		{Name: "cmd", Type: hostabi.TypeStr},
		{Name: "args", Type: strList},
		{Name: "cwd", Type: hostabi.TypeStr},
		{Name: "shell", Type: hostabi.TypeStr},
		{Name: "env", Type: hostabi.NewMap(hostabi.TypeStr, hostabi.TypeStr)},
		{Name: "timeout", Type: hostabi.TypeInt},
		{Name: "watchcmd", Type: hostabi.TypeStr},
		{Name: "watchcwd", Type: hostabi.TypeStr},
		{Name: "watchshell", Type: hostabi.TypeStr},
		{Name: "watchfiles", Type: strList},
		{Name: "ifcmd", Type: hostabi.TypeStr},
		{Name: "ifcwd", Type: hostabi.TypeStr},
		{Name: "ifshell", Type: hostabi.TypeStr},
		{Name: "ifequals", Type: hostabi.TypeStr},
		{Name: "ifequals_stdout", Type: hostabi.TypeStr},
		{Name: "nifcmd", Type: hostabi.TypeStr},
		{Name: "nifcwd", Type: hostabi.TypeStr},
		{Name: "nifshell", Type: hostabi.TypeStr},
		{Name: "creates", Type: hostabi.TypeStr},
		{Name: "mtimes", Type: strList},
		{Name: "donecmd", Type: hostabi.TypeStr},
		{Name: "donecwd", Type: hostabi.TypeStr},
		{Name: "doneshell", Type: hostabi.TypeStr},
		{Name: "send_output", Type: hostabi.TypeStr},
		{Name: "send_stdout", Type: hostabi.TypeStr},
		{Name: "send_stderr", Type: hostabi.TypeStr},
	},
	Sends: []hostabi.ParamInfo{
		{Name: "output", Type: hostabi.TypeStr},
		{Name: "stdout", Type: hostabi.TypeStr},
		{Name: "stderr", Type: hostabi.TypeStr},
	},
	Traits: hostabi.Traits{AutoEdge: true, Send: true, Refresh: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return newRes(name, p), nil
	})
}

// res is an exec resource, built from its params for each call.
type res struct {
	name    string
	main    command // cmd, with args
	ifCmd   command
	nifCmd  command
	doneCmd command
	watch   command
	env     map[string]string
	timeout int64 // seconds
	// ifEquals and ifEqualsStdout are nil when unset.
	ifEquals, ifEqualsStdout *string
	creates                  string
	mtimes, watchFiles       []string
	// fallback holds the send_* values that were set, by sent field.
	fallback map[string]string

	// sends are the values of the last CheckApply, for Sends.
	sends map[string]hostabi.Value
}

var (
	_ mgmt.Sender    = (*res)(nil)
	_ mgmt.AutoEdger = (*res)(nil)
)

// newRes builds the resource called name from its params.
func newRes(name string, p mgmt.Params) *res {
	r := &res{
		name:       name,
		env:        p.StrMap("env"),
		timeout:    p.Int("timeout"),
		creates:    p.Str("creates"),
		mtimes:     p.Strs("mtimes"),
		watchFiles: p.Strs("watchfiles"),
		fallback:   map[string]string{},
	}
	line := p.Str("cmd")
	if line == "" {
		line = name // upstream: the name is the command by default
	}
	r.main = command{role: "cmd", param: "cmd", line: line, args: p.Strs("args"), cwd: p.Str("cwd"), shell: p.Str("shell")}
	r.ifCmd = command{role: "ifcmd", param: "ifcmd", line: p.Str("ifcmd"), cwd: p.Str("ifcwd"), shell: p.Str("ifshell")}
	r.nifCmd = command{role: "nifcmd", param: "nifcmd", line: p.Str("nifcmd"), cwd: p.Str("nifcwd"), shell: p.Str("nifshell")}
	r.doneCmd = command{role: "donecmd", param: "donecmd", line: p.Str("donecmd"), cwd: p.Str("donecwd"), shell: p.Str("doneshell")}
	r.watch = command{role: "watchcmd", param: "watchcmd", line: p.Str("watchcmd"), cwd: p.Str("watchcwd"), shell: p.Str("watchshell")}
	if p.IsSet("ifequals") {
		s := p.Str("ifequals")
		r.ifEquals = &s
	}
	if p.IsSet("ifequals_stdout") {
		s := p.Str("ifequals_stdout")
		r.ifEqualsStdout = &s
	}
	for _, f := range Info.Sends {
		if p.IsSet("send_" + f.Name) {
			r.fallback[f.Name] = p.Str("send_" + f.Name)
		}
	}
	return r
}

// Sends returns the values of the last CheckApply: output, stdout and
// stderr, each only when some run (or a send_* param) gave it one.
func (r *res) Sends() map[string]hostabi.Value { return r.sends }
