package hostfuncs

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/tetratelabs/wazero/api"
)

// MaxRead is the most bytes one fs_read returns; the guest reads on from
// its offset for more.
const MaxRead = 4 << 20

// resolve returns the path the host checks and acts on (ABI §3): the
// parent directory resolved through every symlink (its longest existing
// prefix, with the rest appended), and the final component too unless
// follow is false (operations on a link itself).
func resolve(path string, follow bool) (string, error) {
	if !filepath.IsAbs(path) {
		return "", &hostabi.ABIError{Code: hostabi.CodeInvalid, Message: "the path is not absolute: " + path}
	}
	clean := filepath.Clean(path)
	if follow {
		if real, err := filepath.EvalSymlinks(clean); err == nil {
			return real, nil
		}
	}
	if clean == "/" {
		return clean, nil
	}
	return filepath.Join(resolveExisting(filepath.Dir(clean)), filepath.Base(clean)), nil
}

// resolveExisting resolves the longest existing prefix of dir through its
// symlinks and appends the rest.
func resolveExisting(dir string) string {
	for cur := dir; ; cur = filepath.Dir(cur) {
		if real, err := filepath.EvalSymlinks(cur); err == nil {
			rest, _ := filepath.Rel(cur, dir)
			return filepath.Join(real, rest)
		}
		if cur == "/" || cur == "." {
			return dir
		}
	}
}

// allowed resolves path and checks the caller's grants for op on it; it
// returns the resolved path or an ABI error code (negative).
func allowed(ctx context.Context, op hostabi.Op, path string, follow bool) (string, int32) {
	real, err := permit(callerOf(ctx).Granted, op, path, follow)
	if err != nil {
		return "", -int32(hostabi.CodeOf(err))
	}
	return real, 0
}

// permit resolves path and checks granted for op on it: the one check of
// the fs imports and of the host's path watches.
func permit(granted hostabi.Capabilities, op hostabi.Op, path string, follow bool) (string, error) {
	if wholeTree(granted, op) && filepath.IsAbs(path) && strings.IndexByte(path, 0) < 0 {
		// A grant of the whole tree allows any resolved path: resolving
		// it (an lstat per component) cannot change the answer, and the
		// kernel follows the same links for the operation itself.
		return filepath.Clean(path), nil
	}
	real, err := resolve(path, follow)
	if err != nil {
		return "", err
	}
	if !resolvedGrants(granted).Allows(op, real) {
		return "", &hostabi.ABIError{Code: hostabi.CodeDenied, Message: "the plugin may not " + op.String() + " " + path}
	}
	return real, nil
}

// wholeTree reports whether a capability of cs grants op on "/" itself,
// and so on every path (the first-party plugins' fs.read:/ and fs.write:/).
func wholeTree(cs hostabi.Capabilities, op hostabi.Op) bool {
	for _, c := range cs {
		if (c.Kind == hostabi.CapFSRead || c.Kind == hostabi.CapFSWrite) && c.Arg == "/" && c.Allows(op, "/") {
			return true
		}
	}
	return false
}

// resolvedGrants returns cs and, for each file system or exec capability
// whose path resolves (ABI §9) to another path, the capability with the
// resolved path: a capability whose path is behind a symlink then matches
// the resolved paths it is compared with. The capability as granted is
// kept too, so that fs.write:/srv/app still covers the link /srv/app
// itself for the operations that act on a link. exec:* has no path.
func resolvedGrants(cs hostabi.Capabilities) hostabi.Capabilities {
	out := slices.Clone(cs)
	for _, c := range cs {
		switch {
		case c.Kind == hostabi.CapExec && c.Arg == hostabi.ExecAny:
		case c.Kind == hostabi.CapFSRead, c.Kind == hostabi.CapFSWrite, c.Kind == hostabi.CapExec:
			if real, err := resolve(c.Arg, true); err == nil && real != c.Arg {
				out = append(out, hostabi.Capability{Kind: c.Kind, Arg: real})
			}
		}
	}
	return out
}

// checked decodes an fs import's request into req, then resolves and checks
// the path it names (path is read after decoding, but follow is an argument,
// evaluated before: an import whose follow comes from the request, such as
// nofollow, decodes and calls allowed itself); it returns the resolved path,
// or a negative ABI code.
func checked(ctx context.Context, m api.Module, reqPtr, reqLen uint32, req interface{ UnmarshalBinary([]byte) error }, op hostabi.Op, path func() string, follow bool) (string, int32) {
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return "", code
	}
	return allowed(ctx, op, path(), follow)
}

// fileType classifies a file mode for StatResponse and DirEntry.
func fileType(mode os.FileMode) hostabi.FileType {
	switch {
	case mode.IsRegular():
		return hostabi.FileRegular
	case mode.IsDir():
		return hostabi.FileDir
	case mode&os.ModeSymlink != 0:
		return hostabi.FileSymlink
	}
	return hostabi.FileOther
}

// fsStat is the fs_stat import.
func (env Env) fsStat(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.StatRequest{}
	if code := decode(m, reqPtr, reqLen, req); code != 0 {
		return code
	}
	real, code := allowed(ctx, hostabi.OpRead, req.Path, !req.NoFollow) // after decoding: follow depends on the request
	if code != 0 {
		return code
	}
	// The resolved path may still be a link: a whole-tree grant skips
	// resolving, and a dangling link does not resolve.
	stat := os.Stat
	if req.NoFollow {
		stat = os.Lstat
	}
	fi, err := stat(real)
	if err != nil {
		return osCode(err)
	}
	return marshalRespond(ctx, m, outPtr, statResponse(fi))
}

// statResponse describes a file as fs_stat answers, owner names included.
func statResponse(fi os.FileInfo) *hostabi.StatResponse {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return sysStatResponse(st)
	}
	return &hostabi.StatResponse{Type: fileType(fi.Mode()), Mode: abiMode(fi.Mode()), Size: uint64(fi.Size()), MtimeNS: fi.ModTime().UnixNano()}
}

// sysStatResponse is statResponse of what stat(2) answered.
func sysStatResponse(st *syscall.Stat_t) *hostabi.StatResponse {
	resp := &hostabi.StatResponse{Type: hostabi.FileOther, Mode: st.Mode & abiModeMask, Size: uint64(st.Size), MtimeNS: st.Mtim.Nano(), UID: st.Uid, GID: st.Gid}
	switch st.Mode & syscall.S_IFMT {
	case syscall.S_IFREG:
		resp.Type = hostabi.FileRegular
	case syscall.S_IFDIR:
		resp.Type = hostabi.FileDir
	case syscall.S_IFLNK:
		resp.Type = hostabi.FileSymlink
	}
	resp.User, resp.Group = ownerNames(st.Uid, st.Gid)
	return resp
}

// pseudoFileRead is the buffer of a read of a file whose size is 0, as the
// files of /proc and /sys report.
const pseudoFileRead = 64 << 10

// fsRead is the fs_read import.
func (env Env) fsRead(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.ReadRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpRead, func() string { return req.Path }, true)
	if code != 0 {
		return code
	}
	f, err := openRead(real)
	if err != nil {
		return osCode(err)
	}
	defer f.close()
	limit := req.Limit
	if limit == 0 || limit > MaxRead {
		limit = MaxRead
	}
	// Size the buffer by what is there: a regular file rarely fills the
	// limit, and a buffer of the limit costs its allocation and clearing
	// on every read. One byte more than the rest of the file lets readAt
	// see the end (EOF) in the same read.
	// Files of /proc and /sys say they are empty: they get a page-sized
	// buffer, not one byte per call.
	st, err := f.stat()
	if err == nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		rest := st.Size - int64(req.Offset)
		if st.Size == 0 {
			rest = pseudoFileRead - 1
		}
		if rest >= 0 && uint64(rest)+1 < limit {
			limit = uint64(rest) + 1
		}
	}
	buf := make([]byte, limit)
	var n int
	if st != nil && st.Mode&syscall.S_IFMT == syscall.S_IFREG {
		// A short read that reaches the size fstat gave is the end: no
		// second pread to see it return nothing.
		n, err = f.readAtSized(buf, int64(req.Offset), st.Size)
	} else {
		n, err = f.readAt(buf, int64(req.Offset))
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return osCode(err)
	}
	resp := &hostabi.ReadResponse{Data: buf[:n], EOF: errors.Is(err, io.EOF)}
	if req.WantStat && st != nil {
		resp.Stat = sysStatResponse(st)
	}
	return marshalRespond(ctx, m, outPtr, resp)
}

// fsWriteAtomic is the fs_write_atomic import: a temporary file in the
// same directory, renamed over the target.
func (env Env) fsWriteAtomic(ctx context.Context, m api.Module, reqPtr, reqLen, outPtr uint32) int32 {
	req := &hostabi.WriteAtomicRequest{}
	real, code := checked(ctx, m, reqPtr, reqLen, req, hostabi.OpWrite, func() string { return req.Path }, true)
	if code != 0 {
		return code
	}
	// The file replaced keeps its mode unless one is given, and its owner
	// and group where the host may set them (as root).
	old, statErr := os.Stat(real)
	mode := fileMode(req.Mode)
	if req.Mode == 0 {
		mode = 0o644
		if statErr == nil {
			mode = old.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
		}
	}
	dir := filepath.Dir(real)
	tmp, err := createTemp(dir, "."+filepath.Base(real)+".mgmt-", mode)
	if err != nil {
		return osCode(err)
	}
	renamed := false
	defer func() {
		if !renamed {
			os.Remove(tmp.name)
		}
	}()
	err = tmp.write(req.Data)
	chowned := false
	if err == nil && statErr == nil && euid() == 0 {
		if st, ok := old.Sys().(*syscall.Stat_t); ok && (st.Uid != 0 || st.Gid != 0) {
			err = tmp.chown(int(st.Uid), int(st.Gid))
			chowned = true
		}
	}
	if err == nil && (chowned || !createdWith(mode)) {
		err = tmp.chmod(mode) // after chown, which clears setuid and setgid
	}
	if err == nil && req.Sync {
		err = tmp.sync()
	}
	// The file about to be renamed into place, for the response and for
	// the watcher's record of the host's own writes.
	caller := callerOf(ctx)
	tellWatcher := env.Wrote != nil && caller.Resource != ""
	var written *syscall.Stat_t
	if err == nil && (req.WantStat || tellWatcher) {
		written, err = tmp.stat()
	}
	if cerr := tmp.close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = rename(tmp.name, real)
		renamed = err == nil
	}
	if err == nil && req.Sync {
		err = syncDir(dir)
	}
	if err != nil {
		return osCode(err)
	}
	if tellWatcher {
		env.Wrote(WriterID(caller.Plugin, caller.Resource), real, req.Data, written)
	}
	if req.WantStat {
		return marshalRespond(ctx, m, outPtr, sysStatResponse(written))
	}
	return respond(ctx, m, outPtr, nil)
}

// osCode maps an OS error to a negative ABI code (section 8).
func osCode(err error) int32 {
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return -int32(hostabi.CodeNotDir)
	case errors.Is(err, syscall.EISDIR):
		return -int32(hostabi.CodeIsDir)
	case errors.Is(err, syscall.ENOTEMPTY):
		return -int32(hostabi.CodeNotEmpty)
	case errors.Is(err, syscall.EINVAL), errors.Is(err, syscall.ELOOP), errors.Is(err, syscall.ENAMETOOLONG):
		return -int32(hostabi.CodeInvalid)
	case errors.Is(err, syscall.EROFS):
		return -int32(hostabi.CodeDenied)
	case errors.Is(err, syscall.E2BIG), errors.Is(err, syscall.EFBIG):
		return -int32(hostabi.CodeLimit)
	}
	if c := hostabi.CodeOf(err); c != hostabi.CodeFailed {
		return -int32(c)
	}
	return -int32(hostabi.CodeIO)
}

// marshalRespond encodes msg and hands it to the guest.
func marshalRespond(ctx context.Context, m api.Module, outPtr uint32, msg interface{ MarshalBinary() ([]byte, error) }) int32 {
	b, err := msg.MarshalBinary()
	if err != nil {
		return -int32(hostabi.CodeInternal)
	}
	return respond(ctx, m, outPtr, b)
}

// CanRead reports, as an *hostabi.ABIError with code denied or invalid,
// whether granted lets a plugin read path, resolved as the fs imports
// resolve it. The host checks a plugin's path watches with it (ABI §10).
func CanRead(granted hostabi.Capabilities, path string) error {
	_, err := permit(granted, hostabi.OpRead, path, true)
	return err
}

// syncDir flushes a directory's entries (a rename in it) to disk.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
