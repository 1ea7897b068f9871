// Package tarkind is the first-party tar kind: it keeps a file holding a
// tar archive of some files and directories.
//
// Params: path (str: the absolute path of the archive; the resource name
// when empty), inputs ([]str: absolute paths of files and directories),
// format (int: the header format, Go's archive/tar Format values as
// upstream's const.res.tar.format.* name them: unknown 0 (the default:
// the writer picks the most compatible one), ustar 2, pax 4, gnu 8).
//
// A file input is archived under its base name (followed if a symlink).
// A directory input ending in a slash is archived by its contents; without
// the slash its entries are prefixed with its base name, as rsync does.
// Directories are walked recursively; symlinks inside them are archived as
// links; other special files fail the resource. The archive itself is
// left out if it lies inside an input.
//
// The archive is reproducible: entries come in the order of the inputs
// and, inside a directory, sorted by name, and headers hold only the
// files' own name, type, mode, owner (ids and names), size, modification
// time (whole seconds except in the pax format) and link target. Each
// check builds the archive again and compares it with the file, which is
// rewritten (atomically, keeping its mode) only when they differ. The
// archive and the inputs (directories recursively) are watched.
//
// Differences from upstream: upstream compares sha256 sums of the inputs'
// contents, kept in its private directory, so it ignores metadata such as
// modification times; here the archive is compared byte for byte, so a
// change of an input's mode or time rewrites it too. Upstream refuses
// symlinks inside directories. A directory input without a trailing slash
// also gets an entry for itself. The archive must fit in one host write
// (16 MiB).
package tarkind

import (
	"archive/tar"
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Info describes the tar kind.
var Info = hostabi.KindInfo{
	Kind: "tar",
	Params: []hostabi.ParamInfo{
		{Name: "path", Type: hostabi.TypeStr},
		{Name: "inputs", Type: hostabi.NewList(hostabi.TypeStr)},
		{Name: "format", Type: hostabi.TypeInt, Default: hostabi.IntValue(int64(tar.FormatUnknown))},
	},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		r := &res{path: p.Str("path"), inputs: p.Strs("inputs"), format: p.Int("format")}
		if r.path == "" {
			r.path = name
		}
		return r, nil
	})
}

// res is a tar resource.
type res struct {
	path   string
	inputs []string
	format int64
}

// formats are the header formats the format param may name.
var formats = []tar.Format{tar.FormatUnknown, tar.FormatUSTAR, tar.FormatPAX, tar.FormatGNU}

// Validate requires an absolute archive path not ending in a slash,
// absolute inputs and a known format.
func (r *res) Validate() error {
	switch {
	case !strings.HasPrefix(r.path, "/"):
		return mgmt.ParamError("path", "must be an absolute path, not %q", r.path)
	case strings.HasSuffix(r.path, "/"):
		return mgmt.ParamError("path", "must not end with a slash: %s", r.path)
	}
	for i, in := range r.inputs {
		if !strings.HasPrefix(in, "/") {
			return mgmt.ParamError("inputs", "input #%d must be an absolute path, not %q", i, in)
		}
	}
	for _, f := range formats {
		if r.format == int64(f) {
			return nil
		}
	}
	return mgmt.ParamError("format", "must be 0 (unknown), 2 (ustar), 4 (pax) or 8 (gnu), not %d", r.format)
}

// Watch watches the archive and each input, a directory with everything
// beneath it.
func (r *res) Watch() []hostabi.WatchSpec {
	w := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: r.path}}
	for _, in := range r.inputs {
		w = append(w, hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: in, Recursive: true})
	}
	return w
}

// CheckApply builds the archive and reports whether the file holds it; on
// apply it writes the archive when it does not.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	want, err := build(ctx, r.inputs, tar.Format(r.format), r.path)
	if err != nil {
		return false, err
	}
	if len(want) > hostabi.MaxStringLen {
		return false, fmt.Errorf("the archive of %d bytes is larger than a host write (%d bytes)", len(want), hostabi.MaxStringLen)
	}
	ok, err := ctx.EnsureContent(r.path, want, apply)
	if ok || err != nil || !apply {
		return ok, err
	}
	ctx.Log("wrote tar archive %s (%d bytes)", r.path, len(want))
	return false, nil
}
