// Package testwasm helps tests build Go plugins to wasm.
package testwasm

import (
	"fmt"
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
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH: cannot build the plugin")
	}
	out := filepath.Join(t.TempDir(), filepath.Base(dir)+".wasm")
	if err := Build(dir, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// Build builds the Go plugin in dir to the wasm reactor module out, for
// callers without a test at hand (a TestMain).
func Build(dir, out string) error {
	cmd := exec.Command("go", "build", "-buildmode=c-shared", "-o", out, ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("build %s: %w\n%s", dir, err, b)
	}
	return nil
}
