package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// flagWasm copies the small WAT plugin (kind flag, asks for
// fs.read:/srv/app) into dir and returns its path.
func flagWasm(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "plugins", "wasmres", "testdata", "flag.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "flag.wasm")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// requireOut fails unless r's stdout (or stderr) holds every one of subs.
func requireOut(t *testing.T, r result, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(r.stdout+r.stderr, s) {
			t.Errorf("output lacks %q:\nstdout:\n%s\nstderr:\n%s", s, r.stdout, r.stderr)
		}
	}
}

// The whole signing path: keygen, sign, trust, install under
// --require-signature, and mgmt run --require-signature refusing an
// unsigned plugin; mgmt run refusing a module changed in the store, and
// one replaced with its sum forged in the lock file.
func TestPluginSignatures(t *testing.T) {
	tmp := t.TempDir()
	storeDir := filepath.Join(tmp, "store")
	module := flagWasm(t, tmp)
	keys := filepath.Join(tmp, "keys")
	plugin := func(args ...string) result {
		return runMgmt(t, append([]string{"plugin", "--store", storeDir}, args...)...)
	}

	r := runMgmt(t, "plugin", "keygen", "--out", keys, "--name", "rel", "--comment", "release team")
	requireExit(t, r, 0)
	fi, err := os.Stat(filepath.Join(keys, "rel.key"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the private key: %v, %v; want mode 0600", fi, err)
	}
	pubLine, _ := os.ReadFile(filepath.Join(keys, "rel.pub"))
	keyID := strings.Fields(strings.TrimPrefix(r.stdout, "key "))[0]
	if !strings.HasPrefix(string(pubLine), "mgmt-ed25519-pub ") || !strings.HasSuffix(string(pubLine), " release team\n") {
		t.Errorf("public key file %q", pubLine)
	}
	requireFailed(t, runMgmt(t, "plugin", "keygen", "--out", keys, "--name", "rel")) // never overwrites

	// Unsigned, under --require-signature: refused, nothing installed.
	r = plugin("install", "--require-signature", module, "--allow", "fs.read:/srv/app")
	requireFailed(t, r)
	requireOut(t, r, "it is not signed, and a signature is required")
	r = plugin("list")
	if strings.Contains(r.stdout, "flag") {
		t.Errorf("a refused install left an entry:\n%s", r.stdout)
	}

	r = runMgmt(t, "plugin", "sign", "--key", filepath.Join(keys, "rel.key"), module)
	requireExit(t, r, 0)
	sigText, err := os.ReadFile(module + ".sig")
	if err != nil {
		t.Fatal(err)
	}
	content, _ := os.ReadFile(module)
	sum := sha256.Sum256(content)
	if lines := strings.Split(string(sigText), "\n"); len(lines) != 5 || lines[0] != "mgmt-signature v1" ||
		lines[1] != "key "+keyID || lines[2] != "sha256 "+hex.EncodeToString(sum[:]) || !strings.HasPrefix(lines[3], "ed25519 ") {
		t.Errorf("signature file:\n%s", sigText)
	}

	// Signed (FILE.sig is found by itself) by a key not trusted yet.
	r = plugin("install", "--require-signature", module, "--allow", "fs.read:/srv/app")
	requireFailed(t, r)
	requireOut(t, r, "signed by a key that is not trusted", keyID)
	requireExit(t, plugin("trust", filepath.Join(keys, "rel.pub")), 0)
	r = plugin("trust")
	requireOut(t, r, keyID+" release team")
	r = plugin("install", "--require-signature", module, "--allow", "fs.read:/srv/app")
	requireExit(t, r, 0)
	requireOut(t, r, "signature:   key "+keyID+" (trusted, verified)")
	requireOut(t, plugin("list"), keyID)
	requireOut(t, plugin("inspect", "flag"), "signature: key "+keyID+" (trusted, verified)")

	// A signature of other bytes is refused, required or not.
	other := filepath.Join(tmp, "other.wasm")
	os.WriteFile(other, append(content, 0), 0o644) // a custom section's worth of difference is enough
	r = plugin("install", "--signature", module+".sig", "--name", "other", other)
	requireFailed(t, r)
	requireOut(t, r, "does not verify")

	graph := writeYAML(t, tmp, "g.yaml", "graph: g\nresources:\n  flag:\n  - name: f\n    msg: hi\n")
	runArgs := func(extra ...string) []string {
		return append([]string{"run", "--plugin-store", storeDir, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0"}, append(extra, "yaml", graph)...)
	}
	r = runMgmt(t, runArgs("--require-signature")...)
	requireExit(t, r, 0)
	requireOut(t, r, "plugin loaded", "signature=\"signed by a trusted key, verified\"")

	// Another plugin, unsigned: mgmt run --require-signature refuses to
	// start; without the flag it runs.
	requireExit(t, plugin("install", "--signature", "/dev/null", "--name", "plain", module), 1) // an empty signature file is malformed
	plain := filepath.Join(tmp, "plain")
	os.MkdirAll(plain, 0o755)
	requireExit(t, plugin("install", "--name", "plain", flagWasm(t, plain)), 0)
	// (flagWasm wrote plain/flag.wasm with no .sig beside it.)
	requireExit(t, plugin("remove", "flag"), 0)
	r = runMgmt(t, runArgs("--require-signature")...)
	requireFailed(t, r)
	requireOut(t, r, `plugin "plain"`, "it is not signed, and a signature is required")
	requireExit(t, runMgmt(t, runArgs()...), 0)
	requireExit(t, plugin("remove", "plain"), 0)

	// Someone who can write the store replaces the signed module and its
	// sum in the lock file: the sum check passes, the signature does not,
	// with or without --require-signature.
	requireExit(t, plugin("install", module, "--allow", "fs.read:/srv/app"), 0)
	evil := append(content, 0)
	os.WriteFile(filepath.Join(storeDir, "flag.wasm"), evil, 0o644)
	r = runMgmt(t, runArgs()...) // the module alone changed: its sum
	requireFailed(t, r)
	requireOut(t, r, "does not match the sha256 recorded at install")
	forgeSum(t, storeDir, "flag", evil)
	for _, extra := range [][]string{nil, {"--require-signature"}} {
		r = runMgmt(t, runArgs(extra...)...)
		requireFailed(t, r)
		requireOut(t, r, "the signature does not verify")
	}
	// The trusted keys may come from another file: with an empty one the
	// forged module is unverifiable, and required it is refused.
	empty := filepath.Join(tmp, "no-keys")
	os.WriteFile(empty, nil, 0o644)
	r = runMgmt(t, runArgs("--require-signature", "--trusted-keys", empty)...)
	requireFailed(t, r)
	requireOut(t, r, "signed by a key that is not trusted")
}

// forgeSum records the sum of content for name in the store's lock file.
func forgeSum(t *testing.T, storeDir, name string, content []byte) {
	t.Helper()
	lock := filepath.Join(storeDir, "plugins.lock.json")
	b, err := os.ReadFile(lock)
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(content)
	for _, e := range list {
		if e["name"] == name {
			e["sha256"] = hex.EncodeToString(sum[:])
		}
	}
	b, _ = json.Marshal(list)
	if err := os.WriteFile(lock, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
