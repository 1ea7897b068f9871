package main

import (
	"fmt"
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

// TestCheckPhases runs mcl sources of the project's own through check:
// valid ones pass, invalid ones fail with the phase and position given.
func TestCheckPhases(t *testing.T) {
	dir := t.TempDir()
	for i, tc := range []struct {
		src  string
		want string // "" when valid, else "line:col: phase"
	}{
		{"$a = \"x\"\nfile \"/tmp/${a}\" {\n\tcontent => $b,\n}\n$b = \"late\"\n", ""},
		{"class c($n, $p int) {\n\tfile \"/tmp/${n}\" {\n\t\tcontent => \"${n}\",\n\t}\n}\ninclude c(\"a\", 1)\ninclude c(\"b\", 2)\n", ""},
		{"import \"fmt\"\nfunc twice($x) { $x + $x }\nfile fmt.printf(\"/tmp/%d\", twice(2)) {\n\tcontent => twice(\"s\"),\n}\n", ""},
		{"$l = [\"a\", \"b\"]\nfor $i, $v in $l {\n\tfile \"/tmp/${v}\" {\n\t\tMeta:noop => true,\n\t}\n}\n", ""},
		{"file \"/tmp/a\" {\n\tcontent => $nope,\n}\n", "2:13: scope"},
		{"$x = $y\n$y = $x\nfile \"/tmp/${x}\" {}\n", "2:6: scope"},
		{"$x = 1\n$x = 2\n", "2:1: scope"},
		{"file \"/tmp/a\" {\n\tcontent => 42,\n}\n", "2:2: type"},
		{"$s = struct{a => 1}\nfile \"/tmp/a\" {\n\tcontent => $s->b,\n}\n", "3:13: type"},
		{"nosuchkind \"a\" {}\n", "1:1: type"},
		{"file \"/tmp/a\" {\n\tMeta:noop => 1,\n}\n", "2:2: type"},
	} {
		p := filepath.Join(dir, fmt.Sprintf("c%d.mcl", i))
		if err := os.WriteFile(p, []byte(tc.src), 0o644); err != nil {
			t.Fatal(err)
		}
		r := runMgmt(t, "check", p)
		if tc.want == "" {
			requireExit(t, r, 0)
			continue
		}
		requireExit(t, r, 1)
		if !strings.HasPrefix(r.stderr, p+":"+tc.want+": ") {
			t.Errorf("case %d: want %s, stderr:\n%s", i, tc.want, r.stderr)
		}
	}
}
