package hostfuncs

import (
	"io/fs"
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
	"github.com/tetratelabs/wazero/experimental/sysfs"
	"github.com/tetratelabs/wazero/sys"
)

// WASIFS is the host's file system as a WASI file system for plugins that
// reach files through WASI (Extism modules), mounted at "/" and checked
// as the fs imports check: every path is resolved through its symlinks
// and the resolved path must be within a grant (fs.read to read, stat
// and list; fs.write to create, change and remove). A symlink cannot lead
// out of a grant, unlike a plain WASI directory mount.
func WASIFS(granted hostabi.Capabilities) experimentalsys.FS {
	return &wasiFS{granted: granted, inner: sysfs.DirFS("/")}
}

// wasiFS is WASIFS's file system.
type wasiFS struct {
	experimentalsys.UnimplementedFS
	granted hostabi.Capabilities
	inner   experimentalsys.FS
}

// check resolves the mount-relative path p for op and returns the path
// to hand the inner file system, or the errno of a refusal.
func (f *wasiFS) check(op hostabi.Op, p string, follow bool) (string, experimentalsys.Errno) {
	abs := path.Clean("/" + p)
	real, err := permit(f.granted, op, abs, follow)
	if err != nil {
		return "", errnoOf(err)
	}
	if rel := strings.TrimPrefix(real, "/"); rel != "" {
		return rel, 0
	}
	return ".", 0
}

// checkWrites checks two paths for writing, as a rename or a link needs.
func (f *wasiFS) checkWrites(a, b string) (string, string, experimentalsys.Errno) {
	ra, errno := f.check(hostabi.OpWrite, a, false)
	if errno != 0 {
		return "", "", errno
	}
	rb, errno := f.check(hostabi.OpWrite, b, false)
	return ra, rb, errno
}

// errnoOf maps a refusal onto WASI's errno.
func errnoOf(err error) experimentalsys.Errno {
	switch hostabi.CodeOf(err) {
	case hostabi.CodeDenied:
		return experimentalsys.EACCES
	case hostabi.CodeNotFound:
		return experimentalsys.ENOENT
	case hostabi.CodeInvalid:
		return experimentalsys.EINVAL
	}
	return experimentalsys.EIO
}

// writes reports whether open flags may change the file.
func writes(flag experimentalsys.Oflag) bool {
	return flag&(experimentalsys.O_WRONLY|experimentalsys.O_RDWR|experimentalsys.O_CREAT|experimentalsys.O_TRUNC|experimentalsys.O_APPEND) != 0
}

// OpenFile needs fs.read, and fs.write too when it may change the file.
func (f *wasiFS) OpenFile(p string, flag experimentalsys.Oflag, perm fs.FileMode) (experimentalsys.File, experimentalsys.Errno) {
	follow := flag&experimentalsys.O_NOFOLLOW == 0
	op := hostabi.OpRead
	if writes(flag) {
		op = hostabi.OpWrite
	}
	if abs := path.Clean("/" + p); abs == "/" && !writes(flag) {
		// The mount's root is opened at instantiation (WASI's preopen);
		// listing it needs fs.read of "/" like any directory.
		file, errno := f.inner.OpenFile(".", flag, perm)
		if errno != 0 || f.granted.Allows(hostabi.OpRead, "/") {
			return file, errno
		}
		return unlisted{file}, 0
	}
	real, errno := f.check(op, p, follow)
	if errno != 0 {
		return nil, errno
	}
	if op == hostabi.OpWrite && flag&experimentalsys.O_WRONLY == 0 {
		// Reading and writing: reading must be granted as well.
		if _, errno := f.check(hostabi.OpRead, p, follow); errno != 0 {
			return nil, errno
		}
	}
	return f.inner.OpenFile(real, flag, perm)
}

// Lstat needs fs.read.
func (f *wasiFS) Lstat(p string) (sys.Stat_t, experimentalsys.Errno) {
	real, errno := f.check(hostabi.OpRead, p, false)
	if errno != 0 {
		return sys.Stat_t{}, errno
	}
	return f.inner.Lstat(real)
}

// Stat needs fs.read.
func (f *wasiFS) Stat(p string) (sys.Stat_t, experimentalsys.Errno) {
	real, errno := f.check(hostabi.OpRead, p, true)
	if errno != 0 {
		return sys.Stat_t{}, errno
	}
	return f.inner.Stat(real)
}

// Readlink needs fs.read.
func (f *wasiFS) Readlink(p string) (string, experimentalsys.Errno) {
	real, errno := f.check(hostabi.OpRead, p, false)
	if errno != 0 {
		return "", errno
	}
	return f.inner.Readlink(real)
}

// Mkdir needs fs.write.
func (f *wasiFS) Mkdir(p string, perm fs.FileMode) experimentalsys.Errno {
	real, errno := f.check(hostabi.OpWrite, p, false)
	if errno != 0 {
		return errno
	}
	return f.inner.Mkdir(real, perm)
}

// Chmod needs fs.write.
func (f *wasiFS) Chmod(p string, perm fs.FileMode) experimentalsys.Errno {
	real, errno := f.check(hostabi.OpWrite, p, true)
	if errno != 0 {
		return errno
	}
	return f.inner.Chmod(real, perm)
}

// Rename needs fs.write on both paths.
func (f *wasiFS) Rename(from, to string) experimentalsys.Errno {
	rf, rt, errno := f.checkWrites(from, to)
	if errno != 0 {
		return errno
	}
	return f.inner.Rename(rf, rt)
}

// Rmdir needs fs.write.
func (f *wasiFS) Rmdir(p string) experimentalsys.Errno {
	real, errno := f.check(hostabi.OpWrite, p, false)
	if errno != 0 {
		return errno
	}
	return f.inner.Rmdir(real)
}

// Unlink needs fs.write.
func (f *wasiFS) Unlink(p string) experimentalsys.Errno {
	real, errno := f.check(hostabi.OpWrite, p, false)
	if errno != 0 {
		return errno
	}
	return f.inner.Unlink(real)
}

// Link needs fs.write on both paths.
func (f *wasiFS) Link(oldPath, newPath string) experimentalsys.Errno {
	ro, rn, errno := f.checkWrites(oldPath, newPath)
	if errno != 0 {
		return errno
	}
	return f.inner.Link(ro, rn)
}

// Symlink needs fs.write on the link; its target is stored as given (what
// it leads to is checked when it is followed).
func (f *wasiFS) Symlink(target, linkName string) experimentalsys.Errno {
	real, errno := f.check(hostabi.OpWrite, linkName, false)
	if errno != 0 {
		return errno
	}
	return f.inner.Symlink(target, real)
}

// Utimens needs fs.write.
func (f *wasiFS) Utimens(p string, atim, mtim int64) experimentalsys.Errno {
	real, errno := f.check(hostabi.OpWrite, p, true)
	if errno != 0 {
		return errno
	}
	return f.inner.Utimens(real, atim, mtim)
}

// unlisted is the mount's root for a plugin not granted to read it: it
// can be walked through but not listed.
type unlisted struct{ experimentalsys.File }

// Readdir is denied.
func (unlisted) Readdir(int) ([]experimentalsys.Dirent, experimentalsys.Errno) {
	return nil, experimentalsys.EACCES
}
