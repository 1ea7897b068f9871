package ast

// StmtImport imports a package, a file or a module: `import "fmt"`,
// `import "golang/strings" as gs`, `import "dir/"`, `import "foo.mcl"`, or
// `import "fmt" as *` to import into the current scope.
type StmtImport struct {
	Span
	// Path is the text between the quotes, as written (no escapes are
	// processed).
	Path string
	// PathSpan is the range of the quoted path, quotes included.
	PathSpan Span
	// Alias is the name after `as`, nil without one; a bare import
	// (`as *`) has the Name "*".
	Alias *Ident
}

func (*StmtImport) stmtNode() {}

// Bare reports whether the import is `as *`.
func (s *StmtImport) Bare() bool { return s.Alias != nil && s.Alias.Name == "*" }
