package main

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPluginInstallListInspectRemove(t *testing.T) {
	storeDir := filepath.Join(t.TempDir(), "store")
	module, err := filepath.Abs(filepath.Join("..", "..", "plugins", "wasmres", "testdata", "flag.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	content, err := os.ReadFile(module)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	want := hex.EncodeToString(sum[:])

	// A grant wider than what the plugin asks for is refused, and so is a
	// file that is not a plugin.
	r := runMgmt(t, "plugin", "--store", storeDir, "install", module, "--allow", "fs.read:/")
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "does not ask for it") {
		t.Errorf("a wider grant: %q", r.stderr)
	}
	junk := filepath.Join(t.TempDir(), "junk.wasm")
	os.WriteFile(junk, []byte("\x00asm\x01\x00\x00\x00"), 0o644)
	r = runMgmt(t, "plugin", "--store", storeDir, "install", junk)
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "not a usable plugin") {
		t.Errorf("a module that is no plugin: %q", r.stderr)
	}

	r = runMgmt(t, "plugin", "--store", storeDir, "install", module, "--allow", "fs.read:/srv/app")
	requireExit(t, r, 0)
	for _, s := range []string{"installed flag (sha256 " + want + ")", "asks for:    fs.read:/srv/app", "granted:     fs.read:/srv/app"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("install output lacks %q:\n%s", s, r.stdout)
		}
	}
	r = runMgmt(t, "plugin", "--store", storeDir, "list")
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, "flag") || !strings.Contains(r.stdout, want[:16]) || !strings.Contains(r.stdout, "fs.read:/srv/app") {
		t.Errorf("list said %q", r.stdout)
	}
	r = runMgmt(t, "plugin", "--store", storeDir, "inspect", "flag")
	requireExit(t, r, 0)
	for _, s := range []string{want + " (verified)", "kind flag", "param msg str", "asks for:  fs.read:/srv/app"} {
		if !strings.Contains(r.stdout, s) {
			t.Errorf("inspect output lacks %q:\n%s", s, r.stdout)
		}
	}
	// A module changed in the store is refused.
	if err := os.WriteFile(filepath.Join(storeDir, "flag.wasm"), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runMgmt(t, "plugin", "--store", storeDir, "inspect", "flag")
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "does not match the sha256 recorded at install") {
		t.Errorf("inspect of a tampered module said %q", r.stderr)
	}
	requireExit(t, runMgmt(t, "plugin", "--store", storeDir, "remove", "flag"), 0)
	r = runMgmt(t, "plugin", "--store", storeDir, "inspect", "flag")
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "no such plugin is installed") {
		t.Errorf("inspect after remove said %q", r.stderr)
	}
}
