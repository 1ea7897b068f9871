// Package fakehost is a [lib.Host] for native tests of the function
// library: files come from a directory standing in for "/", the
// environment and host name are fixed, and programs really run.
package fakehost

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Host is a [lib.Host] backed by real files and processes.
type Host struct {
	// Root is the directory that stands in for "/" when reading and
	// stating files; "" means the real root.
	Root string
	// Env is what Environ returns.
	Env []string
	// Name is what Hostname returns; "" makes Hostname fail.
	Name string

	mu    sync.Mutex
	execs [][]string
}

// New returns a Host rooted at a fresh t.TempDir() holding files, a map
// from absolute path to content.
func New(t testing.TB, files map[string]string) *Host {
	t.Helper()
	h := &Host{Root: t.TempDir()}
	for p, content := range files {
		h.Write(t, p, content)
	}
	return h
}

// Write creates the file at the absolute path p under Root, with its
// parent directories.
func (h *Host) Write(t testing.TB, p, content string) {
	t.Helper()
	real := filepath.Join(h.Root, p)
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Mkdir creates the directory at the absolute path p under Root.
func (h *Host) Mkdir(t testing.TB, p string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(h.Root, p), 0o755); err != nil {
		t.Fatal(err)
	}
}

// real maps an absolute path to the file standing for it. Relative paths
// are refused, as the real host refuses them.
func (h *Host) real(p string) (string, error) {
	if !filepath.IsAbs(p) {
		return "", fmt.Errorf("fakehost: %q is not an absolute path", p)
	}
	return filepath.Join(h.Root, p), nil
}

// ReadFile reads the file standing for path.
func (h *Host) ReadFile(path string) ([]byte, error) {
	real, err := h.real(path)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(real)
}

// Stat reports whether the file standing for path exists and is a
// directory; a missing file is no error.
func (h *Host) Stat(path string) (exists, dir bool, err error) {
	real, err := h.real(path)
	if err != nil {
		return false, false, err
	}
	fi, err := os.Stat(real)
	if errors.Is(err, os.ErrNotExist) {
		return false, false, nil
	}
	if err != nil {
		return false, false, err
	}
	return true, fi.IsDir(), nil
}

// Hostname returns Name.
func (h *Host) Hostname() (string, error) {
	if h.Name == "" {
		return "", errors.New("fakehost: no hostname")
	}
	return h.Name, nil
}

// Exec runs argv for real, from "/", with an empty environment (as the
// host's exec import does by default); argv[0] must be absolute. A program
// that exits nonzero is an error holding its standard error.
func (h *Host) Exec(argv []string) ([]byte, error) {
	if len(argv) == 0 || !filepath.IsAbs(argv[0]) {
		return nil, fmt.Errorf("fakehost: exec %q: the program must be an absolute path", argv)
	}
	h.mu.Lock()
	h.execs = append(h.execs, append([]string(nil), argv...))
	h.mu.Unlock()
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = []string{}
	cmd.Dir = "/"
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return out, fmt.Errorf("%w: %s", err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Environ returns Env.
func (h *Host) Environ() []string { return h.Env }

// Execs returns the argv of every Exec so far.
func (h *Host) Execs() [][]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([][]string(nil), h.execs...)
}
