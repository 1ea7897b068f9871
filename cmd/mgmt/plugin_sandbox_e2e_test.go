package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/internal/testwasm"
)

// A plugin installed with --allow fs.read:SRV/app --allow fs.write:SRV/app
// (a temporary SRV standing for /srv) works inside SRV/app, through a
// symlink that stays inside too, and cannot read SRV/other: directly,
// through a symlink to a file out of app, or through a symlinked folder;
// nothing outside is written.
func TestGrantedFolderConfinesThePlugin(t *testing.T) {
	tmp := t.TempDir()
	srv := filepath.Join(tmp, "srv")
	app, other := filepath.Join(srv, "app"), filepath.Join(srv, "other")
	for _, d := range []string{app, other} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	secret := filepath.Join(other, "secret")
	if err := os.WriteFile(secret, []byte("top secret"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(secret, filepath.Join(app, "escape")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other", filepath.Join(app, "otherdir")); err != nil {
		t.Fatal(err)
	}
	// A symlink that stays inside the grant is fine.
	if err := os.WriteFile(filepath.Join(app, "real"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real", filepath.Join(app, "inside")); err != nil {
		t.Fatal(err)
	}

	wasm := testwasm.BuildGo(t, filepath.Join("..", "..", "examples", "plugins", "go-hello")) // asks for fs.read:/, fs.write:/
	storeDir := filepath.Join(tmp, "store")
	r := runMgmt(t, "plugin", "--store", storeDir, "install", wasm, "--allow", "fs.read:"+app, "--allow", "fs.write:"+app)
	requireExit(t, r, 0)
	requireOut(t, r, "asks for:    fs.read:/, fs.write:/", "granted:     fs.read:"+app+", fs.write:"+app)

	yml := writeYAML(t, tmp, "g.yaml", `graph: sandbox
resources:
  hello:
  - name: in
    msg: inside
    path: "{{D}}/srv/app/greeting"
  - name: via-inside-link
    msg: through a link that stays inside
    path: "{{D}}/srv/app/inside"
  - name: other
    msg: overwritten
    path: "{{D}}/srv/other/secret"
  - name: escape
    msg: overwritten
    path: "{{D}}/srv/app/escape"
  - name: via-dir
    msg: overwritten
    path: "{{D}}/srv/app/otherdir/secret"
  - name: new-via-dir
    msg: planted
    path: "{{D}}/srv/app/otherdir/planted"
`)
	r = runMgmt(t, "run", "--plugin-store", storeDir, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "yaml", yml)
	requireFailed(t, r)
	// Each outside path is denied, whichever way the plugin named it: its
	// first access, the read of the file, fails (the host checks the
	// path after resolving its symlinks).
	for _, res := range []string{"other", "escape", "via-dir", "new-via-dir"} {
		if !failedWith(r.stderr, "hello["+res+"]", "host import fs_read: denied") {
			t.Errorf("hello[%s] was not denied its read:\n%s", res, r.stderr)
		}
	}
	for _, ok := range []string{"hello[in]", "hello[via-inside-link]"} {
		if strings.Contains(failures(r.stderr), ok) {
			t.Errorf("%s failed:\n%s", ok, r.stderr)
		}
	}
	requireFile(t, filepath.Join(app, "greeting"), "inside", 0o644)
	requireFile(t, filepath.Join(app, "real"), "through a link that stays inside", 0o644)
	requireFile(t, secret, "top secret", 0o600)
	requireAbsent(t, filepath.Join(other, "planted"))
}

// failures is the "N resource(s) failed:" block at the end of a run's
// stderr.
func failures(stderr string) string {
	if i := strings.LastIndex(stderr, "resource(s) failed:"); i >= 0 {
		return stderr[i:]
	}
	return ""
}

// failedWith reports whether the failures block has a line for res that
// holds every one of subs.
func failedWith(stderr, res string, subs ...string) bool {
	for _, line := range strings.Split(failures(stderr), "\n") {
		if !strings.Contains(line, res+":") {
			continue
		}
		all := true
		for _, s := range subs {
			all = all && strings.Contains(line, s)
		}
		if all {
			return true
		}
	}
	return false
}
