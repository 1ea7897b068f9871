package hostabi

import (
	"fmt"
	"path"
	"strings"
)

// CapKind is the kind of a [Capability].
type CapKind uint8

// The v1 capability kinds, by the names capability strings use.
const (
	// CapFSRead is "fs.read:/path": stat, read, list, readlink and watch
	// the path and everything beneath it.
	CapFSRead CapKind = iota + 1
	// CapFSWrite is "fs.write:/path": create, write, remove, rename,
	// chmod, chown and symlink the path and everything beneath it. It
	// does not include reading.
	CapFSWrite
	// CapExec is "exec:/usr/bin/x": run exactly that program; or
	// "exec:*" ([ExecAny]): run any program, which is as strong as the
	// host process's own access (root, usually).
	CapExec
	// CapNet is "net": use the network (no v1 import needs it).
	CapNet
	// CapClusterKV is "cluster.kv:prefix": read, write and watch cluster
	// keys that start with prefix.
	CapClusterKV
)

// capNames are the names of the kinds in capability strings.
var capNames = [...]string{
	CapFSRead:    "fs.read",
	CapFSWrite:   "fs.write",
	CapExec:      "exec",
	CapNet:       "net",
	CapClusterKV: "cluster.kv",
}

// String returns the kind's name, such as "fs.read", or "CapKind(N)".
func (k CapKind) String() string {
	if k > 0 && int(k) < len(capNames) {
		return capNames[k]
	}
	return fmt.Sprintf("CapKind(%d)", uint8(k))
}

// ExecAny is the argument of the exec capability that allows every
// program: "exec:*".
const ExecAny = "*"

// Op is what a host function is about to do, for [Capability.Allows].
type Op uint8

// The operations capabilities guard.
const (
	// OpRead reads a file system object (needs CapFSRead).
	OpRead Op = iota + 1
	// OpWrite changes a file system object (needs CapFSWrite).
	OpWrite
	// OpExec runs a program (needs CapExec).
	OpExec
	// OpNet uses the network (needs CapNet).
	OpNet
	// OpKV reads, writes or watches a cluster key (needs CapClusterKV).
	OpKV
)

// String returns "read", "write", "exec", "net", "kv" or "Op(N)".
func (o Op) String() string {
	switch o {
	case OpRead:
		return "read"
	case OpWrite:
		return "write"
	case OpExec:
		return "exec"
	case OpNet:
		return "net"
	case OpKV:
		return "kv"
	}
	return fmt.Sprintf("Op(%d)", uint8(o))
}

// Capability is one parsed capability string: a kind and its argument (a
// cleaned absolute path, a program's path or [ExecAny], a key prefix, or ""
// for net).
type Capability struct {
	// Kind is the kind.
	Kind CapKind
	// Arg is the path or prefix.
	Arg string
}

// ParseCapability parses "fs.read:/path", "fs.write:/path", "exec:/abs/bin",
// "exec:*", "net" or "cluster.kv:prefix". Paths must be absolute; they are
// cleaned ("/srv/app/" becomes "/srv/app"). An exec path must name a
// program, not "/"; "exec:*" ([ExecAny]) allows every program. A prefix may be empty ("cluster.kv:" covers every key). No argument
// may contain a NUL byte. Errors wrap [ErrInvalid], or [ErrUnsupported]
// for an unknown kind.
func ParseCapability(s string) (Capability, error) {
	c, err := parseCapability(s)
	if err != nil {
		return Capability{}, fmt.Errorf("capability %q: %w", s, err)
	}
	return c, nil
}

// parseCapability does the work of ParseCapability.
func parseCapability(s string) (Capability, error) {
	name, arg, hasArg := strings.Cut(s, ":")
	if strings.IndexByte(s, 0) >= 0 {
		return Capability{}, newError(CodeInvalid, "contains a NUL byte")
	}
	var kind CapKind
	for k, n := range capNames {
		if n != "" && n == name {
			kind = CapKind(k)
		}
	}
	switch kind {
	case 0:
		return Capability{}, newError(CodeUnsupported, fmt.Sprintf("unknown capability kind %q", name))
	case CapNet:
		if hasArg {
			return Capability{}, newError(CodeInvalid, "net takes no argument")
		}
		return Capability{Kind: CapNet}, nil
	case CapClusterKV:
		if !hasArg {
			return Capability{}, newError(CodeInvalid, "cluster.kv needs a key prefix after ':'")
		}
		return Capability{Kind: kind, Arg: arg}, nil
	case CapExec:
		if arg == ExecAny {
			return Capability{Kind: kind, Arg: ExecAny}, nil
		}
	}
	if !hasArg || !strings.HasPrefix(arg, "/") {
		return Capability{}, newError(CodeInvalid, kind.String()+" needs an absolute path after ':'")
	}
	arg = path.Clean(arg)
	if kind == CapExec && arg == "/" {
		return Capability{}, newError(CodeInvalid, "exec needs a program's path, not /")
	}
	return Capability{Kind: kind, Arg: arg}, nil
}

// ParseCapabilities parses a list of capability strings, as a describe
// response or manifest gives them, stopping at the first error.
func ParseCapabilities(ss []string) (Capabilities, error) {
	cs := make(Capabilities, 0, len(ss))
	for _, s := range ss {
		c, err := ParseCapability(s)
		if err != nil {
			return nil, err
		}
		cs = append(cs, c)
	}
	return cs, nil
}

// String returns the capability in the syntax ParseCapability reads, with
// a cleaned path.
func (c Capability) String() string {
	if c.Kind == CapNet {
		return c.Kind.String()
	}
	return c.Kind.String() + ":" + c.Arg
}

// Allows reports whether c permits op on target. For the file system
// kinds, target is the resolved absolute path of the object (after the
// host followed symlinks; the capability's own path must be resolved the
// same way when it is granted): c covers its path and everything beneath
// it, compared on cleaned paths and whole components, so fs.read:/srv/app
// allows /srv/app and /srv/app/x but not /srv/apple. For exec, target is
// the resolved path of the program and must equal c's path; "exec:*"
// allows every absolute target, and also the target [ExecAny] (so that an
// exec:* request covers an exec:* grant), which no other exec capability
// allows. For net, target is ignored. For cluster.kv, target is a key that
// must start with c's prefix. A relative or NUL-containing path is never
// allowed.
func (c Capability) Allows(op Op, target string) bool {
	switch c.Kind {
	case CapFSRead:
		return op == OpRead && within(target, c.Arg)
	case CapFSWrite:
		return op == OpWrite && within(target, c.Arg)
	case CapExec:
		if c.Arg == ExecAny {
			return op == OpExec && (target == ExecAny || cleanAbs(target))
		}
		return op == OpExec && cleanAbs(target) && path.Clean(target) == c.Arg
	case CapNet:
		return op == OpNet
	case CapClusterKV:
		return op == OpKV && strings.HasPrefix(target, c.Arg)
	}
	return false
}

// within reports whether the absolute path p is root or beneath it.
func within(p, root string) bool {
	if !cleanAbs(p) || root == "" {
		return false
	}
	p = path.Clean(p)
	return root == "/" || p == root || strings.HasPrefix(p, root) && p[len(root)] == '/'
}

// cleanAbs reports whether p can be compared as a path: absolute and
// without NUL bytes.
func cleanAbs(p string) bool {
	return strings.HasPrefix(p, "/") && strings.IndexByte(p, 0) < 0
}

// Capabilities is the set of capabilities granted to a plugin.
type Capabilities []Capability

// Allows reports whether any capability in cs permits op on target.
func (cs Capabilities) Allows(op Op, target string) bool {
	for _, c := range cs {
		if c.Allows(op, target) {
			return true
		}
	}
	return false
}
