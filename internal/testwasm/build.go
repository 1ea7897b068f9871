// Package testwasm helps tests build Go plugins to wasm.
package testwasm

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BuildGo builds the Go plugin in dir to a wasm reactor module
// (GOOS=wasip1, -buildmode=c-shared) in a temporary folder and returns its
// path. The test is skipped when go is not on PATH.
func BuildGo(t testing.TB, dir string) string {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go is not on PATH: cannot build the plugin")
	}
	out := filepath.Join(t.TempDir(), filepath.Base(dir)+".wasm")
	cmd := exec.Command(gobin, "build", "-buildmode=c-shared", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", dir, err, b)
	}
	return out
}
