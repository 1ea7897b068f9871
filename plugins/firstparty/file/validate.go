package file

import (
	"strings"

	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Validate checks the params as upstream's Validate does, without touching
// the system; each error names the param at fault.
func (r *res) Validate() error {
	if err := r.validatePath(); err != nil {
		return err
	}
	if r.state != stateExists && r.state != stateAbsent && r.state != "" {
		return mgmt.ParamError("state", "state %q is not %q, %q or empty", r.state, stateExists, stateAbsent)
	}
	if err := r.validateSources(); err != nil {
		return err
	}
	if err := r.validateTree(); err != nil {
		return err
	}
	if r.modeStr != "" && r.modeErr != nil {
		return mgmt.ParamError("mode", "%v", r.modeErr)
	}
	if r.symlink && r.modeStr != "" {
		return mgmt.ParamError("mode", "a symlink has no mode of its own")
	}
	if r.selinux {
		return mgmt.ParamError("selinux", "setting an SELinux context is not supported")
	}
	return nil
}

// validatePath checks path, dirname and basename.
func (r *res) validatePath() error {
	switch {
	case r.path == "":
		return mgmt.ParamError("path", "the path is empty")
	case r.dirname != "" && !strings.HasSuffix(r.dirname, "/"):
		return mgmt.ParamError("dirname", "dirname %q must end with a slash", r.dirname)
	case strings.HasPrefix(r.basename, "/"):
		return mgmt.ParamError("basename", "basename %q must not start with a slash", r.basename)
	case !strings.HasPrefix(r.path, "/"):
		return mgmt.ParamError("path", "path %q is not absolute", r.path)
	}
	return nil
}

// validateSources checks content, source, fragments and symlink, which
// say where the content comes from.
func (r *res) validateSources() error {
	isSrc, isFrag := r.source != "", len(r.fragments) > 0
	switch {
	case r.hasContent && isSrc:
		return mgmt.ParamError("content", "content and source cannot both be given")
	case r.hasContent && isFrag:
		return mgmt.ParamError("content", "content and fragments cannot both be given")
	case isSrc && isFrag:
		return mgmt.ParamError("fragments", "source and fragments cannot both be given")
	case r.state == stateAbsent && r.content != "":
		// An empty content is let through: a reversal sets every param.
		return mgmt.ParamError("content", "content given for a file whose state is absent")
	case r.state == stateAbsent && isSrc:
		return mgmt.ParamError("source", "source given for a file whose state is absent")
	case r.state == stateAbsent && isFrag:
		return mgmt.ParamError("fragments", "fragments given for a file whose state is absent")
	case r.dir && r.hasContent:
		return mgmt.ParamError("content", "a directory (%s) cannot have content", r.path)
	case r.dir && isFrag:
		return mgmt.ParamError("fragments", "a directory (%s) cannot have fragments", r.path)
	case r.dir && r.symlink:
		return mgmt.ParamError("symlink", "a symlink's path must not end in a slash (%s)", r.path)
	case r.symlink && !isSrc && r.state == stateExists:
		return mgmt.ParamError("symlink", "a symlink needs a source to point to")
	case r.symlink && (r.hasContent || isFrag):
		return mgmt.ParamError("symlink", "a symlink cannot have content or fragments")
	case r.symlink && (r.recurse || r.purge):
		return mgmt.ParamError("symlink", "a symlink cannot recurse or purge")
	case isSrc && !r.symlink && !strings.HasPrefix(r.source, "/"):
		return mgmt.ParamError("source", "source %q is not absolute", r.source)
	case isSrc && !r.symlink && r.dir != strings.HasSuffix(r.source, "/"):
		return mgmt.ParamError("source", "the path and the source must both be directories (ending in /) or both not be")
	}
	for _, f := range r.fragments {
		switch {
		case !strings.HasPrefix(f, "/"):
			return mgmt.ParamError("fragments", "fragment %q is not absolute", f)
		case hasPathPrefix(r.path, f):
			return mgmt.ParamError("fragments", "the file is inside its fragment %q", f)
		}
	}
	return nil
}

// validateTree checks recurse and purge.
func (r *res) validateTree() error {
	isSrc := r.source != ""
	switch {
	case isSrc && r.dir && !r.symlink && !r.recurse:
		return mgmt.ParamError("recurse", "copying a source directory needs recurse")
	case isSrc && !r.dir && !r.symlink && r.recurse:
		return mgmt.ParamError("recurse", "cannot recurse when copying a single file")
	case r.purge && !r.recurse:
		return mgmt.ParamError("purge", "purge needs recurse")
	case r.purge && !r.dir:
		return mgmt.ParamError("purge", "only a directory can be purged")
	case r.purge && (r.hasContent || len(r.fragments) > 0):
		return mgmt.ParamError("purge", "purge cannot be combined with content or fragments")
	}
	return nil
}
