package file_test

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// graph builds a YAML graph of file resources, each given as its YAML
// mapping body (the lines after "- "), indented for the list.
func graph(resources ...string) string {
	var b strings.Builder
	b.WriteString("graph: test\nresources:\n  file:\n")
	for _, r := range resources {
		for i, line := range strings.Split(strings.TrimSpace(r), "\n") {
			if i == 0 {
				b.WriteString("  - " + strings.TrimSpace(line) + "\n")
			} else {
				b.WriteString("    " + strings.TrimSpace(line) + "\n")
			}
		}
	}
	return b.String()
}

// q quotes s for YAML.
func q(s string) string { return fmt.Sprintf("%q", s) }

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func mustWrite(t *testing.T, p, s string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(p, mode); err != nil { // no umask
		t.Fatal(err)
	}
}

func mustMkdir(t *testing.T, p string) {
	t.Helper()
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
}

// perm returns the permission bits of p, with setuid, setgid and sticky.
func perm(t *testing.T, p string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}

// identity is what tells a rewritten file apart: its inode and mtime.
type identity struct {
	ino   uint64
	mtime time.Time
}

func identityOf(t *testing.T, p string) identity {
	t.Helper()
	fi, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		t.Skip("no inode numbers on this platform")
	}
	return identity{ino: st.Ino, mtime: fi.ModTime()}
}

// newEnv loads the plugin and shows its log when the test fails.
func newEnv(t *testing.T) *fptest.Env {
	t.Helper()
	env := fptest.New(t)
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("log:\n%s", env.Log)
		}
	})
	return env
}
