package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/internal/testwasm"
)

// An installed plugin's kind is used from a YAML graph by mgmt run: its
// writes inside the grant land, and one outside is denied and reported.
func TestRunUsesInstalledPlugin(t *testing.T) {
	tmp := t.TempDir()
	wasm := testwasm.BuildGo(t, filepath.Join("..", "..", "examples", "plugins", "go-hello"))
	granted, other := filepath.Join(tmp, "granted"), filepath.Join(tmp, "other")
	os.MkdirAll(granted, 0o755)
	os.MkdirAll(other, 0o755)
	storeDir := filepath.Join(tmp, "store")
	requireExit(t, runMgmt(t, "plugin", "--store", storeDir, "install", wasm,
		"--allow", "fs.read:"+granted, "--allow", "fs.write:"+granted), 0)

	yml := writeYAML(t, tmp, "g.yaml", `graph: plugin
resources:
  hello:
  - name: in
    msg: from a plugin
    path: "`+filepath.Join(granted, "greeting")+`"
  - name: out
    msg: not allowed
    path: "`+filepath.Join(other, "greeting")+`"
`)
	r := runMgmt(t, "run", "--plugin-store", storeDir, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "yaml", yml)
	requireFailed(t, r) // hello[out] failed
	if !strings.Contains(r.stderr, "plugin loaded") || !strings.Contains(r.stderr, "hello[out]") || !strings.Contains(r.stderr, "denied") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	requireFile(t, filepath.Join(granted, "greeting"), "from a plugin", 0o644)
	requireAbsent(t, filepath.Join(other, "greeting"))
}
