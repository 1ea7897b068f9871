package exec

import (
	"fmt"
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// statFunc describes the file at an absolute path, following symlinks.
type statFunc func(path string) (*hostabi.StatResponse, error)

// lookPath returns the absolute path of the program prog: an absolute
// prog as it is; one with a slash relative to cwd (or /, where commands
// run without one); a bare name the first executable regular file of
// that name in the directories of pathList (colon-separated; empty and
// relative entries are skipped, as a command must not depend on the
// directory mgmt happens to run in).
func lookPath(stat statFunc, prog, cwd, pathList string) (string, error) {
	switch {
	case prog == "":
		return "", fmt.Errorf("no program to run")
	case path.IsAbs(prog):
		return path.Clean(prog), nil
	case strings.Contains(prog, "/"):
		dir := cwd
		if dir == "" {
			dir = "/"
		}
		return path.Join(dir, prog), nil
	}
	for _, dir := range strings.Split(pathList, ":") {
		if !path.IsAbs(dir) {
			continue
		}
		p := path.Join(dir, prog)
		st, err := stat(p)
		if err != nil {
			continue // missing, not a directory, unreadable: try the next
		}
		if st.Type == hostabi.FileRegular && st.Mode&0o111 != 0 {
			return p, nil
		}
	}
	return "", fmt.Errorf("program %q not found in PATH %s", prog, pathList)
}
