package file

import (
	"fmt"
	"strconv"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// ownerStep sets the owner and group when they are managed and differ; a
// symlink resource changes the link itself. Giving a file to another
// user needs root; making it the current user's does not.
func (o *op) ownerStep() (bool, error) {
	r := o.r
	if (r.owner == "" && r.group == "") || r.state == stateAbsent {
		return true, nil
	}
	if !o.ownerOK {
		o.forget()
	}
	st, err := o.stat()
	if err != nil {
		return false, err
	}
	if st == nil {
		return false, o.missing("owner and group")
	}
	if idMatches(r.owner, st.UID, st.User) && idMatches(r.group, st.GID, st.Group) {
		return true, nil
	}
	if !o.apply {
		return false, nil
	}
	if err := o.ctx.Chown(r.clean, r.owner, r.group, r.symlink); err != nil {
		return false, fmt.Errorf("chown %s to %s:%s: %w (giving a file to another user needs root)", r.clean, r.owner, r.group, err)
	}
	o.ctx.Log("chown %s:%s %s", r.owner, r.group, r.clean)
	o.forget() // chown may clear setuid and setgid
	return false, nil
}

// idMatches reports whether want (a name, a decimal id or "" for
// unmanaged) names the owner or group with id and name.
func idMatches(want string, id uint32, name string) bool {
	return want == "" || want == name || want == strconv.FormatUint(uint64(id), 10)
}

// modeStep sets the mode when it is managed and differs. A symbolic mode
// keeps the bits of the subjects it does not name.
func (o *op) modeStep() (bool, error) {
	r := o.r
	if !r.hasMode || r.state == stateAbsent {
		return true, nil
	}
	st, err := o.stat()
	if err != nil {
		return false, err
	}
	if st == nil {
		return false, o.missing("mode")
	}
	want := r.mode.apply(st.Mode)
	if st.Mode == want {
		return true, nil
	}
	if !o.apply {
		return false, nil
	}
	if err := o.ctx.Chmod(r.clean, want); err != nil {
		return false, fmt.Errorf("chmod %s: %w", r.clean, err)
	}
	o.ctx.Log("chmod %04o %s", want, r.clean)
	o.st = &hostabi.StatResponse{Type: st.Type, Mode: want, Size: st.Size, UID: st.UID, GID: st.GID, User: st.User, Group: st.Group}
	return false, nil
}
