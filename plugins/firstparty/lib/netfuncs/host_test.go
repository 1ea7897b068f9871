package netfuncs

import (
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"strings"
)

// fakeHost serves files from a map, and directories for every path
// prefix ending in '/'.
type fakeHost struct{ files map[string]string }

func (h fakeHost) ReadFile(path string) ([]byte, error) {
	if s, ok := h.files[path]; ok {
		return []byte(s), nil
	}
	return nil, &fs.PathError{Op: "read", Path: path, Err: fs.ErrNotExist}
}

func (h fakeHost) Stat(path string) (bool, bool, error) {
	if _, ok := h.files[path]; ok {
		return true, false, nil
	}
	for p := range h.files {
		if strings.HasPrefix(p, path+"/") {
			return true, true, nil
		}
	}
	return false, false, nil
}

func (fakeHost) Hostname() (string, error)     { return "fake", nil }
func (fakeHost) Exec([]string) ([]byte, error) { return nil, errors.New("no exec") }
func (fakeHost) Environ() []string             { return nil }

// osHost is the real machine, as the host is natively.
type osHost struct{}

func (osHost) ReadFile(path string) ([]byte, error) { return os.ReadFile(path) }

func (osHost) Stat(path string) (bool, bool, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	return true, fi.IsDir(), nil
}

func (osHost) Hostname() (string, error)          { return os.Hostname() }
func (osHost) Exec(argv []string) ([]byte, error) { return exec.Command(argv[0], argv[1:]...).Output() }
func (osHost) Environ() []string                  { return os.Environ() }
