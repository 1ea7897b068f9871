package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "good.mcl", "$x = \"hello ${y}\"\n$y = \"world\"\ntest \"t\" {}\n")
	p, err := Load(good)
	if err != nil || p.Module == nil || len(p.Module.Body) != 3 {
		t.Fatalf("Load(good) = %v, %v", p, err)
	}
	// A module folder: metadata.yaml names the main file.
	mod := t.TempDir()
	write(t, mod, "metadata.yaml", "main: start.mcl\n")
	write(t, mod, "start.mcl", "test \"m\" {}\n")
	if p, err := Load(mod); err != nil || filepath.Base(p.Path) != "start.mcl" {
		t.Fatalf("Load(module) = %v, %v", p, err)
	}
	// Without metadata.yaml the entry is main.mcl.
	plain := t.TempDir()
	write(t, plain, "main.mcl", "test \"p\" {}\n")
	if p, err := Load(plain); err != nil || filepath.Base(p.Path) != "main.mcl" {
		t.Fatalf("Load(folder) = %v, %v", p, err)
	}
}

func TestLoadErrorsExplained(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, src, want string
	}{
		{"parse", "$x = [1, 2]]\n", ":1:12: parse: "},
		{"interpolate", "$x = \"a ${\"\n", ":1:9: interpolate: "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := write(t, dir, tc.name+".mcl", tc.src)
			p, err := Load(path)
			if err == nil {
				t.Fatal("no error")
			}
			out := p.Explain(err)
			lines := strings.Split(out, "\n")
			if len(lines) != 3 || !strings.Contains(lines[0], path+tc.want) || lines[1] != strings.TrimSuffix(tc.src, "\n") || !strings.HasSuffix(lines[2], "^") {
				t.Fatalf("Explain =\n%s", out)
			}
		})
	}
	if _, err := Load(filepath.Join(dir, "missing.mcl")); err == nil {
		t.Error("a missing file loaded")
	}
}
