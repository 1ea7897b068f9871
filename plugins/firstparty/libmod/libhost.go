package main

import (
	"errors"
	"fmt"
	"os"
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// sdkHost is the library's lib.Host inside the module: the host imports of
// the call (checked against the plugin's grants) and the WASI environment,
// which mgmt gives its trusted first-party module (firstparty.HostConfig).
type sdkHost struct{ c *mgmt.FuncCall }

// ReadFile reads the file through fs_read.
func (h sdkHost) ReadFile(p string) ([]byte, error) { return h.c.ReadFile(p) }

// Stat describes path through fs_stat, following symlinks; a missing path
// is not an error.
func (h sdkHost) Stat(p string) (exists, dir bool, err error) {
	st, err := h.c.Stat(p, false)
	if errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	return true, st.Type == hostabi.FileDir, nil
}

// Hostname is the node's hostname as mgmt knows it (hostname import).
func (h sdkHost) Hostname() (string, error) { return h.c.Hostname() }

// Environ is the mgmt process's environment.
func (sdkHost) Environ() []string { return os.Environ() }

// defaultPath is where a program named without a slash is looked for
// when the environment has no PATH.
const defaultPath = "/usr/local/bin:/usr/bin:/bin"

// Exec runs argv through the exec import, in the mgmt process's
// environment, in /, and returns its standard output. A program named
// without a slash is looked for in PATH. A program that exits non-zero,
// is killed, or prints more than the import keeps is an error naming
// argv[0], with the last line of its standard error.
func (h sdkHost) Exec(argv []string) ([]byte, error) {
	if len(argv) == 0 || argv[0] == "" {
		return nil, &hostabi.ABIError{Code: hostabi.CodeInvalid, Message: "exec: no program"}
	}
	prog, err := h.lookPath(argv[0])
	if err != nil {
		return nil, err
	}
	resp, err := h.c.Exec(&hostabi.ExecRequest{Path: prog, Args: argv[1:], InheritEnv: true})
	if err != nil {
		return nil, fmt.Errorf("exec %s: %w", argv[0], err)
	}
	why := ""
	switch {
	case resp.Signal != "":
		why = "killed by signal " + resp.Signal
	case resp.ExitCode != 0:
		why = fmt.Sprintf("exit status %d", resp.ExitCode)
	case resp.Truncated:
		why = "its output exceeds what the host keeps"
	}
	if why == "" {
		return resp.Stdout, nil
	}
	if tail := lastLine(resp.Stderr); tail != "" {
		why += ": " + tail
	}
	return resp.Stdout, fmt.Errorf("exec %s: %s", argv[0], why)
}

// lookPath resolves a program name without a slash through PATH, as a
// shell does; a name with a slash must be absolute.
func (h sdkHost) lookPath(name string) (string, error) {
	if strings.Contains(name, "/") {
		if !path.IsAbs(name) {
			return "", &hostabi.ABIError{Code: hostabi.CodeInvalid, Message: fmt.Sprintf("exec %s: a relative path", name)}
		}
		return name, nil
	}
	dirs := defaultPath
	if p, ok := os.LookupEnv("PATH"); ok {
		dirs = p
	}
	for _, dir := range strings.Split(dirs, ":") {
		if !path.IsAbs(dir) {
			continue // "" and relative entries are skipped: the program would run in /
		}
		candidate := path.Join(dir, name)
		if st, err := h.c.Stat(candidate, false); err == nil && st.Type == hostabi.FileRegular && st.Mode&0o111 != 0 {
			return candidate, nil
		}
	}
	return "", &hostabi.ABIError{Code: hostabi.CodeNotFound, Message: fmt.Sprintf("exec %s: not found in PATH %s", name, dirs)}
}

// lastLine is the last non-empty line of b.
func lastLine(b []byte) string {
	s := strings.TrimRight(string(b), "\n")
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		s = s[i+1:]
	}
	return strings.TrimSpace(s)
}
