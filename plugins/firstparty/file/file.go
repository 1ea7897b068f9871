// Package file is the first-party file kind: a file, a directory (when
// the path ends in "/") or a symbolic link, with its content, mode, owner
// and group, as upstream mgmt's file resource manages them.
//
// Params (all optional; upstream's names and meanings):
//   - path (str): the absolute path; the resource's name when unset. A
//     trailing "/" makes it a directory.
//   - dirname (str), basename (str): override the directory part (ending
//     in "/") or the file part of the path.
//   - state (str): "exists" or "absent"; "" leaves existence alone (then a
//     missing file with content is an error, as upstream).
//   - content (str): the exact content, managed only when set.
//   - source (str): a file to copy, or with a trailing "/" a directory to
//     copy rsync-style (needs recurse); with symlink, the link's target.
//   - fragments ([str]): files, and directories ending in "/" (one level),
//     whose concatenation is the content.
//   - owner, group (str): a name or a numeric id, managed only when set.
//   - mode (str): octal ("0644") or symbolic assignments ("u=rwx,go=rx"),
//     managed only when set.
//   - recurse (bool): copy a source tree; create missing parents of a
//     directory; remove a non-empty directory when absent.
//   - force (bool): replace a file by a directory, a link or vice versa;
//     remove a non-empty directory when absent.
//   - purge (bool): with a directory, remove what the source does not have.
//   - symlink (bool): the path is a symbolic link to source.
//   - selinux (str): declared for compatibility; setting it is refused.
//
// Traits: autoedges (to the parent directories, nearest first, to the
// fragments, the source, and the owner and group), recv and reverse.
//
// Where this kind differs from upstream, and why:
//   - purge cannot spare the files other resources of the graph manage
//     inside the directory (upstream asks the graph; a guest cannot), and
//     a tree copy removes what the source lacks only with purge (upstream's
//     code removes it always, against its own docs); a missing source
//     directory is an error rather than an empty source.
//   - a symlink inside a copied tree is copied as a symlink, not followed.
//   - a file path that is a directory, with state exists and no content,
//     is an error without force (upstream accepts it as existing).
//   - mode with symlink is refused: a link has no mode of its own.
//   - writes are atomic replaces (a new inode), keeping the old file's
//     mode and, where allowed, its owner; upstream rewrites in place.
//   - an empty content is accepted with state absent, since a reversal
//     sets every param; reversing a file without a state is refused, as
//     its earlier content is not known to the guest.
package file

import (
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Kind is the kind's name.
const Kind = "file"

// File states.
const (
	stateExists = "exists"
	stateAbsent = "absent"
)

// Info describes the file kind: its params in upstream's order and its
// traits. The package doc explains each param.
var Info = hostabi.KindInfo{
	Kind: Kind,
	Params: []hostabi.ParamInfo{
		{Name: "path", Type: hostabi.TypeStr},
		{Name: "dirname", Type: hostabi.TypeStr},
		{Name: "basename", Type: hostabi.TypeStr},
		{Name: "state", Type: hostabi.TypeStr},
		{Name: "content", Type: hostabi.TypeStr},
		{Name: "source", Type: hostabi.TypeStr},
		{Name: "fragments", Type: hostabi.NewList(hostabi.TypeStr)},
		{Name: "owner", Type: hostabi.TypeStr},
		{Name: "group", Type: hostabi.TypeStr},
		{Name: "mode", Type: hostabi.TypeStr},
		{Name: "recurse", Type: hostabi.TypeBool},
		{Name: "force", Type: hostabi.TypeBool},
		{Name: "purge", Type: hostabi.TypeBool},
		{Name: "symlink", Type: hostabi.TypeBool},
		{Name: "selinux", Type: hostabi.TypeStr},
	},
	Traits: hostabi.Traits{AutoEdge: true, Recv: true, Reverse: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return newRes(name, p), nil
	})
}

// res is a file resource, built from its params for one call.
type res struct {
	name       string
	path       string // effective path; a trailing "/" means a directory
	clean      string // path cleaned, without the trailing "/"
	dir        bool
	state      string
	content    string
	hasContent bool
	source     string
	fragments  []string
	owner      string
	group      string
	modeStr    string
	mode       modeSpec // valid when hasMode
	hasMode    bool
	modeErr    error // why modeStr does not parse
	recurse    bool
	force      bool
	purge      bool
	symlink    bool
	selinux    bool // a context is given: refused by Validate

	dirname, basename string
}

// newRes decodes the params. It never fails: Validate reports bad params,
// and the other verbs run only on validated resources.
func newRes(name string, p mgmt.Params) *res {
	r := &res{
		name:       name,
		dirname:    p.Str("dirname"),
		basename:   p.Str("basename"),
		state:      p.Str("state"),
		content:    p.Str("content"),
		hasContent: p.IsSet("content"),
		source:     p.Str("source"),
		fragments:  p.Strs("fragments"),
		owner:      p.Str("owner"),
		group:      p.Str("group"),
		modeStr:    p.Str("mode"),
		recurse:    p.Bool("recurse"),
		force:      p.Bool("force"),
		purge:      p.Bool("purge"),
		symlink:    p.Bool("symlink"),
		selinux:    p.Str("selinux") != "",
	}
	r.path = effectivePath(p.Str("path"), name, r.dirname, r.basename)
	r.dir = strings.HasSuffix(r.path, "/")
	r.clean = cleanPath(r.path)
	if r.modeStr != "" {
		r.mode, r.modeErr = parseMode(r.modeStr)
		r.hasMode = r.modeErr == nil
	}
	return r
}

// Reusable marks res as one no call changes: a call's state lives in its
// op, so the SDK may serve the calls of one request with one res.
func (*res) Reusable() {}

// effectivePath is the path the resource manages: p (or the name when p
// is empty) with its directory part replaced by dirname and its file part
// by basename when those are set, as upstream computes it.
func effectivePath(p, name, dirname, basename string) string {
	if p == "" {
		p = name
	}
	if dirname == "" && basename == "" {
		return p
	}
	d, b := splitPath(p)
	if dirname != "" {
		d = dirname
	}
	if basename != "" {
		b = basename
	}
	return d + b
}

// splitPath splits p into its directory part, ending in "/", and its last
// component, which keeps a trailing "/" of a directory: "/a/b/" gives
// "/a/" and "b/".
func splitPath(p string) (dir, base string) {
	trimmed := strings.TrimSuffix(p, "/")
	i := strings.LastIndex(trimmed, "/")
	if i < 0 {
		return "", p
	}
	return p[:i+1], p[i+1:]
}

// cleanPath is p cleaned, without a trailing "/" (except for the root).
func cleanPath(p string) string {
	if p == "" {
		return ""
	}
	return path.Clean(p)
}

// uidKey is the autoedge key of a path: cleaned, with a trailing "/" for a
// directory, so that file[/a/b/] and file[/a/b] (a file) differ.
func uidKey(clean string, dir bool) string {
	if dir && clean != "/" {
		return clean + "/"
	}
	return clean
}

// hasPathPrefix reports whether p is prefix or beneath it, by whole
// components.
func hasPathPrefix(p, prefix string) bool {
	p, prefix = cleanPath(p), cleanPath(prefix)
	if prefix == "/" {
		return strings.HasPrefix(p, "/")
	}
	return p == prefix || strings.HasPrefix(p, prefix+"/")
}
