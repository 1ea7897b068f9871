package file_test

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
	engine "github.com/mgmt-wasm/mgmt/runtime"
)

// snapshot describes everything under dir (names, types, modes, sizes,
// mtimes, contents and link targets), to show that nothing changed.
func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := os.Lstat(p)
		if err != nil {
			return err
		}
		line := fmt.Sprintf("%s %v %d %d", p, fi.Mode(), fi.Size(), fi.ModTime().UnixNano())
		switch {
		case fi.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			line += " " + string(b)
		case fi.Mode()&os.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			line += " -> " + target
		}
		lines = append(lines, line)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(lines)
	return strings.Join(lines, "\n")
}

func str(s string) hostabi.Value { return hostabi.StrValue(s) }

func strs(ss ...string) hostabi.Value {
	l := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)}
	for _, s := range ss {
		l.Items = append(l.Items, hostabi.StrValue(s))
	}
	return l
}

// The check verb (apply false) reports every kind of difference and
// changes nothing; on a converged file it reports true.
func TestCheckOnlyChangesNothing(t *testing.T) {
	tests := []struct {
		name   string
		setup  func(t *testing.T, dir string)
		params func(dir string) map[string]hostabi.Value
		want   bool
	}{
		{
			name: "missing file",
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"state": str("exists"), "content": str("x")}
			},
		},
		{
			name:  "different content",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "old", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"state": str("exists"), "content": str("new")}
			},
		},
		{
			name:   "wrong mode",
			setup:  func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"mode": str("0600")} },
		},
		{
			name:   "file to remove",
			setup:  func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "x", 0o644) },
			params: func(d string) map[string]hostabi.Value { return map[string]hostabi.Value{"state": str("absent")} },
		},
		{
			name: "tree to copy and purge",
			setup: func(t *testing.T, d string) {
				buildTree(t, filepath.Join(d, "src"))
				mustMkdir(t, filepath.Join(d, "f"))
			},
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"path": str(filepath.Join(d, "f") + "/"), "state": str("exists"),
					"source": str(filepath.Join(d, "src") + "/"), "recurse": hostabi.BoolValue(true), "purge": hostabi.BoolValue(true)}
			},
		},
		{
			name:  "fragments",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "frag"), "part", 0o644) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"state": str("exists"), "fragments": strs(filepath.Join(d, "frag"))}
			},
		},
		{
			name: "symlink",
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"state": str("exists"), "symlink": hostabi.BoolValue(true), "source": str("/x")}
			},
		},
		{
			name:  "already right",
			setup: func(t *testing.T, d string) { mustWrite(t, filepath.Join(d, "f"), "right", 0o600) },
			params: func(d string) map[string]hostabi.Value {
				return map[string]hostabi.Value{"state": str("exists"), "content": str("right"), "mode": str("u=rw,go=")}
			},
			want: true,
		},
	}
	env := newEnv(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			before := snapshot(t, dir)
			r, err := env.Plugin.New("file", filepath.Join(dir, "f"), tt.params(dir))
			if err != nil {
				t.Fatal(err)
			}
			if err := r.Validate(); err != nil {
				t.Fatalf("validate: %v", err)
			}
			ok, err := r.CheckApply(context.Background(), false)
			if err != nil {
				t.Fatalf("check: %v", err)
			}
			if ok != tt.want {
				t.Errorf("check = %v, want %v", ok, tt.want)
			}
			if after := snapshot(t, dir); after != before {
				t.Errorf("check changed the tree:\nbefore:\n%s\nafter:\n%s", before, after)
			}
		})
	}
}

// The engine's noop mode runs the check verb only: the graph converges
// with nothing written.
func TestEngineNoop(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "f")
	mustWrite(t, f, "old", 0o644)
	before := snapshot(t, dir)
	env := newEnv(t)
	g, err := env.Graph(t, graph(
		"name: "+f+"\nstate: exists\ncontent: new\nmode: \"0600\"",
		"name: "+filepath.Join(dir, "new")+"/\nstate: exists",
	))
	if err != nil {
		t.Fatal(err)
	}
	eng := engine.New(engine.Config{
		Hostname: "fptest", VarDir: env.VarDir, Noop: true,
		ConvergerTimeout: 100 * time.Millisecond,
		Logger:           slog.New(slog.NewTextHandler(env.Log, nil)),
	})
	t.Cleanup(func() { eng.Close() })
	if err := eng.Commit(g); err != nil {
		t.Fatal(err)
	}
	fptest.WaitConverged(t, eng)
	if after := snapshot(t, dir); after != before {
		t.Errorf("noop changed the tree:\nbefore:\n%s\nafter:\n%s", before, after)
	}
}
