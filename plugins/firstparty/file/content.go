package file

import (
	"bytes"
	"errors"
	"fmt"
	"path"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// contentStep makes the file's content that of content, fragments or a
// source file, compared byte for byte. A file that is already right is
// not touched. The common cases take few host calls: a read of at most
// the expected size first, which alone settles a right file (when the
// mode and owner need no stat) and a missing one; a stat only when the
// file differs or is not a regular file; then one write.
func (o *op) contentStep() (bool, error) {
	r := o.r
	if !r.hasBody() || r.state == stateAbsent {
		return true, nil
	}
	data, srcMode, err := o.body()
	if err != nil {
		return false, err
	}
	compared := false
	if !o.known {
		same, st, err := o.readEqualStat(r.clean, data)
		if st != nil {
			o.st, o.known, o.ownerOK = st, true, true
		}
		switch {
		case err == nil && same:
			return true, nil
		case err == nil:
			compared = true // it differs; the stat says how to replace it
		case isCode(err, hostabi.CodeNotFound):
			o.st, o.known, o.ownerOK = nil, true, false
		}
	}
	st, err := o.stat()
	if err != nil {
		return false, err
	}
	switch {
	case st == nil && r.state != stateExists:
		return false, o.missing("content")
	case st != nil && st.Type == hostabi.FileDir:
		if !r.force {
			return false, fmt.Errorf("%s is a directory, want a file (set force to replace it)", r.clean)
		}
		if !o.apply {
			return false, nil
		}
		if err := o.ctx.Remove(r.clean, true); err != nil {
			return false, fmt.Errorf("replace %s: %w", r.clean, err)
		}
		o.ctx.Log("removed directory %s to replace it by a file (force)", r.clean)
		st = nil
	case st != nil && st.Type != hostabi.FileRegular:
		return false, fmt.Errorf("%s is a %s, not a regular file", r.clean, typeName(st.Type))
	case st != nil && !compared && st.Size == uint64(len(data)):
		same, err := o.readEqual(r.clean, data)
		switch {
		case isCode(err, hostabi.CodeNotFound):
			// Removed since the stat: it is created below.
			st = nil
			o.st, o.known, o.ownerOK = nil, true, false
		case err != nil || same:
			return same, err
		}
	}
	if !o.apply {
		return false, nil
	}
	if r.hasMode {
		srcMode = nil
	}
	return false, o.write(data, srcMode, st)
}

// body returns the content the file must have and, for a source file,
// the source's mode.
func (o *op) body() ([]byte, *uint32, error) {
	r := o.r
	switch {
	case r.hasContent:
		return []byte(r.content), nil, nil
	case len(r.fragments) > 0:
		data, err := o.fragments()
		return data, nil, err
	}
	st, err := o.ctx.Stat(r.source, false)
	if err != nil {
		return nil, nil, fmt.Errorf("stat source %s: %w", r.source, err)
	}
	if st.Type != hostabi.FileRegular {
		return nil, nil, fmt.Errorf("source %s is a %s, not a regular file", r.source, typeName(st.Type))
	}
	data, err := o.readSized(r.source, st.Size)
	if err != nil {
		return nil, nil, fmt.Errorf("source: %w", err)
	}
	return data, &st.Mode, nil
}

// fragments concatenates the fragments in order: a file's content, or
// for a directory (ending in "/") the content of each file in it, by
// name, skipping subdirectories, as upstream does.
func (o *op) fragments() ([]byte, error) {
	var buf bytes.Buffer
	for _, f := range o.r.fragments {
		if !strings.HasSuffix(f, "/") {
			data, err := o.ctx.ReadFile(f)
			if err != nil {
				return nil, fmt.Errorf("read fragment %s: %w", f, err)
			}
			buf.Write(data)
			continue
		}
		dir := cleanPath(f)
		entries, err := o.ctx.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("read fragment directory %s: %w", f, err)
		}
		for _, e := range entries {
			if e.Type == hostabi.FileDir {
				continue
			}
			p := path.Join(dir, e.Name)
			data, err := o.ctx.ReadFile(p)
			if errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
				// Gone since the listing (a writer's temporary file,
				// renamed into place): not a fragment any more. The
				// change of the directory brings another check.
				continue
			}
			if err != nil {
				return nil, fmt.Errorf("read fragment %s: %w", p, err)
			}
			buf.Write(data)
		}
	}
	return buf.Bytes(), nil
}

// write replaces the file's content atomically (ctx.WriteFile: a
// temporary file renamed over it). Its mode is the managed one, else the
// source's (srcMode), else the old file's, else the default; an old
// file's owner and group are kept, as upstream keeps them by rewriting in
// place.
func (o *op) write(data []byte, srcMode *uint32, old *hostabi.StatResponse) error {
	r := o.r
	var mode uint32 = defaultFileMode
	switch {
	case r.hasMode && old != nil:
		mode = r.mode.apply(old.Mode)
	case r.hasMode:
		mode = r.mode.apply(0)
	case srcMode != nil:
		mode = *srcMode
	case old != nil:
		mode = old.Mode
	}
	written, err := o.ctx.WriteFileStat(r.clean, data, mode&0o777)
	if err != nil {
		return fmt.Errorf("write %s: %w", r.clean, err)
	}
	// The host writes the permission bits only, and 0 as the default.
	if bits := mode & 0o777; bits == 0 || bits != mode {
		if err := o.ctx.Chmod(r.clean, mode); err != nil {
			return fmt.Errorf("chmod %s: %w", r.clean, err)
		}
		if written != nil {
			written.Mode = mode
		}
	}
	if old == nil {
		o.ctx.Log("created %s (%d bytes)", r.clean, len(data))
	} else {
		o.ctx.Log("wrote %d bytes to %s", len(data), r.clean)
	}
	// The host's stat of the file written tells its owner too; without
	// one, what the write made of it is known but for the owner.
	o.st, o.known, o.ownerOK = written, true, true
	if written == nil {
		o.st = &hostabi.StatResponse{Type: hostabi.FileRegular, Mode: mode, Size: uint64(len(data))}
		o.ownerOK = false
	}
	if old != nil && r.owner == "" && r.group == "" {
		return o.keepOwner(old)
	}
	return nil
}

// keepOwner gives the rewritten file the old file's owner and group when
// the atomic replace changed them. Not being allowed to is a warning: the
// content is right, and only root may give a file away.
func (o *op) keepOwner(old *hostabi.StatResponse) error {
	r := o.r
	if !o.ownerOK {
		o.forget()
	}
	st, err := o.stat()
	if err != nil || st == nil {
		return err
	}
	if st.UID == old.UID && st.GID == old.GID {
		return nil
	}
	uid, gid := strconv.FormatUint(uint64(old.UID), 10), strconv.FormatUint(uint64(old.GID), 10)
	if err := o.ctx.Chown(r.clean, uid, gid, false); err != nil {
		if isCode(err, hostabi.CodeDenied) {
			o.ctx.Warn("%s now belongs to %d:%d: cannot keep its owner %s:%s: %v", r.clean, st.UID, st.GID, uid, gid, err)
			return nil
		}
		return fmt.Errorf("chown %s to its old owner %s:%s: %w", r.clean, uid, gid, err)
	}
	o.forget()
	return nil
}
