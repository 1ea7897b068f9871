// Package hostinfo reads facts about the machine that runs mgmt through a
// [lib.Host] only, so that the function library gets the same answers
// natively and inside the wasm sandbox, where the module's own process
// (wasip1, one thread, no /proc) says nothing about the host.
//
// Files under /proc/self are read by the host on the module's behalf, so
// they describe the mgmt process itself. A program run through
// [lib.Host.Exec] is a child of mgmt and sees its own /proc/self instead.
package hostinfo

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// ErrNoHost is returned when a call has no [lib.Host] to ask.
var ErrNoHost = errors.New("no host to ask (lib.Call.Host is nil)")

// Of returns c's host, or [ErrNoHost].
func Of(c *lib.Call) (lib.Host, error) {
	if c == nil || c.Host == nil {
		return nil, ErrNoHost
	}
	return c.Host, nil
}

// IsNotFound reports whether err says that a file does not exist, natively
// (io/fs.ErrNotExist) or from a host import (code not_found).
func IsNotFound(err error) bool {
	return err != nil && hostabi.CodeOf(err) == hostabi.CodeNotFound
}

// Getenv returns the value of key in the environment of the mgmt process
// and whether it is set. As with Go's os.Getenv, the first entry of a key
// wins.
func Getenv(h lib.Host, key string) (string, bool) {
	for _, kv := range h.Environ() {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			return v, true
		}
	}
	return "", false
}

// Env returns the environment of the mgmt process as parallel keys and
// values, in order, each key once (its first entry wins) and entries
// without "=" left out.
func Env(h lib.Host) (keys, vals []string) {
	seen := map[string]bool{}
	for _, kv := range h.Environ() {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || seen[k] {
			continue
		}
		seen[k] = true
		keys = append(keys, k)
		vals = append(vals, v)
	}
	return keys, vals
}

// Cwd returns the working directory of the mgmt process. The sandbox
// cannot read the /proc/self/cwd link, so, as Go's os.Getwd does first on
// Unix, it trusts $PWD when that is an absolute path naming a directory.
func Cwd(h lib.Host) (string, error) {
	pwd, ok := Getenv(h, "PWD")
	if !ok || !path.IsAbs(pwd) {
		return "", errors.New("working directory unknown: $PWD is not an absolute path")
	}
	exists, dir, err := h.Stat(pwd)
	if err != nil {
		return "", fmt.Errorf("working directory: %w", err)
	}
	if !exists || !dir {
		return "", fmt.Errorf("working directory unknown: $PWD %q is not a directory", pwd)
	}
	return path.Clean(pwd), nil
}

// Abs returns p cleaned, joined to [Cwd] first when it is relative.
func Abs(h lib.Host, p string) (string, error) {
	if path.IsAbs(p) {
		return path.Clean(p), nil
	}
	cwd, err := Cwd(h)
	if err != nil {
		return "", fmt.Errorf("absolute path of %q: %w", p, err)
	}
	return path.Join(cwd, p), nil
}

// TempDir returns the default directory for temporary files, as Go's
// os.TempDir does on Unix: $TMPDIR if set and not empty, else /tmp.
func TempDir(h lib.Host) string {
	if d, _ := Getenv(h, "TMPDIR"); d != "" {
		return d
	}
	return "/tmp"
}
