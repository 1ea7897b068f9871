package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeMCL writes an mcl program with {{D}} replaced by dir.
func writeMCL(t *testing.T, dir, name, text string) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, []byte(expand(dir, text)), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestRunLang runs mcl programs to convergence: the files they declare are
// written with the values the program computes (variables, a class, a for
// loop, an if, a lambda), whether given as `run lang FILE`, `run FILE` or a
// module folder.
func TestRunLang(t *testing.T) {
	const prog = `
$names = ["a", "b"]
$suffix = if len($names) > 1 { "many" } else { "one" }
$twice = func($s) { $s + $s }
class writer($path, $text) {
	file $path {
		state => $const.res.file.state.exists,
		content => $text,
		mode => "0640",
	}
}
for $i, $n in $names {
	include writer("{{D}}/out-${n}", $twice($n) + "-" + $suffix + "\n")
}
`
	for _, form := range []string{"lang FILE", "FILE", "DIR"} {
		t.Run(form, func(t *testing.T) {
			dir := t.TempDir()
			mcl := writeMCL(t, dir, "main.mcl", prog)
			args := []string{"run", "--tmp-prefix", "--converged-exit", "--converger-timeout", "1"}
			switch form {
			case "lang FILE":
				args = append(args, "lang", mcl)
			case "FILE":
				args = append(args, mcl)
			case "DIR":
				if err := os.WriteFile(filepath.Join(dir, "metadata.yaml"), []byte("main: main.mcl\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				args = append(args, "lang", dir)
			}
			r := runMgmt(t, args...)
			requireExit(t, r, 0)
			requireFile(t, filepath.Join(dir, "out-a"), "aa-many\n", 0o640)
			requireFile(t, filepath.Join(dir, "out-b"), "bb-many\n", 0o640)
		})
	}
}

// TestRunLangErrors checks that a program that does not compile, or fails
// while it is evaluated, is refused before anything runs, with the file,
// line and column of the problem.
func TestRunLangErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct {
		name, src, want string
	}{
		{"parse", "file \"{{D}}/x\" {\n\tcontent => ,\n}\n", "bad.mcl:2:"},
		{"type", "$x = 1 + \"a\"\nfile \"{{D}}/x\" {\n\tcontent => $x,\n}\n", "bad.mcl:1:"},
		{"runtime", "$m = {\"a\" => \"b\"}\nfile \"{{D}}/x\" {\n\tcontent => $m[\"zz\"],\n}\n", "bad.mcl:3:"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mcl := writeMCL(t, dir, "bad.mcl", tt.src)
			r := runMgmt(t, "run", "--tmp-prefix", "--converged-exit", "--converger-timeout", "1", "lang", mcl)
			requireFailed(t, r)
			if !strings.Contains(r.stderr, tt.want) {
				t.Fatalf("stderr does not name %s:\n%s", tt.want, r.stderr)
			}
			requireAbsent(t, filepath.Join(dir, "x"))
		})
	}
}
