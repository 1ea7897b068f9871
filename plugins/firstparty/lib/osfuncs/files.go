package osfuncs

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// watchedPath returns the absolute path named by c's one argument (a
// relative one is taken from mgmt's working directory) and asks for c to
// be called again when that path changes, appears or goes away.
func watchedPath(c *lib.Call) (lib.Host, string, error) {
	h, name, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, "", err
	}
	if name == "" {
		return nil, "", fmt.Errorf("empty filename")
	}
	p, err := hostinfo.Abs(h, name)
	if err != nil {
		return nil, "", err
	}
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: p})
	return h, p, nil
}

// readfile is os.readfile(filename): the file's content, again whenever
// it changes. A missing file is an error (catchable with <|>), and the
// value comes once it appears.
func readfile(c *lib.Call) (hostabi.Value, error) {
	h, p, err := watchedPath(c)
	if err != nil {
		return nil, err
	}
	data, err := h.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return hostabi.StrValue(data), nil
}

// fileExists is os.file_exists(filename): whether the file or directory
// exists, again whenever that changes.
func fileExists(c *lib.Call) (hostabi.Value, error) {
	h, p, err := watchedPath(c)
	if err != nil {
		return nil, err
	}
	exists, _, err := h.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("stat %s: %w", p, err)
	}
	return hostabi.BoolValue(exists), nil
}

// system is os.system(cmd): it runs cmd with /bin/sh -c and returns its
// standard output without the final newline, again when cmd changes.
// Upstream sends each line of output as a value of its own; a call gives
// one value, so here the lines come together. A command that exits nonzero
// is an error (catchable with <|>) holding its standard error.
func system(c *lib.Call) (hostabi.Value, error) {
	h, cmd, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, err
	}
	out, err := h.Exec([]string{hostinfo.Shell, "-c", cmd})
	if err != nil {
		return nil, fmt.Errorf("%q: %w", cmd, err)
	}
	return hostabi.StrValue(strings.TrimSuffix(string(out), "\n")), nil
}
