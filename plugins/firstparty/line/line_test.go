package line_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// graph is one line resource.
func graph(file, state, content string, trim bool) string {
	y := "graph: test\nresources:\n  line:\n  - name: l\n    file: " + file + "\n    state: " + state + "\n    content: " + strconvQuote(content) + "\n"
	if trim {
		y += "    trim: true\n"
	}
	return y
}

// strconvQuote quotes s for YAML (a double-quoted scalar).
func strconvQuote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}

func read(t *testing.T, file string) string {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// The line kind converges files to the wanted content.
func TestLineConverges(t *testing.T) {
	for _, tc := range []struct {
		name, before, state, content string
		trim                         bool
		want                         string
	}{
		{"append", "a\nb\n", "exists", "hello", false, "a\nb\nhello\n"},
		{"append after unterminated", "a", "exists", "hello", false, "a\nhello\n"},
		{"already there", "a\nhello\nb\n", "exists", "hello", false, "a\nhello\nb\n"},
		{"block", "a\n", "exists", "x\ny", false, "a\nx\ny\n"},
		{"trim", "a\n", "exists", "  hello \n", true, "a\nhello\n"},
		{"remove", "a\nhello\nb\nhello\n", "absent", "hello", false, "a\nb\n"},
		{"remove block", "a\nx\ny\nb\n", "absent", "x\ny", false, "a\nb\n"},
		{"absent already", "a\nb\n", "absent", "hello", false, "a\nb\n"},
		{"empty content", "a\n", "exists", "", false, "a\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "f")
			if err := os.WriteFile(file, []byte(tc.before), 0o640); err != nil {
				t.Fatal(err)
			}
			env := fptest.New(t)
			env.Run(t, graph(file, tc.state, tc.content, tc.trim))
			if got := read(t, file); got != tc.want {
				t.Errorf("file = %q, want %q", got, tc.want)
			}
			if fi, _ := os.Stat(file); fi.Mode().Perm() != 0o640 {
				t.Errorf("mode = %v, want the file's own 0640", fi.Mode().Perm())
			}
		})
	}
}

// A missing file is created with mode 0600; with state absent it stays
// missing.
func TestLineMissingFile(t *testing.T) {
	dir := t.TempDir()
	env := fptest.New(t)
	env.Run(t, graph(filepath.Join(dir, "new"), "exists", "hello", false))
	if got := read(t, filepath.Join(dir, "new")); got != "hello\n" {
		t.Errorf("new file = %q", got)
	}
	if fi, _ := os.Stat(filepath.Join(dir, "new")); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode().Perm())
	}
	env.Run(t, graph(filepath.Join(dir, "none"), "absent", "hello", false))
	if _, err := os.Stat(filepath.Join(dir, "none")); !os.IsNotExist(err) {
		t.Errorf("state absent created the file: %v", err)
	}
}

// A file that is already right is not rewritten: same inode and mtime.
func TestLineLeavesRightFileAlone(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, []byte("a\nhello\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _ := os.Stat(file)
	env := fptest.New(t)
	eng := env.Run(t, graph(file, "exists", "hello", false))
	after, _ := os.Stat(file)
	if n := eng.Stats().Applied.Load(); n != 0 {
		t.Errorf("%d changes, want 0", n)
	}
	if before.Sys().(*syscall.Stat_t).Ino != after.Sys().(*syscall.Stat_t).Ino || !before.ModTime().Equal(after.ModTime()) {
		t.Errorf("the file was rewritten")
	}
}

// replace gives file new content atomically, as an editor saving it does:
// a write in place could be seen half done (truncated) by the resource,
// which would then rightly add its line to the empty file and lose the
// rest of the write.
func replace(t *testing.T, file, data string) {
	t.Helper()
	tmp := file + ".new"
	if err := os.WriteFile(tmp, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, file); err != nil {
		t.Fatal(err)
	}
}

// A change from outside is corrected: the removed line comes back, and
// with state absent an added line goes again.
func TestLineDrift(t *testing.T) {
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env := fptest.New(t)
	env.Start(t, graph(file, "exists", "hello", false))
	fptest.Eventually(t, "the line added", func() bool { b, _ := os.ReadFile(file); return string(b) == "a\nhello\n" })
	replace(t, file, "a\nb\n")
	fptest.Eventually(t, "the line restored", func() bool { b, _ := os.ReadFile(file); return string(b) == "a\nb\nhello\n" })
	if err := os.Remove(file); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the file recreated", func() bool { b, _ := os.ReadFile(file); return string(b) == "hello\n" })

	other := filepath.Join(t.TempDir(), "g")
	if err := os.WriteFile(other, []byte("a\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	env2 := fptest.New(t)
	env2.Start(t, graph(other, "absent", "bad", false))
	replace(t, other, "a\nbad\n")
	fptest.Eventually(t, "the added line removed", func() bool { b, _ := os.ReadFile(other); return string(b) == "a\n" })
}

// Bad params fail the commit naming the resource and the param.
func TestLineBadParams(t *testing.T) {
	for _, tc := range []struct{ name, file, state, param, msg string }{
		{"relative", "f", "exists", "file", "must be an absolute path"},
		{"slash", "/tmp/d/", "exists", "file", "must not end with a slash"},
		{"home", "~/f", "exists", "file", "home directories"},
		{"state", "/tmp/f", "present", "state", `must be "exists" or "absent", not "present"`},
		{"no state", "/tmp/f", `""`, "state", `not ""`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := fptest.New(t)
			err := env.Reject(t, graph(tc.file, tc.state, "x", false))
			fptest.RequireError(t, err, "line[l]", "param "+tc.param, tc.msg)
		})
	}
}
