package exec_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
	engine "github.com/mgmt-wasm/mgmt/runtime"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// grants are the first-party grants with exec:* (which fptest.Grants
// leaves out until the exec import is in place everywhere).
var grants = []string{"fs.read:/", "fs.write:/", "exec:*"}

// newEnv loads the first-party plugin allowed to run programs.
func newEnv(t *testing.T) *fptest.Env {
	t.Helper()
	return fptest.New(t, grants...)
}

// graph returns a YAML graph of the resources given as YAML lines (format
// arguments are quoted with %q where the caller asks).
func graph(format string, args ...any) string {
	return "graph: test\n" + fmt.Sprintf(format, args...)
}

// appendCmd is a shell command that appends a line to log, to count runs.
func appendCmd(log string) string { return fmt.Sprintf("echo run >> %q", log) }

// runs returns how many lines the file at path has (0 when it is missing).
func runs(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), "\n")
}

// exists reports whether path exists.
func exists(t *testing.T, path string) bool {
	t.Helper()
	_, err := os.Lstat(path)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return err == nil
}

// failure returns the failure of the resource id once the engine has
// converged, failing the test if it has none.
func failure(t *testing.T, eng *engine.Engine, id string) error {
	t.Helper()
	fptest.WaitConverged(t, eng)
	err := eng.Failures()[id]
	if err == nil {
		t.Fatalf("%s did not fail; failures: %v", id, eng.Failures())
	}
	return err
}

// touch sets the mtime of path (creating it) to a time after every run so
// far, so that the change is seen even on a file system with coarse
// timestamps.
func touch(t *testing.T, path string) {
	t.Helper()
	if err := os.WriteFile(path, []byte("changed\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(path, future, future); err != nil {
		t.Fatal(err)
	}
}

// poke changes the times of the existing file at path (one inotify event,
// so one more run of a command watching it) to a time after every run so
// far.
func poke(t *testing.T, path string) {
	t.Helper()
	future := time.Now().Add(time.Hour)
	if err := os.Chtimes(path, future, future); err != nil {
		t.Fatal(err)
	}
}

// in returns the path of name in dir.
func in(dir, name string) string { return filepath.Join(dir, name) }
