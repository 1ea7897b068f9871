package hostfuncs

import (
	"bytes"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// owner returns the uid and gid of path itself (lstat).
func owner(t *testing.T, path string) (uid, gid uint32) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	return st.Uid, st.Gid
}

func TestChownImport(t *testing.T) {
	app, other := linkFixture(t)
	f := filepath.Join(app, "f")
	if err := os.WriteFile(f, []byte("f"), 0o644); err != nil {
		t.Fatal(err)
	}
	me, err := user.Current()
	if err != nil {
		t.Fatal(err)
	}
	grp, err := user.LookupGroupId(strconv.Itoa(os.Getegid()))
	if err != nil {
		t.Fatal(err)
	}
	uid, gid := strconv.Itoa(os.Geteuid()), strconv.Itoa(os.Getegid())
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "fs.read:"+app, "fs.write:"+app)
	denied, invalid := -int32(hostabi.CodeDenied), -int32(hostabi.CodeInvalid)

	tests := []struct {
		name string
		req  hostabi.ChownRequest
		want int32
	}{
		{"to my ids", hostabi.ChownRequest{Path: f, Owner: uid, Group: gid}, 0},
		{"to my names", hostabi.ChownRequest{Path: f, Owner: me.Username, Group: grp.Name}, 0},
		{"owner only", hostabi.ChownRequest{Path: f, Owner: uid}, 0},
		{"nothing", hostabi.ChownRequest{Path: f}, 0},
		{"outside the grant", hostabi.ChownRequest{Path: filepath.Join(other, "secret"), Owner: uid}, denied},
		{"through a symlink out", hostabi.ChownRequest{Path: filepath.Join(app, "escape"), Owner: uid}, denied},
		{"the symlink itself", hostabi.ChownRequest{Path: filepath.Join(app, "escape"), Owner: uid, Group: gid, NoFollow: true}, 0},
		{"a link outside, nofollow", hostabi.ChownRequest{Path: filepath.Join(app, "door", "secret"), Owner: uid, NoFollow: true}, denied},
		{"an unknown user", hostabi.ChownRequest{Path: f, Owner: "no-such-user-mgmt"}, invalid},
		{"an unknown group", hostabi.ChownRequest{Path: f, Group: "no-such-group-mgmt"}, invalid},
		{"the id meaning leave it", hostabi.ChownRequest{Path: f, Owner: "4294967295"}, invalid},
		{"missing", hostabi.ChownRequest{Path: filepath.Join(app, "nope"), Owner: uid}, -int32(hostabi.CodeNotFound)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if code, _ := proxy(t, m, ctx, "chown", &tc.req); code != tc.want {
				t.Fatalf("code %d, want %d", code, tc.want)
			}
			if tc.want == 0 {
				if u, g := owner(t, tc.req.Path); strconv.Itoa(int(u)) != uid || strconv.Itoa(int(g)) != gid {
					t.Errorf("owner %d:%d, want %s:%s", u, g, uid, gid)
				}
			}
		})
	}
	if code, _ := proxy(t, m, grantedCtx(t, "fs.read:"+app), "chown", &hostabi.ChownRequest{Path: f, Owner: uid}); code != denied {
		t.Errorf("chown with fs.read only: %d", code)
	}

	// fs_stat names the owner and group.
	code, out := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: f})
	st := &hostabi.StatResponse{}
	if code <= 0 || st.UnmarshalBinary(out) != nil || st.User != me.Username || st.Group != grp.Name || strconv.Itoa(int(st.UID)) != uid {
		t.Errorf("stat: code %d, %+v; want user %s, group %s", code, st, me.Username, grp.Name)
	}
}

// Changing a file's owner to someone else needs root: without it the OS
// refuses, which is denied; with it, it works, on the link itself with
// nofollow.
func TestChownOtherUser(t *testing.T) {
	app, other := linkFixture(t)
	f := filepath.Join(app, "f")
	if err := os.WriteFile(f, []byte("f"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, &bytes.Buffer{})
	ctx := grantedCtx(t, "fs.read:"+app, "fs.write:"+app)
	const otherID = 54321 // an id no user of the test machine has
	if os.Geteuid() != 0 {
		if code, _ := proxy(t, m, ctx, "chown", &hostabi.ChownRequest{Path: f, Owner: strconv.Itoa(otherID)}); code != -int32(hostabi.CodeDenied) {
			t.Errorf("chown to another user without root: %d", code)
		}
		if u, _ := owner(t, f); int(u) != os.Geteuid() {
			t.Errorf("the owner changed to %d", u)
		}
		return
	}
	if code, _ := proxy(t, m, ctx, "chown", &hostabi.ChownRequest{Path: f, Owner: strconv.Itoa(otherID), Group: strconv.Itoa(otherID + 1)}); code != 0 {
		t.Fatalf("chown as root: %d", code)
	}
	if u, g := owner(t, f); u != otherID || g != otherID+1 {
		t.Errorf("owner %d:%d", u, g)
	}
	code, out := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: f})
	st := &hostabi.StatResponse{}
	if code <= 0 || st.UnmarshalBinary(out) != nil || st.UID != otherID || st.GID != otherID+1 || st.User != "" || st.Group != "" {
		t.Errorf("stat of a file owned by an unknown id: code %d, %+v", code, st)
	}
	link := filepath.Join(app, "escape")
	if code, _ := proxy(t, m, ctx, "chown", &hostabi.ChownRequest{Path: link, Owner: strconv.Itoa(otherID), NoFollow: true}); code != 0 {
		t.Fatalf("lchown as root: %d", code)
	}
	if u, _ := owner(t, link); u != otherID {
		t.Errorf("the link's owner is %d", u)
	}
	if u, _ := owner(t, filepath.Join(other, "secret")); u == otherID {
		t.Error("lchown changed the link's target")
	}
}
