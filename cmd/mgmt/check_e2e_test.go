package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.mcl", "$greeting = \"hello ${name}\"\n$name = \"world\"\nfile \"/tmp/x\" {\n\tcontent => $greeting,\n}\n")
	bad := write("bad.mcl", "$x = 1\nfile \"/tmp/y\" {\n\tcontent => [1, 2]],\n}\n")
	// upstream's command-line shape, as ../shared/bench uses it
	r := runMgmt(t, "check", "--prefix", filepath.Join(dir, "p"), "--no-pgp", "lang", "--skip-fmt", good)
	requireExit(t, r, 0)
	requireExit(t, runMgmt(t, "check", good), 0)
	r = runMgmt(t, "check", "lang", bad)
	requireExit(t, r, 1)
	lines := strings.Split(r.stderr, "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], bad+":3:19: parse: ") || lines[1] != "\tcontent => [1, 2]]," || lines[2] != "\t                 ^" {
		t.Fatalf("stderr:\n%s", r.stderr)
	}
}
