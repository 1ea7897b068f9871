package builtin

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func perm(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode() & permBits
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func mustWrite(t *testing.T, path, s string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), mode); err != nil {
		t.Fatal(err)
	}
}

func TestFileCheckApply(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string)
		params func(dir string) map[string]hostabi.Value
		apply  bool
		first  bool // checkOK of the first call; with apply, a second
		// call must report true (converged)
		wantErr string
		check   func(t *testing.T, dir string)
	}{
		{
			name:   "content creates the file",
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"content": sv("hello\n")} },
			apply:  true,
			check: func(t *testing.T, d string) {
				if got := readFile(t, filepath.Join(d, "f")); got != "hello\n" {
					t.Fatalf("content %q", got)
				}
				if got := perm(t, filepath.Join(d, "f")); got != defaultFileMode {
					t.Fatalf("mode %s", got)
				}
			},
		},
		{
			name:  "content replaces different content, keeping the mode",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "old", 0o600) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"content": sv("new"), "state": sv("exists")}
			},
			apply: true,
			check: func(t *testing.T, d string) {
				if got := readFile(t, filepath.Join(d, "f")); got != "new" {
					t.Fatalf("content %q", got)
				}
				if got := perm(t, filepath.Join(d, "f")); got != 0o600 {
					t.Fatalf("mode %s, want the old 0600", got)
				}
			},
		},
		{
			name:  "empty content truncates",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "old", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"content": sv("")}
			},
			apply: true,
			check: func(t *testing.T, d string) {
				if got := readFile(t, filepath.Join(d, "f")); got != "" {
					t.Fatalf("content %q", got)
				}
			},
		},
		{
			name: "apply false changes nothing",
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"content": sv("x"), "mode": sv("0600")}
			},
			check: func(t *testing.T, d string) {
				if exists(filepath.Join(d, "f")) {
					t.Fatal("file created in check-only mode")
				}
			},
		},
		{
			name:  "apply false on a converged file",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"content": sv("x"), "mode": sv("0644")}
			},
			first: true,
		},
		{
			name: "mode applied",
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"content": sv("x"), "mode": sv("0600")}
			},
			apply: true,
			check: func(t *testing.T, d string) {
				if got := perm(t, filepath.Join(d, "f")); got != 0o600 {
					t.Fatalf("mode %s", got)
				}
			},
		},
		{
			name:   "mode with setgid",
			setup:  func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "", 0o644) },
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"mode": sv("2750")} },
			apply:  true,
			check: func(t *testing.T, d string) {
				if got := perm(t, filepath.Join(d, "f")); got != 0o750|os.ModeSetgid {
					t.Fatalf("mode %s", got)
				}
			},
		},
		{
			name:   "state exists without content creates an empty file",
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"state": sv("exists")} },
			apply:  true,
			check: func(t *testing.T, d string) {
				if got := readFile(t, filepath.Join(d, "f")); got != "" {
					t.Fatalf("content %q", got)
				}
			},
		},
		{
			name:   "undefined state leaves a missing file missing",
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"owner": sv("0")} },
			apply:  true,
			first:  true,
			check: func(t *testing.T, d string) {
				if exists(filepath.Join(d, "f")) {
					t.Fatal("file created")
				}
			},
		},
		{
			name:   "state absent removes",
			setup:  func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"state": sv("absent")} },
			apply:  true,
			check: func(t *testing.T, d string) {
				if exists(filepath.Join(d, "f")) {
					t.Fatal("file still there")
				}
			},
		},
		{
			name:   "state absent on a missing file",
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"state": sv("absent")} },
			apply:  true,
			first:  true,
		},
		{
			name: "state absent on a non-empty dir needs force",
			setup: func(t *testing.T, d string) {
				os.Mkdir(filepath.Join(d, "f"), 0o755)
				mustWrite(t, filepath.Join(d, "f", "x"), "", 0o644)
			},
			params:  func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"state": sv("absent")} },
			apply:   true,
			wantErr: "set force",
		},
		{
			name: "state absent with force removes a non-empty dir",
			setup: func(t *testing.T, d string) {
				os.Mkdir(filepath.Join(d, "f"), 0o755)
				mustWrite(t, filepath.Join(d, "f", "x"), "", 0o644)
			},
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"state": sv("absent"), "force": bv(true)}
			},
			apply: true,
			check: func(t *testing.T, d string) {
				if exists(filepath.Join(d, "f")) {
					t.Fatal("dir still there")
				}
			},
		},
		{
			name: "dir creation with parents",
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"path": sv(filepath.Join(d, "a", "b") + "/"), "state": sv("exists")}
			},
			apply: true,
			check: func(t *testing.T, d string) {
				fi, err := os.Stat(filepath.Join(d, "a", "b"))
				if err != nil || !fi.IsDir() {
					t.Fatalf("not a dir: %v", err)
				}
			},
		},
		{
			name: "dir with mode",
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"path": sv(filepath.Join(d, "a") + "/"), "mode": sv("0700")}
			},
			apply: true,
			check: func(t *testing.T, d string) {
				if got := perm(t, filepath.Join(d, "a")); got != 0o700 {
					t.Fatalf("mode %s", got)
				}
			},
		},
		{
			name:  "file where a dir is wanted needs force",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"path": sv(filepath.Join(d, "f") + "/"), "state": sv("exists")}
			},
			apply:   true,
			wantErr: "set force",
		},
		{
			name:  "force replaces a file by a dir",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"path": sv(filepath.Join(d, "f") + "/"), "state": sv("exists"), "force": bv(true)}
			},
			apply: true,
			check: func(t *testing.T, d string) {
				if fi, err := os.Stat(filepath.Join(d, "f")); err != nil || !fi.IsDir() {
					t.Fatalf("not a dir: %v", err)
				}
			},
		},
		{
			name: "content through a symlink writes the target",
			setup: func(t *testing.T, d string) {
				mustWrite(t, filepath.Join(d, "target"), "old", 0o644)
				if err := os.Symlink(filepath.Join(d, "target"), filepath.Join(d, "f")); err != nil {
					t.Fatal(err)
				}
			},
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"content": sv("new")} },
			apply:  true,
			check: func(t *testing.T, d string) {
				if got := readFile(t, filepath.Join(d, "target")); got != "new" {
					t.Fatalf("target content %q", got)
				}
				if fi, err := os.Lstat(filepath.Join(d, "f")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
					t.Fatalf("the symlink was replaced: %v", err)
				}
			},
		},
		{
			name:  "owner by current numeric id is already right",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"owner": sv(strconv.Itoa(os.Geteuid())), "group": sv(strconv.Itoa(os.Getegid()))}
			},
			apply: true,
			first: true,
		},
		{
			name:  "unknown owner errors",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"owner": sv("no-such-user-mgmt-test")}
			},
			apply:   true,
			wantErr: "no-such-user-mgmt-test",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reg, _ := newRegistry(t)
			dir := t.TempDir()
			if tc.setup != nil {
				tc.setup(t, dir)
			}
			res, _ := build(t, reg, "file", filepath.Join(dir, "f"), tc.params(dir))
			ok, err := res.CheckApply(ctx, tc.apply)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				// The engine names the resource; the error must not repeat it.
				if strings.Contains(err.Error(), "file[") {
					t.Fatalf("err = %v names the resource itself", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ok != tc.first {
				t.Fatalf("first CheckApply = %v, want %v", ok, tc.first)
			}
			if tc.apply {
				ok, err := res.CheckApply(ctx, true)
				if err != nil || !ok {
					t.Fatalf("second CheckApply = %v, %v; want true", ok, err)
				}
			}
			if tc.check != nil {
				tc.check(t, dir)
			}
			leftovers, _ := filepath.Glob(filepath.Join(dir, ".*mgmt-*"))
			if len(leftovers) > 0 {
				t.Fatalf("temporary files left: %v", leftovers)
			}
		})
	}
}

func TestFileModeCorrectedAfterOutsideChmod(t *testing.T) {
	ctx := context.Background()
	reg, _ := newRegistry(t)
	path := filepath.Join(t.TempDir(), "f")
	res, _ := build(t, reg, "file", path, map[string]hostabi.Value{"content": sv("x"), "mode": sv("0640")})
	if ok, err := res.CheckApply(ctx, true); ok || err != nil {
		t.Fatalf("first = %v, %v", ok, err)
	}
	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if ok, err := res.CheckApply(ctx, false); ok || err != nil {
		t.Fatalf("check after chmod = %v, %v; want false", ok, err)
	}
	if got := perm(t, path); got != 0o666 {
		t.Fatalf("check-only changed the mode to %s", got)
	}
	if ok, err := res.CheckApply(ctx, true); ok || err != nil {
		t.Fatalf("apply after chmod = %v, %v; want false", ok, err)
	}
	if got := perm(t, path); got != 0o640 {
		t.Fatalf("mode %s, want 0640", got)
	}
	if ok, err := res.CheckApply(ctx, true); !ok || err != nil {
		t.Fatalf("converged = %v, %v; want true", ok, err)
	}
}

func TestFileChownAsRoot(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("chown needs root")
	}
	reg, _ := newRegistry(t)
	path := filepath.Join(t.TempDir(), "f")
	res, _ := build(t, reg, "file", path, map[string]hostabi.Value{
		"content": sv("x"), "owner": sv("65534"), "group": sv("65534"),
	})
	if ok, err := res.CheckApply(context.Background(), true); ok || err != nil {
		t.Fatalf("first = %v, %v", ok, err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 || st.Gid != 65534 {
		t.Fatalf("owner %d:%d", st.Uid, st.Gid)
	}
	// Rewriting the content keeps the owner.
	if _, err := res.(hostabi.Recver).Recv("content", sv("y")); err != nil {
		t.Fatal(err)
	}
	if ok, err := res.CheckApply(context.Background(), true); ok || err != nil {
		t.Fatalf("after recv = %v, %v", ok, err)
	}
	fi, _ = os.Stat(path)
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 65534 {
		t.Fatalf("owner lost on rewrite: %d", st.Uid)
	}
}

func TestFileWatch(t *testing.T) {
	reg, w := newRegistry(t)
	path := filepath.Join(t.TempDir(), "f")
	res, _ := build(t, reg, "file", path, map[string]hostabi.Value{"content": sv("x")})
	ev := newFakeEvents()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := res.Watch(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if n := w.Count(); n != 1 {
		t.Fatalf("Count = %d, want 1", n)
	}
	mustWrite(t, path, "outside", 0o644)
	select {
	case <-ev.events:
	case err := <-ev.fails:
		t.Fatalf("Fail(%v)", err)
	case <-time.After(5 * time.Second):
		t.Fatal("no event after an outside write")
	}
	cancel()
	if err := res.Close(); err != nil {
		t.Fatal(err)
	}
	if n := w.Count(); n != 0 {
		t.Fatalf("Count after Close = %d, want 0", n)
	}
}

func TestFileWatchReleasedWhenContextEnds(t *testing.T) {
	reg, w := newRegistry(t)
	res, _ := build(t, reg, "file", filepath.Join(t.TempDir(), "f"), nil)
	for range 50 { // retried watches must not pile up
		ctx, cancel := context.WithCancel(context.Background())
		if err := res.Watch(ctx, newFakeEvents()); err != nil {
			t.Fatal(err)
		}
		cancel()
	}
	deadline := time.Now().Add(5 * time.Second)
	for w.Count() != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("Count = %d after every context ended", w.Count())
		}
		time.Sleep(5 * time.Millisecond)
	}
	if err := res.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestFileWatchWithoutWatcher(t *testing.T) {
	res, err := New(nil).New("file", "/tmp/x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := res.Watch(context.Background(), newFakeEvents()); err == nil {
		t.Fatal("Watch without a watcher succeeded")
	}
}

func TestFileValidate(t *testing.T) {
	tests := []struct {
		name    string
		resName string
		params  map[string]hostabi.Value
		wantErr string // "" for valid
	}{
		{"absolute name", "/etc/motd", nil, ""},
		{"path param", "motd", map[string]hostabi.Value{"path": sv("/etc/motd")}, ""},
		{"relative name", "etc/motd", nil, "not absolute"},
		{"relative path", "/x", map[string]hostabi.Value{"path": sv("motd")}, "not absolute"},
		{"bad mode digits", "/x", map[string]hostabi.Value{"mode": sv("0999")}, "octal"},
		{"bad mode text", "/x", map[string]hostabi.Value{"mode": sv("rwx")}, "octal"},
		{"mode too large", "/x", map[string]hostabi.Value{"mode": sv("17777")}, "octal"},
		{"good mode", "/x", map[string]hostabi.Value{"mode": sv("4755")}, ""},
		{"content on dir", "/x/", map[string]hostabi.Value{"content": sv("a")}, "directory"},
		{"bad state", "/x", map[string]hostabi.Value{"state": sv("present")}, "state"},
		{"content when absent", "/x", map[string]hostabi.Value{"state": sv("absent"), "content": sv("a")}, "absent"},
		{"absent dir", "/x/", map[string]hostabi.Value{"state": sv("absent")}, ""},
	}
	reg := New(nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := reg.New("file", tc.resName, tc.params)
			if err != nil {
				t.Fatal(err)
			}
			err = res.Validate()
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Validate = %v, want ErrInvalid containing %q", err, tc.wantErr)
			}
			if strings.Contains(err.Error(), "file[") {
				t.Fatalf("Validate = %v names the resource itself; its caller does", err)
			}
		})
	}
}

func TestFileAutoEdges(t *testing.T) {
	uid := func(k string) hostabi.UID { return hostabi.UID{Kind: "file", Key: k} }
	tests := []struct {
		name  string
		uids  []hostabi.UID
		edges [][]hostabi.UID
	}{
		{"/a/b/c", []hostabi.UID{uid("/a/b/c")}, [][]hostabi.UID{{uid("/a/b/"), uid("/a/"), uid("/")}}},
		{"/a//b/./c", []hostabi.UID{uid("/a/b/c")}, [][]hostabi.UID{{uid("/a/b/"), uid("/a/"), uid("/")}}},
		{"/a/b/", []hostabi.UID{uid("/a/b/")}, [][]hostabi.UID{{uid("/a/"), uid("/")}}},
		{"/a", []hostabi.UID{uid("/a")}, [][]hostabi.UID{{uid("/")}}},
		{"/", []hostabi.UID{uid("/")}, nil},
		{"relative/x", []hostabi.UID{uid("relative/x")}, nil},
	}
	reg := New(nil)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := reg.New("file", tc.name, nil)
			if err != nil {
				t.Fatal(err)
			}
			ae := res.(hostabi.AutoEdger)
			if got := ae.UIDs(); !slices.Equal(got, tc.uids) {
				t.Fatalf("UIDs = %v, want %v", got, tc.uids)
			}
			got := ae.AutoEdges()
			if !slices.EqualFunc(got, tc.edges, slices.Equal) {
				t.Fatalf("AutoEdges = %v, want %v", got, tc.edges)
			}
		})
	}
}

func TestFileRecv(t *testing.T) {
	reg, _ := newRegistry(t)
	path := filepath.Join(t.TempDir(), "f")
	res, _ := build(t, reg, "file", path, map[string]hostabi.Value{"content": sv("a")})
	rv := res.(hostabi.Recver)
	ctx := context.Background()
	if _, err := res.CheckApply(ctx, true); err != nil {
		t.Fatal(err)
	}
	if changed, err := rv.Recv("content", sv("a")); changed || err != nil {
		t.Fatalf("same value: changed=%v err=%v", changed, err)
	}
	if changed, err := rv.Recv("content", sv("b")); !changed || err != nil {
		t.Fatalf("new value: changed=%v err=%v", changed, err)
	}
	if changed, err := rv.Recv("mode", sv("0600")); !changed || err != nil {
		t.Fatalf("mode: changed=%v err=%v", changed, err)
	}
	if _, err := rv.Recv("content", hostabi.IntValue(1)); !errors.Is(err, hostabi.ErrType) {
		t.Fatalf("wrong type: %v", err)
	}
	if _, err := rv.Recv("path", sv("/x")); !errors.Is(err, ErrUnknownParam) {
		t.Fatalf("path is not receivable: %v", err)
	}
	if err := res.Validate(); err != nil {
		t.Fatal(err)
	}
	if ok, err := res.CheckApply(ctx, true); ok || err != nil {
		t.Fatalf("apply after recv = %v, %v", ok, err)
	}
	if got := readFile(t, path); got != "b" {
		t.Fatalf("content %q", got)
	}
	if got := perm(t, path); got != 0o600 {
		t.Fatalf("mode %s", got)
	}
}

func TestFileReversed(t *testing.T) {
	reg := New(nil)
	tests := []struct {
		params    map[string]hostabi.Value
		wantState string // "" for an error
	}{
		{map[string]hostabi.Value{"state": sv("exists"), "content": sv("x")}, "absent"},
		{map[string]hostabi.Value{"content": sv("x")}, "absent"},
		{map[string]hostabi.Value{"state": sv("absent"), "mode": sv("0600")}, "exists"},
		{nil, ""},
	}
	for _, tc := range tests {
		res, err := reg.New("file", "/x/y", tc.params)
		if err != nil {
			t.Fatal(err)
		}
		rev, err := res.(hostabi.Reversible).Reversed()
		if tc.wantState == "" {
			if err == nil {
				t.Fatalf("Reversed(%v) succeeded", tc.params)
			}
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if rev.Kind() != "file" || rev.Name() != "/x/y" {
			t.Fatalf("reversed is %s[%s]", rev.Kind(), rev.Name())
		}
		if err := rev.Validate(); err != nil {
			t.Fatalf("reversed does not validate: %v", err)
		}
		s, _ := rev.(*fileRes).spec()
		if s.state != tc.wantState || s.hasContent || s.path != "/x/y" {
			t.Fatalf("reversed spec %+v, want state %s without content", s, tc.wantState)
		}
	}
}

func TestFileReverseRoundTrip(t *testing.T) {
	reg, _ := newRegistry(t)
	path := filepath.Join(t.TempDir(), "f")
	res, _ := build(t, reg, "file", path, map[string]hostabi.Value{"state": sv("exists"), "content": sv("x")})
	ctx := context.Background()
	if _, err := res.CheckApply(ctx, true); err != nil {
		t.Fatal(err)
	}
	rev, err := res.(hostabi.Reversible).Reversed()
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := rev.CheckApply(ctx, true); ok || err != nil {
		t.Fatalf("reversed apply = %v, %v", ok, err)
	}
	if exists(path) {
		t.Fatal("reversed file not removed")
	}
}
