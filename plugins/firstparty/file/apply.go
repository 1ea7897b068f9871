package file

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// defaultFileMode is what the host gives a new file written with mode 0.
const defaultFileMode = 0o644

// op is one check or apply call: the resource, the call, and what is known
// of the path so far, so that no step asks the host twice for the same
// thing.
type op struct {
	r     *res
	ctx   *mgmt.Context
	apply bool

	st      *hostabi.StatResponse // the path's stat; nil when it is missing
	known   bool                  // st is current
	ownerOK bool                  // st's UID and GID are current too
}

// CheckApply brings the path to its desired state, in upstream's order:
// existence, then content (from content, source or fragments), then owner
// and group, then mode. With apply false it changes nothing and stops at
// the first difference.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	o := &op{r: r, ctx: ctx, apply: apply}
	steps := []func() (bool, error){o.stateStep, o.contentStep, o.treeStep, o.ownerStep, o.modeStep}
	if r.symlink {
		steps = []func() (bool, error){o.symlinkStep, o.ownerStep}
	}
	// A path that state "exists" made sure of and that vanished before a
	// later step (removed from outside meanwhile) brings the steps round
	// again rather than a failure; its removal's event comes too.
	for attempt := 0; ; attempt++ {
		ok, err := o.steps(steps)
		if errors.Is(err, errVanished) && attempt < 3 {
			o.forget()
			continue
		}
		return ok, err
	}
}

// errVanished is the error of a step that found missing the path that
// state "exists" made sure of at the start of the call.
var errVanished = errors.New("the file was removed while it was being managed")

// steps runs the steps once; with apply false it stops at the first
// difference.
func (o *op) steps(steps []func() (bool, error)) (bool, error) {
	checkOK := true
	for _, step := range steps {
		ok, err := step()
		if err != nil {
			return false, err
		}
		if !ok {
			checkOK = false
			if !o.apply {
				return false, nil
			}
		}
	}
	return checkOK, nil
}

// isCode reports whether err is a host error with code c.
func isCode(err error, c hostabi.Code) bool {
	return errors.Is(err, &hostabi.ABIError{Code: c})
}

// stat returns the path's stat (nil when it is missing), asking the host
// only when it is not known. A symlink resource describes the link.
func (o *op) stat() (*hostabi.StatResponse, error) {
	if o.known {
		return o.st, nil
	}
	st, err := o.ctx.Stat(o.r.clean, o.r.symlink)
	switch {
	case isCode(err, hostabi.CodeNotFound):
		st = nil
	case err != nil:
		return nil, fmt.Errorf("stat %s: %w", o.r.clean, err)
	}
	o.st, o.known, o.ownerOK = st, true, st != nil
	return st, nil
}

// forget drops what is known of the path after a change the guest cannot
// predict.
func (o *op) forget() { o.st, o.known, o.ownerOK = nil, false, false }

// missing is the error of a path that does not exist while existence is
// left alone, which upstream reports rather than creating the file.
func (o *op) missing(what string) error {
	if o.r.state == stateExists && !o.r.symlink {
		return fmt.Errorf("%s: %s: %w", o.r.clean, what, errVanished)
	}
	return fmt.Errorf("%s does not exist, so its %s cannot be managed (set state to %q to create it)", o.r.clean, what, stateExists)
}

// stateStep creates or removes the path.
func (o *op) stateStep() (bool, error) {
	switch o.r.state {
	case stateAbsent:
		return o.remove()
	case stateExists:
		return o.create()
	}
	return true, nil
}

// remove makes the path absent: a non-empty directory only with recurse
// (upstream's way) or force.
func (o *op) remove() (bool, error) {
	p := o.r.clean
	if _, err := o.ctx.Stat(p, true); isCode(err, hostabi.CodeNotFound) {
		return true, nil
	} else if err != nil {
		return false, fmt.Errorf("stat %s: %w", p, err)
	}
	if !o.apply {
		return false, nil
	}
	if p == "/" {
		return false, fmt.Errorf("refusing to remove /")
	}
	err := o.ctx.Remove(p, false)
	if isCode(err, hostabi.CodeNotEmpty) {
		if !o.r.recurse && !o.r.force {
			return false, fmt.Errorf("remove %s: the directory is not empty (set recurse or force to remove it with its contents)", p)
		}
		err = o.ctx.Remove(p, true)
	}
	if err != nil {
		return false, fmt.Errorf("remove %s: %w", p, err)
	}
	o.ctx.Log("removed %s", p)
	o.forget()
	return false, nil
}

// hasBody reports whether a later step writes the file's content.
func (r *res) hasBody() bool {
	return r.hasContent || len(r.fragments) > 0 || (r.source != "" && !r.dir)
}

// create makes the path exist as a directory or a file. A file that gets
// content is left to the content step, which creates, replaces or refuses
// it in one go and may not need a stat at all.
func (o *op) create() (bool, error) {
	r := o.r
	if !r.dir && r.hasBody() {
		return true, nil
	}
	st, err := o.stat()
	if err != nil {
		return false, err
	}
	if st != nil {
		isDir := st.Type == hostabi.FileDir
		switch {
		case isDir == r.dir:
			return true, nil
		case !r.force:
			return false, fmt.Errorf("%s is a %s, want a %s (set force to replace it)", r.clean, typeName(st.Type), typeName(want(r.dir)))
		case !o.apply:
			return false, nil
		}
		if err := o.ctx.Remove(r.clean, true); err != nil {
			return false, fmt.Errorf("replace %s: %w", r.clean, err)
		}
		o.ctx.Log("removed %s %s to replace it (force)", typeName(st.Type), r.clean)
		o.forget()
	}
	if !o.apply {
		return false, nil
	}
	if r.dir {
		return false, o.mkdir()
	}
	return false, o.write(nil, nil, nil)
}

// want is the file type a resource wants.
func want(dir bool) hostabi.FileType {
	if dir {
		return hostabi.FileDir
	}
	return hostabi.FileRegular
}

// typeName names a file type in messages.
func typeName(t hostabi.FileType) string {
	switch t {
	case hostabi.FileDir:
		return "directory"
	case hostabi.FileRegular:
		return "file"
	case hostabi.FileSymlink:
		return "symlink"
	}
	return "special file"
}

// mkdir creates the directory, with its parents only with recurse (as
// upstream's mkdir -p). The mode step then sets a managed mode, which the
// umask may have narrowed.
func (o *op) mkdir() error {
	r := o.r
	var mode uint32
	if r.hasMode {
		mode = r.mode.apply(0) & 0o777
	}
	if err := o.ctx.Mkdir(r.clean, mode, r.recurse); err != nil {
		return fmt.Errorf("mkdir %s: %w", r.clean, err)
	}
	o.ctx.Log("created directory %s", r.clean)
	o.forget()
	return nil
}
