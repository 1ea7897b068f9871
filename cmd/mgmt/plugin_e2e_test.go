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
	module := filepath.Join(t.TempDir(), "thing.wasm")
	content := []byte("\x00asm\x01\x00\x00\x00")
	if err := os.WriteFile(module, content, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	want := hex.EncodeToString(sum[:])

	r := runMgmt(t, "plugin", "--store", storeDir, "install", module, "--allow", "fs.read:/srv/app", "--allow", "exec:/bin/true")
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, "installed thing (sha256 "+want+")") {
		t.Errorf("install said %q", r.stdout)
	}
	r = runMgmt(t, "plugin", "--store", storeDir, "list")
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, "thing") || !strings.Contains(r.stdout, want[:16]) || !strings.Contains(r.stdout, "exec:/bin/true, fs.read:/srv/app") {
		t.Errorf("list said %q", r.stdout)
	}
	r = runMgmt(t, "plugin", "--store", storeDir, "inspect", "thing")
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, want+" (verified)") {
		t.Errorf("inspect said %q", r.stdout)
	}
	// A module changed in the store is refused.
	if err := os.WriteFile(filepath.Join(storeDir, "thing.wasm"), []byte("tampered"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runMgmt(t, "plugin", "--store", storeDir, "inspect", "thing")
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "does not match the sha256 recorded at install") {
		t.Errorf("inspect of a tampered module said %q", r.stderr)
	}
	requireExit(t, runMgmt(t, "plugin", "--store", storeDir, "remove", "thing"), 0)
	r = runMgmt(t, "plugin", "--store", storeDir, "inspect", "thing")
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "no such plugin is installed") {
		t.Errorf("inspect after remove said %q", r.stderr)
	}
}
