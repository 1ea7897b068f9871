package main

// Regression tests for two engine bugs these end-to-end tests found.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestRunFailedResourceStillConverges: a resource that failed for good and
// then gets a watch event must still let the node converge (the engine once
// counted it as unconverged forever, so --converged-exit never exited).
func TestRunFailedResourceStillConverges(t *testing.T) {
	dir := t.TempDir()
	regular := filepath.Join(dir, "regular")
	if err := os.WriteFile(regular, []byte("a file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	yml := writeYAML(t, dir, "g.yaml", `graph: failure
resources:
  file:
  - name: "{{D}}/regular/sub"
    state: exists
    content: "cannot be\n"
    meta: {retry: 0}
`)
	// The converger waits 3s, so the event below comes first; the
	// max runtime stops the run if it never converges.
	p := start(t, "run", "--tmp-prefix", "--converged-exit", "--converger-timeout", "3", "--max-runtime", "15", "yaml", yml)
	waitLog(t, p, "resource failed")
	// The failed file's watch follows regular, the missing directory on
	// its way: an event for it.
	now := time.Now()
	if err := os.Chtimes(regular, now, now); err != nil {
		t.Fatal(err)
	}
	p.wait(exitGuard)
	if log := p.stderr.String(); !strings.Contains(log, "converged, exiting") {
		t.Fatalf("never converged (stopped by --max-runtime):\n%s", log)
	}
}

// TestRunRemovedDirectoryRepairedRepeatedly: when the directory of a managed
// file is removed, the file's event may be processed before its
// directory's. The file's event must re-check the directory rather than
// trust its cached state, or the file runs against a missing directory and,
// with the default retry 0, fails for good.
func TestRunRemovedDirectoryRepairedRepeatedly(t *testing.T) {
	dir := t.TempDir()
	yml := writeYAML(t, dir, "g.yaml", helloYAML)
	p := start(t, "run", "--tmp-prefix", "yaml", yml)
	out := filepath.Join(dir, "out")
	greeting := filepath.Join(out, "greeting")
	waitFile(t, p, greeting, helloContent, helloMode)
	for i := range 20 {
		if err := os.Rename(out, out+".gone"+string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
		waitFile(t, p, greeting, helloContent, helloMode)
	}
	p.stop()
}
