package file_test

import (
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// Bad params are refused before anything runs, and the error names
// file[NAME] and the param.
func TestBadParams(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "f")
	tests := []struct {
		name, body, param string
	}{
		{"relative path", "name: relative/f", "path"},
		{"relative path param", "name: x\npath: relative", "path"},
		{"bad state", "name: " + abs + "\nstate: present", "state"},
		{"bad octal mode", "name: " + abs + "\nmode: \"0999\"", "mode"},
		{"bad symbolic mode", "name: " + abs + "\nmode: u+x", "mode"},
		{"content with absent", "name: " + abs + "\nstate: absent\ncontent: hi", "content"},
		{"content on a directory", "name: " + abs + "/\nstate: exists\ncontent: hi", "content"},
		{"content and source", "name: " + abs + "\ncontent: hi\nsource: /etc/hostname", "content"},
		{"content and fragments", "name: " + abs + "\ncontent: hi\nfragments: [/etc/hostname]", "content"},
		{"source and fragments", "name: " + abs + "\nsource: /a\nfragments: [/b]", "fragments"},
		{"relative fragment", "name: " + abs + "\nfragments: [b]", "fragments"},
		{"source directory without recurse", "name: " + abs + "/\nsource: /etc/", "recurse"},
		{"file and directory source", "name: " + abs + "\nsource: /etc/", "source"},
		{"purge without recurse", "name: " + abs + "/\npurge: true", "purge"},
		{"symlink without source", "name: " + abs + "\nstate: exists\nsymlink: true", "symlink"},
		{"dirname without slash", "name: " + abs + "\ndirname: /tmp", "dirname"},
		{"selinux", "name: " + abs + "\nselinux: system_u:object_r:etc_t:s0", "selinux"},
	}
	env := newEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := env.Reject(t, graph(tt.body))
			name := strings.TrimPrefix(strings.SplitN(tt.body, "\n", 2)[0], "name: ")
			fptest.RequireError(t, err, "file["+name, "param "+tt.param)
		})
	}
	if exists(abs) || exists(abs+"/") {
		t.Errorf("a refused graph touched %s", abs)
	}
}

// Owner and group set to the current user's uid and gid (numbers or
// names) work without root: already right is no change, and a group the
// user belongs to is applied.
func TestOwnerGroupCurrentUser(t *testing.T) {
	dir := t.TempDir()
	uid, gid := strconv.Itoa(os.Getuid()), strconv.Itoa(os.Getgid())
	byID, byName := filepath.Join(dir, "byid"), filepath.Join(dir, "byname")
	bodies := []string{"name: " + byID + "\nstate: exists\ncontent: x\nowner: " + q(uid) + "\ngroup: " + q(gid)}
	u, uerr := user.LookupId(uid)
	g, gerr := user.LookupGroupId(gid)
	if uerr == nil && gerr == nil {
		bodies = append(bodies, "name: "+byName+"\nstate: exists\nowner: "+q(u.Username)+"\ngroup: "+q(g.Name))
	}
	env := newEnv(t)
	eng := env.Run(t, graph(bodies...))
	if f := eng.Failures(); len(f) != 0 {
		t.Fatalf("failures: %v", f)
	}
	check := []string{byID}
	if len(bodies) > 1 {
		check = append(check, byName)
	}
	for _, p := range check {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		st := fi.Sys().(*syscall.Stat_t)
		if strconv.Itoa(int(st.Uid)) != uid || strconv.Itoa(int(st.Gid)) != gid {
			t.Errorf("%s: owner %d:%d, want %s:%s", p, st.Uid, st.Gid, uid, gid)
		}
	}
	if n := env.Log.Count("chown"); n != 0 {
		t.Errorf("a file created by the current user was chowned %d times:\n%s", n, env.Log)
	}
}

// As root: a file is given to another owner and group by id, and a
// rewrite of drifted content keeps the old file's owner (the atomic
// replace makes a new file, which would otherwise belong to root).
func TestOwnerAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("giving files to another user needs root")
	}
	dir := t.TempDir()
	given, kept := filepath.Join(dir, "given"), filepath.Join(dir, "kept")
	mustWrite(t, kept, "old", 0o644)
	if err := os.Chown(kept, 4242, 4343); err != nil {
		t.Fatal(err)
	}
	env := newEnv(t)
	env.Run(t, graph(
		"name: "+given+"\nstate: exists\ncontent: x\nowner: \"4242\"\ngroup: \"4343\"",
		"name: "+kept+"\nstate: exists\ncontent: new",
	))
	for _, p := range []string{given, kept} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st := fi.Sys().(*syscall.Stat_t); st.Uid != 4242 || st.Gid != 4343 {
			t.Errorf("%s: owner %d:%d, want 4242:4343", p, st.Uid, st.Gid)
		}
	}
	if got := readFile(t, kept); got != "new" {
		t.Errorf("kept: content %q", got)
	}
}
