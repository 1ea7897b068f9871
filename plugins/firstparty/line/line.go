// Package line is the first-party line kind: it ensures that a line, or a
// block of lines, is present in a file or absent from it. For more control
// over a file, use the file kind.
//
// Params: file (str: the absolute path of the file), state (str: exists
// or absent; required), content (str: the line, or lines, to add or
// remove; empty does nothing), trim (bool: trim white space around
// content first, so content read from a file does not add a blank line).
//
// With state exists, a content not found as whole consecutive lines is
// appended at the end (a missing file is created with mode 0600, its
// directory must exist). With state absent, every occurrence is removed.
// The file is watched, so a change made from outside is corrected.
//
// Differences from upstream: a file starting with ~ (a home directory) is
// refused, as the guest cannot know home directories. The file is
// rewritten atomically (a new inode, with the old mode but owned by mgmt)
// rather than appended to in place;
// a last line without a newline is ended before appending, and removing
// lines keeps the file's final newline, where upstream joins or drops
// them.
package line

import (
	"errors"
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// The states a line can be asked to be in.
const (
	stateExists = "exists"
	stateAbsent = "absent"
)

// Info describes the line kind.
var Info = hostabi.KindInfo{
	Kind: "line",
	Params: []hostabi.ParamInfo{
		{Name: "file", Type: hostabi.TypeStr},
		{Name: "state", Type: hostabi.TypeStr},
		{Name: "content", Type: hostabi.TypeStr},
		{Name: "trim", Type: hostabi.TypeBool},
	},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		content := p.Str("content")
		if p.Bool("trim") {
			content = strings.TrimSpace(content)
		}
		return &res{file: p.Str("file"), state: p.Str("state"), content: content}, nil
	})
}

// res is a line resource.
type res struct {
	file, state string
	content     string // trimmed if asked
}

// Validate requires an absolute file path that does not end in a slash,
// and a state of exists or absent.
func (r *res) Validate() error {
	switch {
	case strings.HasPrefix(r.file, "~"):
		return mgmt.ParamError("file", "home directories (%s) are not supported: give an absolute path", r.file)
	case !strings.HasPrefix(r.file, "/"):
		return mgmt.ParamError("file", "must be an absolute path, not %q", r.file)
	case strings.HasSuffix(r.file, "/"):
		return mgmt.ParamError("file", "must not end with a slash: %s", r.file)
	}
	if r.state != stateExists && r.state != stateAbsent {
		return mgmt.ParamError("state", "must be %q or %q, not %q", stateExists, stateAbsent, r.state)
	}
	return nil
}

// Watch watches the file.
func (r *res) Watch() []hostabi.WatchSpec {
	return []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: r.file}}
}

// CheckApply reports whether the content is present (state exists) or
// absent (state absent), and on apply appends or removes it.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	if r.content == "" {
		return true, nil
	}
	block := strings.Split(r.content, "\n")
	b, err := ctx.ReadFile(r.file)
	missing := errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound})
	if err != nil && !missing {
		return false, fmt.Errorf("read %s: %w", r.file, err)
	}
	data := string(b)
	found := contains(data, block)
	if found == (r.state == stateExists) {
		return true, nil
	}
	if !apply {
		return false, nil
	}
	if r.state == stateAbsent {
		out, n := remove(data, block)
		ctx.Log("removing %d occurrence(s) from %s", n, r.file)
		return false, write(ctx, r.file, out, missing)
	}
	ctx.Log("adding to %s", r.file)
	return false, write(ctx, r.file, appendBlock(data, block), missing)
}

// write replaces the content of file, keeping its mode (mode 0: the host
// keeps a replaced file's), or giving a missing file mode 0600 as
// upstream creates it.
func write(ctx *mgmt.Context, file, data string, missing bool) error {
	mode := uint32(0)
	if missing {
		mode = 0o600
	}
	if err := ctx.WriteFile(file, []byte(data), mode); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}
