package exec

import (
	"path"
	"sort"
	"strconv"
	"strings"
)

// defaultPath is searched for a program named without a slash when env
// has no PATH: the guest has no environment of its own to take it from.
const defaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

// command is one of the commands an exec runs: the main cmd or one of
// the ifcmd, nifcmd, donecmd (and the refused watchcmd).
type command struct {
	// role names the command in logs and errors ("cmd", "ifcmd", ...);
	// param is the param holding its line.
	role, param string
	// line is the command line: split into fields without a shell, or
	// given to the shell whole.
	line string
	// args replace the arguments of line (main command only).
	args []string
	// cwd is the working directory ("" is /) and shell the shell.
	cwd, shell string
}

// given reports whether the command is set at all.
func (c command) given() bool { return c.line != "" }

// argv returns the program as the user named it and its arguments.
func (c command) argv() (prog string, args []string) {
	if c.shell != "" {
		return c.shell, []string{"-c", c.line}
	}
	fields := strings.Fields(c.line)
	if len(fields) == 0 {
		return "", nil
	}
	if len(c.args) > 0 {
		return fields[0], c.args // Validate: cmd is then one field
	}
	return fields[0], fields[1:]
}

// String returns the command as logs and errors show it: its line, or
// `shell -c "line"`.
func (c command) String() string {
	if c.shell != "" {
		return c.shell + " -c " + strconv.Quote(c.line)
	}
	if len(c.args) > 0 {
		quoted := make([]string, len(c.args))
		for i, a := range c.args {
			quoted[i] = strconv.Quote(a)
		}
		return strings.TrimSpace(c.line) + " " + strings.Join(quoted, " ")
	}
	return strings.Join(strings.Fields(c.line), " ")
}

// program is the absolute path of the program the command names when it
// names one that way (for autoedges), or "".
func (c command) program() string {
	if !c.given() {
		return ""
	}
	prog, _ := c.argv()
	if !path.IsAbs(prog) {
		return ""
	}
	return path.Clean(prog)
}

// envList returns env as sorted NAME=value entries.
func envList(env map[string]string) []string {
	out := make([]string, 0, len(env))
	for _, k := range sortedKeys(env) {
		out = append(out, k+"="+env[k])
	}
	return out
}

// sortedKeys returns the keys of m in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lastLine returns the last non-blank line of b, trimmed, or "".
func lastLine(b []byte) string {
	s := strings.TrimRight(string(b), " \t\r\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}
