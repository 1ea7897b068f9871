package hostfuncs

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// linkFixture makes root/app (the grant), root/other (outside it) with a
// secret, and two ways out of app: the symlink app/door to other and the
// symlink app/escape to other/secret.
func linkFixture(t *testing.T) (app, other string) {
	t.Helper()
	root := t.TempDir()
	app, other = filepath.Join(root, "app"), filepath.Join(root, "other")
	for _, d := range []string{app, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, err := range []error{
		os.WriteFile(filepath.Join(other, "secret"), []byte("secret"), 0o600),
		os.Symlink(other, filepath.Join(app, "door")),
		os.Symlink(filepath.Join(other, "secret"), filepath.Join(app, "escape")),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	return app, other
}

func TestRenameImport(t *testing.T) {
	app, other := linkFixture(t)
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "fs.read:"+app, "fs.write:"+app)
	denied := -int32(hostabi.CodeDenied)

	tests := []struct {
		name     string
		ctx      bool // false: a caller granted only fs.read on app
		from, to string
		want     int32
	}{
		{"inside the grant", true, filepath.Join(app, "a"), filepath.Join(app, "b"), 0},
		{"from outside the grant", true, filepath.Join(other, "secret"), filepath.Join(app, "stolen"), denied},
		{"to outside the grant", true, filepath.Join(app, "a"), filepath.Join(other, "a"), denied},
		{"into a symlink out of the grant", true, filepath.Join(app, "a"), filepath.Join(app, "door", "a"), denied},
		{"out of a symlinked directory", true, filepath.Join(app, "door", "secret"), filepath.Join(app, "stolen"), denied},
		{"with fs.read only", false, filepath.Join(app, "a"), filepath.Join(app, "b"), denied},
		{"a relative path", true, "app/a", filepath.Join(app, "b"), -int32(hostabi.CodeInvalid)},
		{"missing, inside the grant", true, filepath.Join(app, "nope"), filepath.Join(app, "b"), -int32(hostabi.CodeNotFound)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if err := os.WriteFile(filepath.Join(app, "a"), []byte("a"), 0o644); err != nil {
				t.Fatal(err)
			}
			os.Remove(filepath.Join(app, "b"))
			c := ctx
			if !tc.ctx {
				c = grantedCtx(t, "fs.read:"+app)
			}
			if code, _ := proxy(t, m, c, "rename", &hostabi.RenameRequest{From: tc.from, To: tc.to}); code != tc.want {
				t.Fatalf("code %d, want %d", code, tc.want)
			}
			if tc.want == 0 {
				if b, err := os.ReadFile(tc.to); err != nil || string(b) != "a" {
					t.Errorf("renamed file: %q, %v", b, err)
				}
				if _, err := os.Lstat(tc.from); !os.IsNotExist(err) {
					t.Errorf("the old name survived: %v", err)
				}
			}
			if b, _ := os.ReadFile(filepath.Join(other, "secret")); string(b) != "secret" {
				t.Fatalf("the file outside the grant changed: %q", b)
			}
			for _, p := range []string{filepath.Join(other, "a"), filepath.Join(app, "stolen")} {
				if _, err := os.Lstat(p); !os.IsNotExist(err) {
					t.Fatalf("%s appeared: %v", p, err)
				}
			}
		})
	}

	// A symlink is renamed itself: allowed, although its target is
	// outside, and the target stays where it is.
	moved := filepath.Join(app, "escape2")
	if code, _ := proxy(t, m, ctx, "rename", &hostabi.RenameRequest{From: filepath.Join(app, "escape"), To: moved}); code != 0 {
		t.Fatalf("rename a symlink: %d", code)
	}
	if target, err := os.Readlink(moved); err != nil || target != filepath.Join(other, "secret") {
		t.Errorf("the moved link reads %q, %v", target, err)
	}
	if b, err := os.ReadFile(filepath.Join(other, "secret")); err != nil || string(b) != "secret" {
		t.Errorf("renaming a link touched its target: %q, %v", b, err)
	}
}

func TestSymlinkImport(t *testing.T) {
	app, other := linkFixture(t)
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "fs.read:"+app, "fs.write:"+app)
	denied := -int32(hostabi.CodeDenied)

	tests := []struct {
		name, target, path string
		want               int32
	}{
		{"relative target, stored as given", "../other/secret", filepath.Join(app, "rel"), 0},
		{"absolute target outside the grant", filepath.Join(other, "secret"), filepath.Join(app, "abs"), 0},
		{"a dangling target", "nowhere/at/all", filepath.Join(app, "dangling"), 0},
		{"the link outside the grant", "x", filepath.Join(other, "l"), denied},
		{"the link through a symlink out", "x", filepath.Join(app, "door", "l"), denied},
		{"the path exists", "x", filepath.Join(app, "escape"), -int32(hostabi.CodeExists)},
		{"an empty target", "", filepath.Join(app, "empty"), -int32(hostabi.CodeInvalid)},
		{"a relative path", "x", "app/l", -int32(hostabi.CodeInvalid)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, _ := proxy(t, m, ctx, "symlink", &hostabi.SymlinkRequest{Target: tc.target, Path: tc.path}); code != tc.want {
				t.Fatalf("code %d, want %d", code, tc.want)
			}
			if tc.want == 0 {
				if got, err := os.Readlink(tc.path); err != nil || got != tc.target {
					t.Errorf("the link reads %q, %v; want %q", got, err, tc.target)
				}
			}
		})
	}
	if _, err := os.Lstat(filepath.Join(other, "l")); !os.IsNotExist(err) {
		t.Errorf("a link appeared outside the grant: %v", err)
	}
	// What a new link leads to is checked when something follows it.
	if code, _ := proxy(t, m, ctx, "read", &hostabi.ReadRequest{Path: filepath.Join(app, "rel")}); code != denied {
		t.Errorf("reading through a new link out of the grant: %d", code)
	}
	// fs.read alone does not allow creating links.
	if code, _ := proxy(t, m, grantedCtx(t, "fs.read:"+app), "symlink", &hostabi.SymlinkRequest{Target: "x", Path: filepath.Join(app, "ro")}); code != denied {
		t.Errorf("symlink with fs.read only: %d", code)
	}
}

func TestReadlinkImport(t *testing.T) {
	app, other := linkFixture(t)
	for _, err := range []error{
		os.Symlink("../other/secret", filepath.Join(app, "rel")),
		os.Symlink("x", filepath.Join(other, "outside")),
		os.WriteFile(filepath.Join(app, "f"), []byte("f"), 0o644),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	m := loadCaller(t, &bytes.Buffer{})
	denied := -int32(hostabi.CodeDenied)

	tests := []struct {
		name, grant, path string
		want              int32
		target            string
	}{
		{"a link to outside the grant", "fs.read:" + app, filepath.Join(app, "escape"), 0, filepath.Join(other, "secret")},
		{"a relative link", "fs.read:" + app, filepath.Join(app, "rel"), 0, "../other/secret"},
		{"the link that is a door", "fs.read:" + app, filepath.Join(app, "door"), 0, other},
		{"a link outside the grant", "fs.read:" + app, filepath.Join(other, "outside"), denied, ""},
		{"a link through a symlink out", "fs.read:" + app, filepath.Join(app, "door", "outside"), denied, ""},
		{"with fs.write only", "fs.write:" + app, filepath.Join(app, "escape"), denied, ""},
		{"not a link", "fs.read:" + app, filepath.Join(app, "f"), -int32(hostabi.CodeInvalid), ""},
		{"missing", "fs.read:" + app, filepath.Join(app, "nope"), -int32(hostabi.CodeNotFound), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, out := proxy(t, m, grantedCtx(t, tc.grant), "readlink", &hostabi.ReadlinkRequest{Path: tc.path})
			if tc.want != 0 {
				if code != tc.want {
					t.Fatalf("code %d, want %d", code, tc.want)
				}
				return
			}
			resp := &hostabi.ReadlinkResponse{}
			if code <= 0 || resp.UnmarshalBinary(out) != nil || resp.Target != tc.target {
				t.Fatalf("code %d, target %q, want %q", code, resp.Target, tc.target)
			}
		})
	}
}

// A capability whose path is behind a symlink covers what the symlink
// leads to (ABI §9), and still covers the link itself.
func TestGrantBehindSymlink(t *testing.T) {
	app, _ := linkFixture(t)
	if err := os.WriteFile(filepath.Join(app, "f"), []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	alias := filepath.Join(t.TempDir(), "alias")
	if err := os.Symlink(app, alias); err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "fs.read:"+alias, "fs.write:"+alias)
	code, out := proxy(t, m, ctx, "read", &hostabi.ReadRequest{Path: filepath.Join(alias, "f")})
	resp := &hostabi.ReadResponse{}
	if code <= 0 || resp.UnmarshalBinary(out) != nil || string(resp.Data) != "data" {
		t.Errorf("read through the granted alias: code %d, %q", code, resp.Data)
	}
	if code, _ := proxy(t, m, ctx, "read", &hostabi.ReadRequest{Path: filepath.Join(app, "f")}); code <= 0 {
		t.Errorf("read of the alias's target: code %d", code)
	}
	if code, _ := proxy(t, m, ctx, "read", &hostabi.ReadRequest{Path: filepath.Join(app, "escape")}); code != -int32(hostabi.CodeDenied) {
		t.Errorf("read out of the alias's target: code %d", code)
	}
	code, out = proxy(t, m, ctx, "readlink", &hostabi.ReadlinkRequest{Path: alias})
	rl := &hostabi.ReadlinkResponse{}
	if code <= 0 || rl.UnmarshalBinary(out) != nil || rl.Target != app {
		t.Errorf("readlink of the granted link itself: code %d, %q", code, rl.Target)
	}
}

// fs_stat with nofollow describes a final symlink itself, so it is checked
// where the link is; without it, where the link leads.
func TestStatNoFollow(t *testing.T) {
	app, _ := linkFixture(t)
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "fs.read:"+app)
	code, out := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: filepath.Join(app, "escape"), NoFollow: true})
	st := &hostabi.StatResponse{}
	if code <= 0 || st.UnmarshalBinary(out) != nil || st.Type != hostabi.FileSymlink {
		t.Errorf("stat nofollow of a link out: code %d, %+v", code, st)
	}
	if code, _ := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: filepath.Join(app, "escape")}); code != -int32(hostabi.CodeDenied) {
		t.Errorf("stat following a link out: code %d", code)
	}
}

// fs_stat without nofollow describes where a link leads under every
// grant, the whole tree's too (which skips resolving the path): a link to
// a file is a file, a dangling link is not found; with nofollow, both are
// links.
func TestStatFollows(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	if err := os.WriteFile(target, []byte("data"), 0o644); err != nil {
		t.Fatal(err)
	}
	link, dangling := filepath.Join(dir, "link"), filepath.Join(dir, "dangling")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, &bytes.Buffer{})
	for _, grant := range []string{"fs.read:/", "fs.read:" + dir} {
		ctx := grantedCtx(t, grant)
		for _, c := range []struct {
			path     string
			nofollow bool
			code     int32
			typ      hostabi.FileType
		}{
			{link, false, 1, hostabi.FileRegular},
			{link, true, 1, hostabi.FileSymlink},
			{dangling, false, -int32(hostabi.CodeNotFound), 0},
			{dangling, true, 1, hostabi.FileSymlink},
		} {
			code, out := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: c.path, NoFollow: c.nofollow})
			st := &hostabi.StatResponse{}
			switch {
			case c.code < 0 && code != c.code:
				t.Errorf("%s: stat %s nofollow=%v: code %d, want %d", grant, c.path, c.nofollow, code, c.code)
			case c.code > 0 && (code <= 0 || st.UnmarshalBinary(out) != nil || st.Type != c.typ):
				t.Errorf("%s: stat %s nofollow=%v: code %d, %+v; want type %v", grant, c.path, c.nofollow, code, st, c.typ)
			}
		}
	}
}
