package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Every graph in examples/yaml runs to convergence with no failure, with
// its /tmp/mgmt-* paths moved into the test's own folder. The files it
// promises (named in the table) are there with their content.
func TestExamplesRun(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "yaml", "*.yaml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	want := map[string]map[string]string{ // example -> file -> content
		"hello.yaml":        {"mgmt-hello/greeting": "hello from mgmt\n"},
		"exec-to-file.yaml": {"mgmt-examples/exec/uname": "Linux\n", "mgmt-examples/exec/notes": "managed by mgmt\n"},
		"archive.yaml":      {"mgmt-examples/archive/src/b": "second file\n"},
	}
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			yml := writeYAML(t, dir, name, strings.ReplaceAll(string(src), "/tmp/mgmt-", dir+"/mgmt-"))
			r := runMgmt(t, "run", "--tmp-prefix", "--converged-exit", "--converger-timeout", "1", "yaml", yml)
			if r.code != 0 || strings.Contains(r.stderr, "resource failed") {
				t.Fatalf("exit %d; stderr:\n%s", r.code, r.stderr)
			}
			for rel, content := range want[name] {
				b, err := os.ReadFile(filepath.Join(dir, rel))
				if err != nil || string(b) != content {
					t.Errorf("%s: %q, %v; want %q", rel, b, err, content)
				}
			}
		})
	}
}
