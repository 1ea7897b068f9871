// Package cases reads upstream mgmt's mcl test cases (txtar archives of an
// mcl module and its expected OUTPUT) for the tests of the lang packages.
// The cases live outside the project; nothing here is copied from them.
package cases

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Dir is where the cases are, relative to a package directory of lang/
// (lang/parser, lang/interpolate, ...): beside the project checkout.
const Dir = "../../../shared/conformance/cases"

// File is one file of a txtar archive.
type File struct {
	// Name is the file name from its "-- name --" line.
	Name string
	// Data is the file content.
	Data []byte
}

// Case is one test case.
type Case struct {
	// Name is the archive name without ".txtar".
	Name string
	// MCL holds the .mcl files of the case, main.mcl included.
	MCL []File
	// Files holds every file of the case but OUTPUT (mcl files, metadata
	// and data files), for tests that extract the module to a folder.
	Files []File
	// Output is the expected output section.
	Output string
}

// ErrClass returns the error class the case expects, such as
// "errLexParse" or "errInterpolate", or "" for a case that succeeds.
func (c Case) ErrClass() string {
	rest, ok := strings.CutPrefix(c.Output, "# err: ")
	if !ok {
		return ""
	}
	class, _, _ := strings.Cut(rest, ":")
	return class
}

// ParseTxtar splits a txtar archive into its files: each one starts at a
// line "-- name --"; text before the first such line is a comment.
func ParseTxtar(data []byte) []File {
	var files []File
	for _, line := range strings.SplitAfter(string(data), "\n") {
		trimmed := strings.TrimSuffix(line, "\n")
		if len(trimmed) >= 6 && strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") {
			files = append(files, File{Name: strings.TrimSpace(trimmed[3 : len(trimmed)-3])})
			continue
		}
		if len(files) > 0 {
			f := &files[len(files)-1]
			f.Data = append(f.Data, line...)
		}
	}
	return files
}

// Load reads every case in dir, sorted by name. It returns no cases and no
// error when dir does not exist.
func Load(dir string) ([]Case, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.txtar"))
	if err != nil {
		return nil, err
	}
	sort.Strings(paths)
	var out []Case
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		c := Case{Name: strings.TrimSuffix(filepath.Base(path), ".txtar")}
		for _, f := range ParseTxtar(data) {
			switch {
			case f.Name == "OUTPUT":
				c.Output = string(f.Data)
			case strings.HasSuffix(f.Name, ".mcl"):
				c.MCL = append(c.MCL, f)
				c.Files = append(c.Files, f)
			default:
				c.Files = append(c.Files, f)
			}
		}
		out = append(out, c)
	}
	return out, nil
}
