package osfuncs

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// lookupUser finds c's one argument in /etc/passwd; a missing user is an
// error.
func lookupUser(c *lib.Call) (hostinfo.User, error) {
	h, name, err := hostinfo.HostStr(c)
	if err != nil {
		return hostinfo.User{}, err
	}
	u, ok, err := hostinfo.LookupUser(h, name)
	if err != nil {
		return hostinfo.User{}, err
	}
	if !ok {
		return hostinfo.User{}, fmt.Errorf("unknown user %q", name)
	}
	return u, nil
}

// home is os.home(user): the user's home directory, ending in "/" as mgmt
// writes directories. An unknown user is an error (guard it with
// os.user_exists).
func home(c *lib.Call) (hostabi.Value, error) {
	u, err := lookupUser(c)
	if err != nil {
		return nil, err
	}
	d := u.Home
	if !strings.HasSuffix(d, "/") {
		d += "/"
	}
	return hostabi.StrValue(d), nil
}

// uid is os.uid(user): the user's numeric id, as a str. (Upstream
// registers os.uid with expand_home's implementation by mistake; this is
// what its doc says it returns.)
func uid(c *lib.Call) (hostabi.Value, error) {
	u, err := lookupUser(c)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(u.UID), nil
}

// userExists is os.user_exists(user): whether /etc/passwd has the user,
// again whenever that file changes.
func userExists(c *lib.Call) (hostabi.Value, error) {
	h, name, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, err
	}
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: hostinfo.Passwd})
	_, ok, err := hostinfo.LookupUser(h, name)
	if err != nil {
		return nil, err
	}
	return hostabi.BoolValue(ok), nil
}

// expandHome is os.expand_home(path): a leading "~" or "~/" becomes the
// home directory of the user mgmt runs as, and "~name" or "~name/" that
// of user name; other paths are returned as they are. Unlike upstream, the
// rest of the path is kept as written (not cleaned), so a trailing "/"
// still marks a directory.
func expandHome(c *lib.Call) (hostabi.Value, error) {
	h, p, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, err
	}
	rest, ok := strings.CutPrefix(p, "~")
	if !ok {
		return hostabi.StrValue(p), nil
	}
	name, tail, slash := strings.Cut(rest, "/")
	if slash {
		tail = "/" + tail
	}
	var dir string
	if name == "" {
		if dir, err = hostinfo.CurrentHome(h); err != nil {
			return nil, err
		}
	} else {
		u, ok, err := hostinfo.LookupUser(h, name)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, fmt.Errorf("expand %q: unknown user %q", p, name)
		}
		dir = u.Home
	}
	out := strings.TrimSuffix(dir, "/") + tail
	if out == "" {
		out = "/"
	}
	return hostabi.StrValue(out), nil
}

// args is os.args(): the command line of the mgmt process. Where the host
// does not show it (no /proc), the list is empty.
func args(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	argv, err := hostinfo.Args(h)
	if err != nil {
		argv = nil
	}
	items := make([]hostabi.Value, len(argv))
	for i, a := range argv {
		items[i] = hostabi.StrValue(a)
	}
	return &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: items}, nil
}
