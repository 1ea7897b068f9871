package run

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// prefix is mgmt's state directory, locked so that two runs never share it.
type prefix struct {
	dir  string
	tmp  bool
	lock *os.File
}

// DefaultPrefix is where mgmt keeps its state when --prefix is not given:
// $MGMT_PREFIX, /var/lib/mgmt/ for root, else the user's state directory.
func DefaultPrefix() string {
	if p := os.Getenv("MGMT_PREFIX"); p != "" {
		return p
	}
	if os.Geteuid() == 0 {
		return "/var/lib/mgmt/"
	}
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "mgmt")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "state", "mgmt")
	}
	return filepath.Join(os.TempDir(), "mgmt")
}

// openPrefix creates and locks the state directory. With tmp a fresh
// temporary directory is used (and removed at the end); with allowTmp one is
// used when dir cannot be.
func openPrefix(dir string, tmp, allowTmp bool) (*prefix, error) {
	if dir == "" {
		dir = DefaultPrefix()
	}
	if !tmp {
		p, err := lockPrefix(dir, false)
		if err == nil || !allowTmp {
			return p, err
		}
	}
	d, err := os.MkdirTemp("", "mgmt-prefix-")
	if err != nil {
		return nil, fmt.Errorf("temporary prefix: %w", err)
	}
	return lockPrefix(d, true)
}

func lockPrefix(dir string, tmp bool) (*prefix, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("prefix %s: %w", dir, err)
	}
	path := filepath.Join(dir, "lock")
	for range 100 {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
		if err != nil {
			return nil, fmt.Errorf("prefix %s: %w", dir, err)
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, errInUse(dir)
			}
			return nil, fmt.Errorf("prefix %s: lock: %w", dir, err)
		}
		// close removes the lock file before unlocking it: a lock won on
		// a file removed meanwhile guards nothing (the next mgmt creates
		// and locks a new one). Keep it only if it is still the file at
		// path.
		held, err := f.Stat()
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("prefix %s: lock: %w", dir, err)
		}
		if cur, err := os.Stat(path); err == nil && os.SameFile(held, cur) {
			return &prefix{dir: dir, tmp: tmp, lock: f}, nil
		}
		f.Close()
	}
	return nil, errInUse(dir)
}

// errInUse says that another mgmt holds the prefix.
func errInUse(dir string) error {
	return fmt.Errorf("prefix %s is in use by another mgmt (use --prefix or --tmp-prefix)", dir)
}

// varDir is where resources keep their private state.
func (p *prefix) varDir() string { return filepath.Join(p.dir, "state") }

// close unlocks the prefix, removing the lock file; a temporary prefix is
// removed entirely.
func (p *prefix) close() {
	os.Remove(p.lock.Name())
	p.lock.Close()
	if p.tmp {
		os.RemoveAll(p.dir)
	}
}
