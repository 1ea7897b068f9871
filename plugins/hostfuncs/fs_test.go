package hostfuncs

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// proxy calls a proxy verb of the caller guest with msg as the request and
// returns the import's result code and response.
func proxy(t *testing.T, m *wasmhost.Module, ctx context.Context, verb string, msg interface{ MarshalBinary() ([]byte, error) }) (int32, []byte) {
	t.Helper()
	req, err := msg.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	out, err := m.Call(ctx, verb, req)
	if err != nil || len(out) < 4 {
		t.Fatalf("%s: %v (%d bytes)", verb, err, len(out))
	}
	return int32(binary.LittleEndian.Uint32(out)), out[4:]
}

func TestFileImportsEnforceCapabilities(t *testing.T) {
	root := t.TempDir()
	app, other := filepath.Join(root, "app"), filepath.Join(root, "other")
	for _, d := range []string{app, other, filepath.Join(root, "apple")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(app, "f"), []byte("app data"), 0o644)
	os.WriteFile(filepath.Join(other, "secret"), []byte("secret"), 0o600)
	os.WriteFile(filepath.Join(root, "apple", "x"), []byte("x"), 0o644)
	os.Symlink(filepath.Join(other, "secret"), filepath.Join(app, "escape")) // leads out
	os.Symlink(filepath.Join(app, "f"), filepath.Join(root, "inbound"))      // leads in

	granted, err := hostabi.ParseCapabilities([]string{"fs.read:" + app, "fs.write:" + app})
	if err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, &bytes.Buffer{})
	ctx := WithCaller(context.Background(), Caller{Plugin: "caller", Granted: granted})
	denied, invalid, notFound := -int32(hostabi.CodeDenied), -int32(hostabi.CodeInvalid), -int32(hostabi.CodeNotFound)

	reads := []struct {
		name, path string
		want       int32 // 0: allowed, data "app data"
	}{
		{"granted file", filepath.Join(app, "f"), 0},
		{"a symlink into the grant", filepath.Join(root, "inbound"), 0},
		{"/etc/passwd without a grant", "/etc/passwd", denied},
		{"a symlink out of the grant", filepath.Join(app, "escape"), denied},
		{"a sibling sharing the prefix", filepath.Join(root, "apple", "x"), denied},
		{"dot-dot out of the grant", app + "/../other/secret", denied},
		{"a relative path", "app/f", invalid},
		{"missing, inside the grant", filepath.Join(app, "nope"), notFound},
	}
	for _, tc := range reads {
		t.Run("read "+tc.name, func(t *testing.T) {
			code, out := proxy(t, m, ctx, "read", &hostabi.ReadRequest{Path: tc.path})
			if tc.want != 0 {
				if code != tc.want {
					t.Fatalf("code %d, want %d", code, tc.want)
				}
				return
			}
			resp := &hostabi.ReadResponse{}
			if code <= 0 || resp.UnmarshalBinary(out) != nil || string(resp.Data) != "app data" || !resp.EOF {
				t.Fatalf("code %d, response %+v", code, resp)
			}
		})
	}

	code, out := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: filepath.Join(app, "f")})
	st := &hostabi.StatResponse{}
	if code <= 0 || st.UnmarshalBinary(out) != nil || st.Type != hostabi.FileRegular || st.Size != 8 || st.Mode != 0o644 {
		t.Errorf("stat: code %d, %+v", code, st)
	}
	if code, _ := proxy(t, m, ctx, "stat", &hostabi.StatRequest{Path: filepath.Join(other, "secret")}); code != denied {
		t.Errorf("stat outside the grant: code %d", code)
	}

	target := filepath.Join(app, "new")
	if code, _ := proxy(t, m, ctx, "write", &hostabi.WriteAtomicRequest{Path: target, Data: []byte("written"), Mode: 0o600}); code != 0 {
		t.Fatalf("write inside the grant: code %d", code)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "written" {
		t.Errorf("written file: %q, %v", b, err)
	}
	if fi, _ := os.Stat(target); fi == nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("written file mode: %v", fi)
	}
	if code, _ := proxy(t, m, ctx, "write", &hostabi.WriteAtomicRequest{Path: filepath.Join(other, "secret"), Data: []byte("pwned")}); code != denied {
		t.Errorf("write outside the grant: code %d", code)
	}
	if code, _ := proxy(t, m, ctx, "write", &hostabi.WriteAtomicRequest{Path: filepath.Join(app, "escape"), Data: []byte("pwned")}); code != denied {
		t.Errorf("write through a symlink out of the grant: code %d", code)
	}
	if b, _ := os.ReadFile(filepath.Join(other, "secret")); string(b) != "secret" {
		t.Fatalf("the file outside the grant changed: %q", b)
	}
	// A plugin granted only fs.read may not write.
	readOnly, _ := hostabi.ParseCapabilities([]string{"fs.read:" + app})
	roCtx := WithCaller(context.Background(), Caller{Plugin: "caller", Granted: readOnly})
	if code, _ := proxy(t, m, roCtx, "write", &hostabi.WriteAtomicRequest{Path: filepath.Join(app, "f"), Data: []byte("x")}); code != denied {
		t.Errorf("write with fs.read only: code %d", code)
	}
	// No grants at all: default deny.
	if code, _ := proxy(t, m, context.Background(), "read", &hostabi.ReadRequest{Path: filepath.Join(app, "f")}); code != denied {
		t.Errorf("read with no grants: code %d", code)
	}
}

// fs_write_atomic with mode 0 keeps the mode of the file it replaces,
// setuid included; a new file gets 0644.
func TestWriteAtomicKeepsMode(t *testing.T) {
	dir := t.TempDir()
	old := filepath.Join(dir, "old")
	if err := os.WriteFile(old, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(old, os.ModeSetuid|0o751); err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, nil)
	ctx := grantedCtx(t, "fs.read:"+dir, "fs.write:"+dir)
	for _, tc := range []struct {
		path string
		want os.FileMode
	}{
		{old, 0o751 | os.ModeSetuid},
		{filepath.Join(dir, "new"), 0o644},
	} {
		if code, _ := proxy(t, m, ctx, "write", &hostabi.WriteAtomicRequest{Path: tc.path, Data: []byte("new")}); code != 0 {
			t.Fatalf("write %s: code %d", tc.path, code)
		}
		fi, err := os.Stat(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode() & (os.ModePerm | os.ModeSetuid); got != tc.want {
			t.Errorf("%s: mode %v after the write, want %v", tc.path, got, tc.want)
		}
	}
}

// TestReadPseudoFile reads a file of /proc, whose size is 0, in one call:
// the whole content, up to EOF.
func TestReadPseudoFile(t *testing.T) {
	self, err := os.ReadFile("/proc/self/cmdline")
	if err != nil || len(self) == 0 {
		t.Skip("no /proc:", err)
	}
	granted, err := hostabi.ParseCapabilities([]string{"fs.read:/proc"})
	if err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, &bytes.Buffer{})
	ctx := WithCaller(context.Background(), Caller{Plugin: "caller", Granted: granted})
	code, out := proxy(t, m, ctx, "read", &hostabi.ReadRequest{Path: "/proc/self/cmdline"})
	resp := &hostabi.ReadResponse{}
	if code <= 0 || resp.UnmarshalBinary(out) != nil || !resp.EOF {
		t.Fatalf("code %d, response %+v", code, resp)
	}
	if len(resp.Data) != len(self) {
		t.Fatalf("read %d bytes of /proc/self/cmdline in one call, want all %d", len(resp.Data), len(self))
	}
}

// TestPermitWholeTree checks the shortcut for grants of "/": any absolute
// path is allowed for the granted operation as written (the kernel follows
// its links), other operations are still denied, and relative paths are
// still invalid.
func TestPermitWholeTree(t *testing.T) {
	read, err := hostabi.ParseCapabilities([]string{"fs.read:/"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		op     hostabi.Op
		path   string
		want   string
		denied bool
	}{
		{hostabi.OpRead, "/etc/../etc/passwd", "/etc/passwd", false},
		{hostabi.OpRead, "/no/such/file", "/no/such/file", false},
		{hostabi.OpWrite, "/tmp/x", "", true},
	} {
		got, err := permit(read, tt.op, tt.path, true)
		if tt.denied {
			if hostabi.CodeOf(err) != hostabi.CodeDenied {
				t.Errorf("%v %s: %q, %v; want denied", tt.op, tt.path, got, err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%v %s: %q, %v; want %q", tt.op, tt.path, got, err, tt.want)
		}
	}
	if _, err := permit(read, hostabi.OpRead, "etc/passwd", true); hostabi.CodeOf(err) != hostabi.CodeInvalid {
		t.Errorf("a relative path: %v, want invalid", err)
	}
}

// TestReadAndWriteAnswerTheStat checks want_stat: fs_read answers the
// stat of the file it read and fs_write_atomic that of the file it wrote,
// as os.Stat sees them afterwards; without it neither answers one.
func TestReadAndWriteAnswerTheStat(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f")
	if err := os.WriteFile(path, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, nil)
	ctx := grantedCtx(t, "fs.read:"+dir, "fs.write:"+dir)
	same := func(what string, got *hostabi.StatResponse) {
		t.Helper()
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		want := statResponse(fi)
		if got == nil || got.String() != want.String() {
			t.Errorf("%s: stat %v, want %v", what, got, want)
		}
	}
	for _, wantStat := range []bool{false, true} {
		code, out := proxy(t, m, ctx, "read", &hostabi.ReadRequest{Path: path, WantStat: wantStat})
		resp := &hostabi.ReadResponse{}
		if code <= 0 || resp.UnmarshalBinary(out[:code]) != nil {
			t.Fatalf("read: code %d", code)
		}
		if !wantStat && resp.Stat != nil {
			t.Errorf("a read without want_stat answered a stat: %v", resp.Stat)
		}
		if wantStat {
			same("read", resp.Stat)
		}

		code, out = proxy(t, m, ctx, "write", &hostabi.WriteAtomicRequest{Path: path, Data: []byte("new content"), Mode: 0o600, WantStat: wantStat})
		switch {
		case code < 0:
			t.Fatalf("write: code %d", code)
		case !wantStat && code != 0:
			t.Errorf("a write without want_stat answered %d bytes", code)
		case wantStat:
			st := &hostabi.StatResponse{}
			if err := st.UnmarshalBinary(out[:code]); err != nil {
				t.Fatalf("write's stat: %v", err)
			}
			same("write", st)
			if st.Size != uint64(len("new content")) || st.Mode != 0o600 {
				t.Errorf("write's stat %v, want 11 bytes, mode 0600", st)
			}
		}
	}
}

// fs_write_atomic gives the file the mode asked for whatever the umask
// takes away (a mode the creation alone gives skips the chmod; one it
// cannot give, the umask's bits or setgid, gets it), and leaves no
// temporary file behind.
func TestWriteAtomicModes(t *testing.T) {
	mask, ok := umask()
	if !ok {
		t.Skip("no umask in /proc/self/status")
	}
	dir := t.TempDir()
	m := loadCaller(t, nil)
	ctx := grantedCtx(t, "fs.read:"+dir, "fs.write:"+dir)
	for _, want := range []os.FileMode{0o640, 0o666 | mask, 0o600, 0o755 | os.ModeSetgid} {
		path := filepath.Join(dir, "f")
		req := &hostabi.WriteAtomicRequest{Path: path, Data: []byte("x"), Mode: abiMode(want)}
		if code, _ := proxy(t, m, ctx, "write", req); code != 0 {
			t.Fatalf("write with mode %v: code %d", want, code)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode() & (os.ModePerm | os.ModeSetgid); got != want {
			t.Errorf("mode %v after a write asking for %v (umask %v)", got, want, mask)
		}
		entries, err := os.ReadDir(dir)
		if err != nil || len(entries) != 1 {
			t.Errorf("the folder holds %d entries after the write, want only f (%v)", len(entries), err)
		}
	}
}
