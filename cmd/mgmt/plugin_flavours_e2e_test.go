package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/internal/testwasm"
)

// exampleBuild returns the example plugin that make built (mk/proc.mk),
// or builds it here (wasm for the Extism one, native for the process one).
func exampleBuild(t *testing.T, dir, file string, wasm bool) string {
	t.Helper()
	src := filepath.Join("..", "..", "examples", "plugins", dir)
	if _, err := os.Stat(filepath.Join(src, file)); err == nil {
		return filepath.Join(src, file)
	}
	if wasm {
		return testwasm.BuildGo(t, src)
	}
	out := filepath.Join(t.TempDir(), file)
	if b, err := exec.Command(goTool(), "build", "-o", out, "./"+filepath.ToSlash(src)).CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", dir, err, b)
	}
	return out
}

// The Extism-Go example installs like any plugin (detected as an Extism
// module) and its kind works from YAML and from mcl inside its grant.
func TestExtismPluginFromYAMLAndMcl(t *testing.T) {
	tmp := t.TempDir()
	wasm := exampleBuild(t, "extism-go", "extism-go.wasm", true)
	dir := filepath.Join(tmp, "granted")
	os.MkdirAll(dir, 0o755)
	storeDir := filepath.Join(tmp, "store")
	r := runMgmt(t, "plugin", "--store", storeDir, "install", wasm, "--allow", "fs.read:"+dir, "--allow", "fs.write:"+dir)
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, "installed extism-go") {
		t.Errorf("install said:\n%s", r.stdout)
	}

	yml := writeYAML(t, tmp, "g.yaml", `graph: extism
resources:
  extism_file:
  - name: from-yaml
    path: "`+filepath.Join(dir, "yaml")+`"
    content: "written by an Extism plugin\n"
`)
	r = runMgmt(t, "run", "--plugin-store", storeDir, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "yaml", yml)
	requireExit(t, r, 0)
	requireContent(t, filepath.Join(dir, "yaml"), "written by an Extism plugin\n")

	mcl := filepath.Join(tmp, "e.mcl")
	os.WriteFile(mcl, []byte(`$p = "`+filepath.Join(dir, "mcl")+`"
extism_file "from-mcl" {
	path => $p,
	content => "and from mcl\n",
}
`), 0o644)
	r = runMgmt(t, "run", "--plugin-store", storeDir, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "lang", mcl)
	requireExit(t, r, 0)
	requireContent(t, filepath.Join(dir, "mcl"), "and from mcl\n")
}

// requireContent fails unless path holds content (the mode of a file an
// Extism plugin creates through WASI is the runtime's to choose).
func requireContent(t *testing.T, path, content string) {
	t.Helper()
	if b, err := os.ReadFile(path); err != nil || string(b) != content {
		t.Errorf("%s: %q, %v; want %q", path, b, err, content)
	}
}

var startedPid = regexp.MustCompile(`process plugin started.*pid=(\d+)`)

// pids lists the pids of the process plugin's launches in mgmt's log.
func pids(log string) []string {
	var out []string
	for _, m := range startedPid.FindAllStringSubmatch(log, -1) {
		out = append(out, m[1])
	}
	return out
}

// A process plugin killed with SIGKILL while mgmt runs is restarted, and
// its resource converges again (a change made meanwhile is put back),
// while the first-party file resource beside it is not written again.
func TestProcessPluginKilledMidRun(t *testing.T) {
	tmp := t.TempDir()
	bin := exampleBuild(t, "proc-inotify", "proc-inotify", false)
	storeDir := filepath.Join(tmp, "store")
	r := runMgmt(t, "plugin", "--store", storeDir, "install", bin)
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, "installed proc-inotify") {
		t.Errorf("install said:\n%s", r.stdout)
	}
	if !strings.Contains(r.stderr, "capabilities do not bind it") {
		t.Errorf("installing a process plugin gave no warning:\n%s", r.stderr)
	}
	managed, other := filepath.Join(tmp, "managed"), filepath.Join(tmp, "other")
	yml := writeYAML(t, tmp, "g.yaml", `graph: proc
resources:
  inotify_file:
  - name: managed
    path: "`+managed+`"
    content: "kept by a process plugin\n"
  file:
  - name: "`+other+`"
    state: exists
    content: "first party\n"
`)
	p := start(t, "run", "--plugin-store", storeDir, "--tmp-prefix", "yaml", yml)
	waitFile(t, p, managed, "kept by a process plugin\n", 0o644)
	waitFile(t, p, other, "first party\n", 0o644)
	waitLog(t, p, "process plugin started")
	first := pids(p.stderr.String())
	if len(first) != 1 {
		t.Fatalf("launches %v; stderr:\n%s", first, p.stderr.String())
	}
	time.Sleep(200 * time.Millisecond) // let the first-party file settle
	before, err := os.Stat(other)
	if err != nil {
		t.Fatal(err)
	}
	pid := 0
	for _, c := range first[0] {
		pid = pid*10 + int(c-'0')
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	waitLog(t, p, "process plugin exited; restarting it")
	os.WriteFile(managed, []byte("changed while the plugin was down"), 0o644)
	eventually(t, p, "a second launch", func() string {
		if got := pids(p.stderr.String()); len(got) < 2 || got[1] == first[0] {
			return "launches " + strings.Join(got, ",")
		}
		return ""
	})
	waitFile(t, p, managed, "kept by a process plugin\n", 0o644)
	after, err := os.Stat(other)
	if err != nil {
		t.Fatal(err)
	}
	if !after.ModTime().Equal(before.ModTime()) || after.Sys().(*syscall.Stat_t).Ino != before.Sys().(*syscall.Stat_t).Ino {
		t.Errorf("the first-party file was rewritten: %v -> %v", before.ModTime(), after.ModTime())
	}
	if !p.running() {
		t.Fatal("mgmt exited")
	}
	p.stop()
}

// A process plugin's binary changed in the store after install is
// refused when mgmt loads it.
func TestTamperedProcessPluginRefused(t *testing.T) {
	tmp := t.TempDir()
	bin := exampleBuild(t, "proc-inotify", "proc-inotify", false)
	storeDir := filepath.Join(tmp, "store")
	requireExit(t, runMgmt(t, "plugin", "--store", storeDir, "install", bin), 0)
	installed := filepath.Join(storeDir, "proc-inotify.bin")
	b, err := os.ReadFile(installed)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(installed, append(b, 0), 0o755); err != nil {
		t.Fatal(err)
	}
	yml := writeYAML(t, tmp, "g.yaml", `graph: proc
resources:
  inotify_file:
  - name: x
    path: "`+filepath.Join(tmp, "x")+`"
`)
	r := runMgmt(t, "run", "--plugin-store", storeDir, "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "yaml", yml)
	if r.code == 0 || !strings.Contains(r.stderr, "does not match the sha256") {
		t.Errorf("exit %d; stderr:\n%s", r.code, r.stderr)
	}
	requireAbsent(t, filepath.Join(tmp, "x"))
}
