package hostfuncs

import (
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// rawFile is an open file as a bare descriptor. fs_read and
// fs_write_atomic use it instead of *os.File, which costs system calls of
// its own on each file: os.Open and os.CreateTemp offer the file to the
// runtime's poller (an epoll_ctl that fails for a regular file),
// os.NewFile asks for the descriptor's flags, os.Rename lstats the target.
// With createdWith, euid and the names cache (ownernames.go), a drift
// repair went from 27 system calls to 11.
type rawFile struct {
	fd   int
	name string
}

// retry runs a system call again while a signal interrupts it.
func retry(call func() error) error {
	for {
		if err := call(); err != syscall.EINTR {
			return err
		}
	}
}

// pathErr wraps a system call's error as the os package does.
func (f rawFile) pathErr(op string, err error) error {
	if err == nil {
		return nil
	}
	return &os.PathError{Op: op, Path: f.name, Err: err}
}

// openRead opens path for reading.
func openRead(path string) (rawFile, error) {
	f := rawFile{fd: -1, name: path}
	err := retry(func() (err error) {
		f.fd, err = syscall.Open(path, syscall.O_RDONLY|syscall.O_CLOEXEC, 0)
		return err
	})
	return f, f.pathErr("open", err)
}

// createTemp creates a new file in dir, named prefix and a random number,
// for writing, with the permission bits of mode (less the umask): created
// 0600 as os.CreateTemp does, it would need a chmod every time.
func createTemp(dir, prefix string, mode os.FileMode) (rawFile, error) {
	for try := 0; ; try++ {
		f := rawFile{fd: -1, name: filepath.Join(dir, prefix+strconv.FormatUint(rand.Uint64(), 36))}
		err := retry(func() (err error) {
			f.fd, err = syscall.Open(f.name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_EXCL|syscall.O_CLOEXEC, uint32(mode.Perm()))
			return err
		})
		if errors.Is(err, syscall.EEXIST) && try < 100 {
			continue
		}
		return f, f.pathErr("createtemp", err)
	}
}

// stat is fstat(2).
func (f rawFile) stat() (*syscall.Stat_t, error) {
	st := &syscall.Stat_t{}
	if err := retry(func() error { return syscall.Fstat(f.fd, st) }); err != nil {
		return nil, f.pathErr("stat", err)
	}
	return st, nil
}

// readAt reads len(b) bytes from off on, as io.ReaderAt: fewer only at the
// end of the file, with io.EOF.
func (f rawFile) readAt(b []byte, off int64) (int, error) { return f.readAtSized(b, off, -1) }

// readAtSized is readAt for a file whose size was size when it was opened
// (-1: unknown): a read that comes short at or past that size is the end
// of the file (io.EOF) without another pread to see it return nothing. A
// file that shrank meanwhile is read on; one that grew fills b.
func (f rawFile) readAtSized(b []byte, off, size int64) (int, error) {
	n := 0
	for n < len(b) {
		var m int
		err := retry(func() (err error) {
			m, err = syscall.Pread(f.fd, b[n:], off+int64(n))
			return err
		})
		if err != nil {
			return n, f.pathErr("read", err)
		}
		n += m
		if m == 0 || (size >= 0 && n < len(b) && off+int64(n) >= size) {
			return n, io.EOF
		}
	}
	return n, nil
}

// write writes all of b.
func (f rawFile) write(b []byte) error {
	for len(b) > 0 {
		var m int
		err := retry(func() (err error) {
			m, err = syscall.Write(f.fd, b)
			return err
		})
		if err != nil {
			return f.pathErr("write", err)
		}
		b = b[m:]
	}
	return nil
}

func (f rawFile) chown(uid, gid int) error {
	return f.pathErr("chown", retry(func() error { return syscall.Fchown(f.fd, uid, gid) }))
}

func (f rawFile) chmod(mode os.FileMode) error {
	return f.pathErr("chmod", retry(func() error { return syscall.Fchmod(f.fd, uint32(abiMode(mode))) }))
}

func (f rawFile) sync() error {
	return f.pathErr("sync", retry(func() error { return syscall.Fsync(f.fd) }))
}

// close closes the descriptor; it is not retried (Linux frees it even
// when close is interrupted).
func (f rawFile) close() error { return f.pathErr("close", syscall.Close(f.fd)) }

// rename renames from over to: rename(2) itself, which refuses to put a
// file over a directory, without the lstat of the target that os.Rename
// adds to refuse a directory over an empty one.
func rename(from, to string) error {
	if err := retry(func() error { return syscall.Rename(from, to) }); err != nil {
		return &os.LinkError{Op: "rename", Old: from, New: to, Err: err}
	}
	return nil
}

// euid is the process's effective user id, asked once: mgmt never changes
// it.
var euid = sync.OnceValue(os.Geteuid)

// createdWith reports whether a file createTemp made with mode already
// has exactly mode: no setuid, setgid or sticky bit (open ignores them
// or the kernel may clear them) and no permission bit the umask removes.
// Then the chmod that would set it is left out.
func createdWith(mode os.FileMode) bool {
	if mode&(os.ModeSetuid|os.ModeSetgid|os.ModeSticky) != 0 {
		return false
	}
	mask, ok := umask()
	return ok && mode.Perm()&mask == 0
}

// umask returns the process's umask as /proc/self/status shows it (Linux
// 4.7 and later), read once: nothing in mgmt changes it. Without it, ok is
// false and every write sets its mode with a chmod.
var umask = sync.OnceValues(func() (os.FileMode, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "Umask:"); ok {
			m, err := strconv.ParseUint(strings.TrimSpace(v), 8, 32)
			if err != nil {
				return 0, false
			}
			return os.FileMode(m) & os.ModePerm, true
		}
	}
	return 0, false
})
