package file

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// symlinkStep manages a symlink resource (symlink true): with state
// exists the path is a symbolic link whose target is source, as given
// (absolute or relative, and it need not exist); with state absent the
// link is removed. Replacing or removing anything that is not a symlink
// needs force. With state "" the link is left alone, as upstream does.
func (o *op) symlinkStep() (bool, error) {
	r := o.r
	if r.state == "" {
		return true, nil
	}
	target, err := o.ctx.Readlink(r.clean)
	missing := isCode(err, hostabi.CodeNotFound)
	notLink := isCode(err, hostabi.CodeInvalid) // it exists but is no symlink
	if err != nil && !missing && !notLink {
		return false, fmt.Errorf("readlink %s: %w", r.clean, err)
	}
	switch {
	case r.state == stateAbsent && missing:
		return true, nil
	case r.state == stateExists && err == nil && target == r.source:
		return true, nil
	case notLink && !r.force:
		return false, fmt.Errorf("%s exists and is not a symlink (set force to replace or remove it)", r.clean)
	case !o.apply:
		return false, nil
	}
	if !missing {
		if err := o.ctx.Remove(r.clean, notLink); err != nil {
			return false, fmt.Errorf("remove %s: %w", r.clean, err)
		}
		o.ctx.Log("removed %s", r.clean)
	}
	o.forget()
	if r.state == stateAbsent {
		return false, nil
	}
	if err := o.ctx.Symlink(r.source, r.clean); err != nil {
		return false, fmt.Errorf("symlink %s -> %s: %w", r.clean, r.source, err)
	}
	o.ctx.Log("symlink %s -> %s", r.clean, r.source)
	return false, nil
}
