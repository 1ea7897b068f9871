package scope

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/interpolate"
	"github.com/mgmt-wasm/mgmt/lang/parser"
)

// MetadataFile names a module folder's metadata.
const MetadataFile = "metadata.yaml"

// readFile reads a file of the program.
func readFile(p string) ([]byte, error) { return os.ReadFile(p) }

// dirOf is the folder of a file path.
func dirOf(p string) string { return filepath.Dir(p) }

// cleanPath is the key of a file in Program.Modules.
func cleanPath(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return filepath.Clean(p)
}

// declareImport resolves an import statement of s and declares its
// namespace (or, for `as *`, its members).
func (r *resolver) declareImport(s *Scope, x *ast.StmtImport) {
	imp := &Import{Path: x.Path}
	ns := ""
	switch p := x.Path; {
	case p == "":
		r.fail(errorf(x, "empty import path"))
	case strings.HasPrefix(p, "/"):
		r.fail(errorf(x, "import path %q is absolute: imports are relative to the module", p))
	case strings.Contains(p, "://"):
		r.fail(errorf(x, "import of %q: remote modules are not supported yet", p))
	case strings.HasSuffix(p, ".mcl"):
		ns = strings.TrimSuffix(path.Base(p), ".mcl")
		imp.Module = r.loadFile(filepath.Join(s.Module.Dir, filepath.FromSlash(p)), s.Module.Dir, x)
	case strings.HasSuffix(p, "/"):
		ns = path.Base(strings.TrimSuffix(p, "/"))
		imp.Module = r.loadFolder(filepath.Join(s.Module.Dir, filepath.FromSlash(p)), x)
	default:
		if !r.pkgs[p] {
			r.fail(errorf(x, "import of %q: there is no core package of that name", p))
		}
		imp.Package = p
		ns = path.Base(p)
	}
	if x.Alias != nil {
		ns = x.Alias.Name
	}
	if x.Bare() {
		r.declareBare(s, imp, x)
		return
	}
	if !validName(ns) {
		r.fail(errorf(x, "import of %q: %q is not a valid namespace name: add `as name`", x.Path, ns))
	}
	r.addDecl(s.names, "scoped", &Decl{Kind: KindImport, Name: ns, Node: x, Owner: s, Import: imp}, x)
}

// declareBare adds the members of an `import ... as *` to s.
func (r *resolver) declareBare(s *Scope, imp *Import, x *ast.StmtImport) {
	if imp.Module == nil {
		s.stars = append(s.stars, imp.Package)
		return
	}
	top := imp.Module.Scope
	for _, sp := range []space{spaceVar, spaceFunc, spaceClass} {
		for _, d := range top.table(sp) {
			r.addDecl(s.table(sp), [...]string{"var", "func", "class"}[sp], d, x)
		}
	}
	for _, d := range top.names {
		r.addDecl(s.names, "scoped", d, x)
	}
}

// validName reports whether s is an identifier mcl accepts as a namespace.
func validName(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// loadFolder loads a module folder: its metadata.yaml names the main
// file.
func (r *resolver) loadFolder(dir string, at ast.Node) *Module {
	b, err := r.read(filepath.Join(dir, MetadataFile))
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			r.fail(errorf(at, "module folder %s has no %s", dir, MetadataFile))
		}
		r.fail(errorf(at, "module folder %s: %v", dir, err))
	}
	var md struct {
		Main string `yaml:"main"`
	}
	if err := yaml.Unmarshal(b, &md); err != nil {
		r.fail(errorf(at, "%s: %v", filepath.Join(dir, MetadataFile), err))
	}
	if md.Main == "" {
		md.Main = "main.mcl"
	}
	return r.loadFile(filepath.Join(dir, md.Main), dir, at)
}

// loadFile loads, parses, interpolates and resolves an imported file whose
// own imports are relative to dir.
func (r *resolver) loadFile(file, dir string, at ast.Node) *Module {
	key := cleanPath(file)
	if m := r.prog.Modules[key]; m != nil {
		if m.loading {
			r.fail(errorf(at, "import cycle: %s imports itself, directly or not", file))
		}
		return m
	}
	src, err := r.read(file)
	if err != nil {
		r.fail(errorf(at, "import: %v", err))
	}
	tree, err := parser.ParseFile(file, src)
	if err != nil {
		r.fail(fmt.Errorf("imported file: %w", err))
	}
	if err := interpolate.Module(tree); err != nil {
		r.fail(fmt.Errorf("imported file: %w", err))
	}
	m := &Module{File: file, Dir: dir, Src: src, AST: tree, loading: true}
	r.prog.Modules[key] = m
	saved, savedLoop := r.owner, r.loop
	r.owner, r.loop = nil, ""
	r.module(m, true)
	r.owner, r.loop = saved, savedLoop
	m.loading = false
	return m
}
