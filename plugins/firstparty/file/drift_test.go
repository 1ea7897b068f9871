package file_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// Changes made from outside are seen through the watch and corrected:
// an overwrite, a removal, a chmod, for a file and for a directory.
func TestDriftCorrected(t *testing.T) {
	tests := []struct {
		name  string
		drift func(t *testing.T, p string)
	}{
		{"overwrite", func(t *testing.T, p string) { mustWrite(t, p, "tampered", 0o600) }},
		{"overwrite, same size", func(t *testing.T, p string) { mustWrite(t, p, "wanted\n", 0o600) }},
		{"truncate in place", func(t *testing.T, p string) {
			if err := os.Truncate(p, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"delete", func(t *testing.T, p string) {
			if err := os.Remove(p); err != nil {
				t.Fatal(err)
			}
		}},
		{"chmod", func(t *testing.T, p string) {
			if err := os.Chmod(p, 0o666); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "f")
			env := newEnv(t)
			env.Start(t, graph("name: "+f+"\nstate: exists\ncontent: "+q("correct")+"\nmode: \"0640\""))
			right := func() bool {
				b, err := os.ReadFile(f)
				fi, serr := os.Stat(f)
				return err == nil && serr == nil && string(b) == "correct" && fi.Mode().Perm() == 0o640
			}
			fptest.Eventually(t, "the file is created", right)
			tt.drift(t, f)
			fptest.Eventually(t, "the drift is corrected", right)
		})
	}
}

// A removed or chmodded directory is made again.
func TestDirectoryDriftCorrected(t *testing.T) {
	d := filepath.Join(t.TempDir(), "d") + "/"
	env := newEnv(t)
	env.Start(t, graph("name: "+d+"\nstate: exists\nmode: \"0700\""))
	right := func() bool {
		fi, err := os.Stat(d)
		return err == nil && fi.IsDir() && fi.Mode().Perm() == 0o700
	}
	fptest.Eventually(t, "the directory is created", right)
	if err := os.Chmod(d, 0o755); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the chmod is corrected", right)
	if err := os.Remove(d); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the directory is made again", right)
}

// An absent file that reappears is removed again.
func TestAbsentDriftCorrected(t *testing.T) {
	f := filepath.Join(t.TempDir(), "gone")
	env := newEnv(t)
	fptest.WaitConverged(t, env.Start(t, graph("name: "+f+"\nstate: absent")))
	if err := os.WriteFile(f, []byte("back"), 0o644); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the file is removed again", func() bool { return !exists(f) })
}
