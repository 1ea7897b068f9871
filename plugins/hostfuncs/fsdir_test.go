package hostfuncs

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

func TestDirectoryImportsEnforceCapabilities(t *testing.T) {
	root := t.TempDir()
	app, other := filepath.Join(root, "app"), filepath.Join(root, "other")
	os.MkdirAll(app, 0o755)
	os.MkdirAll(filepath.Join(other, "keep"), 0o755)
	os.WriteFile(filepath.Join(other, "keep", "f"), []byte("x"), 0o644)
	os.Symlink(other, filepath.Join(app, "door")) // a way out of the grant

	granted, err := hostabi.ParseCapabilities([]string{"fs.read:" + app, "fs.write:" + app})
	if err != nil {
		t.Fatal(err)
	}
	m := loadCaller(t, &bytes.Buffer{})
	ctx := WithCaller(context.Background(), Caller{Plugin: "caller", Granted: granted})
	denied := -int32(hostabi.CodeDenied)

	// mkdir -p inside the grant; outside and through the symlink, denied.
	deep := filepath.Join(app, "a", "b")
	if code, _ := proxy(t, m, ctx, "mkdir", &hostabi.MkdirRequest{Path: deep, Mode: 0o750, Parents: true}); code != 0 {
		t.Fatalf("mkdir -p inside the grant: %d", code)
	}
	if fi, err := os.Stat(deep); err != nil || !fi.IsDir() || fi.Mode().Perm() != 0o750 {
		t.Errorf("made %v, %v", fi, err)
	}
	if code, _ := proxy(t, m, ctx, "mkdir", &hostabi.MkdirRequest{Path: filepath.Join(other, "x")}); code != denied {
		t.Errorf("mkdir outside: %d", code)
	}
	if code, _ := proxy(t, m, ctx, "mkdir", &hostabi.MkdirRequest{Path: filepath.Join(app, "door", "x")}); code != denied {
		t.Errorf("mkdir through a symlink out: %d", code)
	}

	// chmod inside; outside denied.
	os.WriteFile(filepath.Join(app, "f"), []byte("f"), 0o644)
	if code, _ := proxy(t, m, ctx, "chmod", &hostabi.ChmodRequest{Path: filepath.Join(app, "f"), Mode: 0o600}); code != 0 {
		t.Fatalf("chmod inside: %d", code)
	}
	if fi, _ := os.Stat(filepath.Join(app, "f")); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	if code, _ := proxy(t, m, ctx, "chmod", &hostabi.ChmodRequest{Path: filepath.Join(other, "keep"), Mode: 0o777}); code != denied {
		t.Errorf("chmod outside: %d", code)
	}

	// readdir lists with types; outside denied.
	code, out := proxy(t, m, ctx, "readdir", &hostabi.ReaddirRequest{Path: app})
	rd := &hostabi.ReaddirResponse{}
	if code <= 0 || rd.UnmarshalBinary(out) != nil {
		t.Fatalf("readdir: %d", code)
	}
	types := map[string]hostabi.FileType{}
	for _, e := range rd.Entries {
		types[e.Name] = e.Type
	}
	if types["a"] != hostabi.FileDir || types["f"] != hostabi.FileRegular || types["door"] != hostabi.FileSymlink || len(types) != 3 {
		t.Errorf("entries %v", types)
	}
	if code, _ := proxy(t, m, ctx, "readdir", &hostabi.ReaddirRequest{Path: filepath.Join(app, "door")}); code != denied {
		t.Errorf("readdir through a symlink out: %d", code)
	}

	// remove acts on the link itself: removing the symlink is inside the
	// grant and leaves its target alone; a recursive remove outside is denied.
	if code, _ := proxy(t, m, ctx, "remove", &hostabi.RemoveRequest{Path: filepath.Join(other, "keep"), Recursive: true}); code != denied {
		t.Errorf("recursive remove outside: %d", code)
	}
	if code, _ := proxy(t, m, ctx, "remove", &hostabi.RemoveRequest{Path: filepath.Join(app, "door")}); code != 0 {
		t.Fatalf("remove the symlink: %d", code)
	}
	if _, err := os.Stat(filepath.Join(other, "keep", "f")); err != nil {
		t.Fatalf("removing a symlink touched its target: %v", err)
	}
	if code, _ := proxy(t, m, ctx, "remove", &hostabi.RemoveRequest{Path: filepath.Join(app, "a")}); code != -int32(hostabi.CodeNotEmpty) {
		t.Errorf("remove of a non-empty dir without recursive: %d", code)
	}
	if code, _ := proxy(t, m, ctx, "remove", &hostabi.RemoveRequest{Path: filepath.Join(app, "a"), Recursive: true}); code != 0 {
		t.Errorf("recursive remove inside: %d", code)
	}
	if _, err := os.Stat(filepath.Join(app, "a")); !os.IsNotExist(err) {
		t.Errorf("a survived: %v", err)
	}
}
