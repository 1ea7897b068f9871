package file

import (
	"fmt"
	"path"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// treeStep copies a source directory onto the directory, rsync-style:
// directories are created with the source's mode, files copied when their
// content differs (taking the source's mode), symlinks copied as symlinks
// (same target, not followed); with purge, what the source lacks is
// removed (with purge and no source, everything in the directory is).
func (o *op) treeStep() (bool, error) {
	r := o.r
	if !r.dir || r.state == stateAbsent || (r.source == "" && !r.purge) {
		return true, nil
	}
	st, err := o.stat()
	if err != nil {
		return false, err
	}
	switch {
	case st == nil && !o.apply && r.state == stateExists:
		return false, nil
	case st == nil:
		return false, o.missing("tree")
	case st.Type != hostabi.FileDir:
		return false, fmt.Errorf("%s is a %s, not a directory", r.clean, typeName(st.Type))
	}
	src := ""
	if r.source != "" {
		src = cleanPath(r.source)
	}
	return o.sync(src, r.clean)
}

// sync makes the directory dst hold what the directory src holds ("": an
// empty source), recursively.
func (o *op) sync(src, dst string) (bool, error) {
	var srcEntries []hostabi.DirEntry
	if src != "" {
		var err error
		if srcEntries, err = o.ctx.ReadDir(src); err != nil {
			return false, fmt.Errorf("read source directory %s: %w", src, err)
		}
	}
	dstEntries, err := o.ctx.ReadDir(dst)
	if err != nil {
		return false, fmt.Errorf("read directory %s: %w", dst, err)
	}
	have := make(map[string]hostabi.FileType, len(dstEntries))
	for _, e := range dstEntries {
		have[e.Name] = e.Type
	}
	checkOK := true
	for _, e := range srcEntries {
		s, d := path.Join(src, e.Name), path.Join(dst, e.Name)
		t, exists := have[e.Name]
		delete(have, e.Name)
		var ok bool
		var err error
		if exists && t != e.Type {
			if exists, err = o.replaceEntry(d, t, e.Type); err != nil {
				return false, err
			}
			if exists { // only checking: it would be replaced
				return false, nil
			}
		}
		switch e.Type {
		case hostabi.FileDir:
			ok, err = o.syncDir(s, d, exists)
		case hostabi.FileRegular:
			ok, err = o.syncFile(s, d, exists)
		case hostabi.FileSymlink:
			ok, err = o.syncLink(s, d, exists)
		default:
			err = fmt.Errorf("cannot copy %s: it is a %s", s, typeName(e.Type))
		}
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
	if !o.r.purge || len(have) == 0 {
		return checkOK, nil
	}
	if !o.apply {
		return false, nil
	}
	for _, e := range dstEntries {
		if _, extra := have[e.Name]; !extra {
			continue
		}
		d := path.Join(dst, e.Name)
		if err := o.ctx.Remove(d, true); err != nil {
			return false, fmt.Errorf("purge %s: %w", d, err)
		}
		o.ctx.Log("removed %s (purge)", d)
	}
	return false, nil
}

// replaceEntry removes d, a have where the source has a want, which needs
// force. It reports whether d still exists (when only checking).
func (o *op) replaceEntry(d string, have, want hostabi.FileType) (bool, error) {
	if !o.r.force {
		return true, fmt.Errorf("%s is a %s, want a %s (set force to replace it)", d, typeName(have), typeName(want))
	}
	if !o.apply {
		return true, nil
	}
	if err := o.ctx.Remove(d, true); err != nil {
		return true, fmt.Errorf("replace %s: %w", d, err)
	}
	o.ctx.Log("removed %s %s to replace it by a %s (force)", typeName(have), d, typeName(want))
	return false, nil
}

// syncDir creates the directory d with the mode of s when it is missing,
// then syncs its contents.
func (o *op) syncDir(s, d string, exists bool) (bool, error) {
	checkOK := true
	if !exists {
		if !o.apply {
			return false, nil
		}
		st, err := o.ctx.Stat(s, true)
		if err != nil {
			return false, fmt.Errorf("stat source %s: %w", s, err)
		}
		if err := o.ctx.Mkdir(d, st.Mode&0o777, false); err != nil {
			return false, fmt.Errorf("mkdir %s: %w", d, err)
		}
		o.ctx.Log("created directory %s", d)
		checkOK = false
	}
	ok, err := o.sync(s, d)
	return ok && checkOK, err
}

// syncFile copies the file s to d when d is missing or its content
// differs; the copy takes the mode of s.
func (o *op) syncFile(s, d string, exists bool) (bool, error) {
	sst, err := o.ctx.Stat(s, true)
	if err != nil {
		return false, fmt.Errorf("stat source %s: %w", s, err)
	}
	var data []byte
	if exists {
		dst, err := o.ctx.Stat(d, true)
		if err != nil {
			return false, fmt.Errorf("stat %s: %w", d, err)
		}
		if dst.Size == sst.Size {
			if data, err = o.readSized(s, sst.Size); err != nil {
				return false, fmt.Errorf("source: %w", err)
			}
			same, err := o.readEqual(d, data)
			if err != nil || same {
				return same, err
			}
		}
	}
	if !o.apply {
		return false, nil
	}
	if data == nil {
		if data, err = o.readSized(s, sst.Size); err != nil {
			return false, fmt.Errorf("source: %w", err)
		}
	}
	if err := o.ctx.WriteFile(d, data, sst.Mode&0o777); err != nil {
		return false, fmt.Errorf("copy %s to %s: %w", s, d, err)
	}
	if sst.Mode&0o777 == 0 || sst.Mode&^0o777 != 0 {
		if err := o.ctx.Chmod(d, sst.Mode); err != nil {
			return false, fmt.Errorf("chmod %s: %w", d, err)
		}
	}
	o.ctx.Log("copied %s to %s (%d bytes)", s, d, len(data))
	return false, nil
}

// syncLink makes d a symlink with the target of the symlink s.
func (o *op) syncLink(s, d string, exists bool) (bool, error) {
	target, err := o.ctx.Readlink(s)
	if err != nil {
		return false, fmt.Errorf("readlink source %s: %w", s, err)
	}
	if exists {
		cur, err := o.ctx.Readlink(d)
		if err != nil {
			return false, fmt.Errorf("readlink %s: %w", d, err)
		}
		if cur == target {
			return true, nil
		}
	}
	if !o.apply {
		return false, nil
	}
	if exists {
		if err := o.ctx.Remove(d, false); err != nil {
			return false, fmt.Errorf("replace symlink %s: %w", d, err)
		}
	}
	if err := o.ctx.Symlink(target, d); err != nil {
		return false, fmt.Errorf("symlink %s -> %s: %w", d, target, err)
	}
	o.ctx.Log("symlink %s -> %s", d, target)
	return false, nil
}
