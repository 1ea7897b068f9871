package builtin

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// permBits are the mode bits the mode param manages.
const permBits = os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky

// Default modes when the user sets none.
const (
	defaultFileMode os.FileMode = 0o644
	defaultDirMode  os.FileMode = 0o755
)

// CheckApply brings the file to its desired state: existence, then
// content, then mode, then owner and group. With apply false it stops at the
// first difference and reports false.
func (r *fileRes) CheckApply(ctx context.Context, apply bool) (bool, error) {
	s, err := r.spec()
	if err != nil {
		return false, err
	}
	steps := []func(fileSpec, bool) (bool, error){
		r.applyState, r.applyContent, r.applyMode, r.applyOwner,
	}
	checkOK := true
	for _, step := range steps {
		if err := ctx.Err(); err != nil {
			return false, err
		}
		ok, err := step(s, apply)
		if err != nil {
			return false, err
		}
		if !ok {
			checkOK = false
			if !apply {
				return false, nil
			}
		}
	}
	return checkOK, nil
}

// applyState creates or removes the file or directory.
func (r *fileRes) applyState(s fileSpec, apply bool) (bool, error) {
	switch s.state {
	case stateAbsent:
		return r.remove(s, apply)
	case stateExists:
		return r.create(s, apply)
	}
	return true, nil // existence is left alone
}

// remove makes the path absent.
func (r *fileRes) remove(s fileSpec, apply bool) (bool, error) {
	fi, err := os.Lstat(s.clean)
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err // an *fs.PathError names the call and the path
	}
	if !apply {
		return false, nil
	}
	if s.clean == "/" {
		return false, fmt.Errorf("refusing to remove /")
	}
	if err := os.Remove(s.clean); err != nil {
		if !fi.IsDir() || !s.force {
			return false, fmt.Errorf("%w (set force to remove a non-empty directory)", err)
		}
		if err := os.RemoveAll(s.clean); err != nil {
			return false, err // an *fs.PathError names the call and the path
		}
	}
	r.logf("removed %s", s.clean)
	return false, nil
}

// create makes the path exist as a file or directory, replacing one of the
// other type only with force. A file that gets content is created by the
// content step.
func (r *fileRes) create(s fileSpec, apply bool) (bool, error) {
	fi, err := os.Stat(s.clean)
	switch {
	case err == nil && fi.IsDir() == s.dir:
		return true, nil
	case err == nil:
		if !s.force {
			return false, fmt.Errorf("%s exists as a %s, want a %s (set force to replace it)",
				s.clean, typeName(fi.IsDir()), typeName(s.dir))
		}
		if !apply {
			return false, nil
		}
		if err := os.RemoveAll(s.clean); err != nil {
			return false, fmt.Errorf("replace %s: %w", s.clean, err)
		}
		r.logf("removed %s %s to replace it", typeName(fi.IsDir()), s.clean)
	case !errors.Is(err, fs.ErrNotExist):
		return false, err // an *fs.PathError names the call and the path
	case !apply:
		return false, nil
	}

	if s.dir {
		mode := defaultDirMode
		if s.hasMode {
			mode = s.mode
		}
		if err := os.MkdirAll(s.clean, mode.Perm()); err != nil {
			return false, fmt.Errorf("create directory %s: %w", s.clean, err)
		}
		r.logf("created directory %s", s.clean)
		return false, nil
	}
	if s.hasContent {
		return false, nil // the content step writes it
	}
	mode := defaultFileMode
	if s.hasMode {
		mode = s.mode
	}
	f, err := os.OpenFile(s.clean, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode.Perm())
	if err != nil {
		return false, fmt.Errorf("create %s: %w", s.clean, err)
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("create %s: %w", s.clean, err)
	}
	r.logf("created %s", s.clean)
	return false, nil
}

func typeName(dir bool) string {
	if dir {
		return "directory"
	}
	return "file"
}

// applyContent writes the content when it is managed and differs. A
// symlink is followed: its target gets the content.
func (r *fileRes) applyContent(s fileSpec, apply bool) (bool, error) {
	if !s.hasContent || s.state == stateAbsent {
		return true, nil
	}
	target := s.clean
	if resolved, err := filepath.EvalSymlinks(target); err == nil {
		target = resolved
	}
	old, err := os.Stat(target)
	switch {
	case err == nil && old.IsDir():
		return false, fmt.Errorf("write %s: is a directory", target)
	case err == nil && old.Size() == int64(len(s.content)):
		cur, err := os.ReadFile(target)
		if err != nil {
			return false, fmt.Errorf("read %s: %w", target, err)
		}
		if string(cur) == s.content {
			return true, nil
		}
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return false, err // an *fs.PathError names the call and the path
	case err != nil:
		old = nil
	}
	if !apply {
		return false, nil
	}
	if err := r.writeAtomic(target, s, old); err != nil {
		return false, err
	}
	r.logf("wrote %d bytes to %s", len(s.content), target)
	return false, nil
}

// writeAtomic writes the content to a temporary file beside target and
// renames it over target. The new file takes the managed mode, or the old
// file's mode and (when possible) owner, or the default mode.
func (r *fileRes) writeAtomic(target string, s fileSpec, old os.FileInfo) (err error) {
	f, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".mgmt-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", target, err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err := f.WriteString(s.content); err != nil {
		return fmt.Errorf("write %s: %w", tmp, err)
	}
	mode := defaultFileMode
	switch {
	case s.hasMode:
		mode = s.mode
	case old != nil:
		mode = old.Mode() & permBits
	}
	if err := f.Chmod(mode); err != nil {
		return fmt.Errorf("chmod %s: %w", tmp, err)
	}
	if st, ok := statT(old); ok && (int(st.Uid) != os.Geteuid() || int(st.Gid) != os.Getegid()) {
		if err := f.Chown(int(st.Uid), int(st.Gid)); err != nil {
			if !errors.Is(err, fs.ErrPermission) {
				return fmt.Errorf("chown %s: %w", tmp, err)
			}
			r.logf("%s now belongs to this user: cannot keep its owner %d:%d: %v", target, st.Uid, st.Gid, err)
		}
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", tmp, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("close %s: %w", tmp, err)
	}
	if err := os.Rename(tmp, target); err != nil {
		return fmt.Errorf("rename %s to %s: %w", tmp, target, err)
	}
	return nil
}

// statT returns the system stat of fi, if any.
func statT(fi os.FileInfo) (*syscall.Stat_t, bool) {
	if fi == nil {
		return nil, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return st, ok
}

// applyMode sets the permission bits when they are managed and differ.
func (r *fileRes) applyMode(s fileSpec, apply bool) (bool, error) {
	if !s.hasMode || s.state == stateAbsent {
		return true, nil
	}
	fi, err := os.Stat(s.clean)
	if err != nil {
		return false, err // an *fs.PathError names the call and the path
	}
	if fi.Mode()&permBits == s.mode {
		return true, nil
	}
	if !apply {
		return false, nil
	}
	if err := os.Chmod(s.clean, s.mode); err != nil {
		return false, fmt.Errorf("chmod %s: %w", s.clean, err)
	}
	r.logf("chmod %s %s", s.clean, s.mode)
	return false, nil
}

// applyOwner sets the owner and group when they are managed and differ. A
// missing file whose existence is left alone has nothing to manage.
func (r *fileRes) applyOwner(s fileSpec, apply bool) (bool, error) {
	if (s.owner == "" && s.group == "") || s.state == stateAbsent {
		return true, nil
	}
	fi, err := os.Stat(s.clean)
	if errors.Is(err, fs.ErrNotExist) && s.state == "" {
		return true, nil
	}
	if err != nil {
		return false, err // an *fs.PathError names the call and the path
	}
	uid, gid, err := lookupIDs(s.owner, s.group)
	if err != nil {
		return false, err
	}
	st, ok := statT(fi)
	if !ok {
		return false, fmt.Errorf("%s: owner and group are not supported on this platform", s.clean)
	}
	if (uid < 0 || uint32(uid) == st.Uid) && (gid < 0 || uint32(gid) == st.Gid) {
		return true, nil
	}
	if !apply {
		return false, nil
	}
	if err := os.Chown(s.clean, uid, gid); err != nil {
		return false, fmt.Errorf("chown %s to %s:%s: %w (changing owner or group needs root)",
			s.clean, s.owner, s.group, err)
	}
	r.logf("chown %s %s:%s", s.clean, s.owner, s.group)
	return false, nil
}

// lookupIDs resolves owner and group names or numeric ids; -1 means
// unmanaged.
func lookupIDs(owner, group string) (uid, gid int, err error) {
	uid, gid = -1, -1
	if owner != "" {
		if uid, err = strconv.Atoi(owner); err != nil {
			u, lerr := user.Lookup(owner)
			if lerr != nil {
				return -1, -1, fmt.Errorf("owner %q: %w", owner, lerr)
			}
			if uid, err = strconv.Atoi(u.Uid); err != nil {
				return -1, -1, fmt.Errorf("owner %q: uid %q: %w", owner, u.Uid, err)
			}
		}
	}
	if group != "" {
		if gid, err = strconv.Atoi(group); err != nil {
			g, lerr := user.LookupGroup(group)
			if lerr != nil {
				return -1, -1, fmt.Errorf("group %q: %w", group, lerr)
			}
			if gid, err = strconv.Atoi(g.Gid); err != nil {
				return -1, -1, fmt.Errorf("group %q: gid %q: %w", group, g.Gid, err)
			}
		}
	}
	return uid, gid, nil
}
