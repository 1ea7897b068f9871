// Package scope is mcl's scope phase: it resolves every name of a program
// (variables, functions, classes, imports and include aliases) to its
// declaration, loads the imported files and modules, and rejects undefined
// names, duplicate declarations, recursive definitions and the statements
// that upstream rejects before type checking. Statements are
// order-independent: a name may be used before the statement that declares
// it.
package scope

import (
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Kind is what a declaration declares.
type Kind uint8

// The kinds of declarations.
const (
	// KindBind is a variable bound by a StmtBind.
	KindBind Kind = iota + 1
	// KindParam is a parameter of a function, lambda or class.
	KindParam
	// KindLoop is the index (Slot 0) or value (Slot 1) variable of a for
	// loop, or the key or value variable of a forkv loop.
	KindLoop
	// KindFunc is a function defined by a StmtFunc.
	KindFunc
	// KindClass is a class.
	KindClass
	// KindImport is the namespace of an import.
	KindImport
	// KindInclude is the namespace of an `include ... as name`.
	KindInclude
	// KindBuiltinVar is a built-in variable of the registry.
	KindBuiltinVar
	// KindBuiltinFunc is a function of the registry.
	KindBuiltinFunc
)

// Decl is one declaration.
type Decl struct {
	// Kind is what it declares.
	Kind Kind
	// Name is the declared name (without '$').
	Name string
	// Node is the declaring node: *ast.StmtBind, *ast.Param, *ast.StmtFor
	// or *ast.StmtForKV (KindLoop), *ast.StmtFunc, *ast.StmtClass,
	// *ast.StmtImport or *ast.StmtInclude; nil for built-ins.
	Node ast.Node
	// Owner is the scope the declaration belongs to (nil for built-ins).
	Owner *Scope
	// Slot tells a loop's variables apart: 0 for the index or key, 1 for
	// the value.
	Slot int
	// Builtin is the registry name of a built-in variable or function.
	Builtin string
	// Import is what an import declaration imports.
	Import *Import
	// Class is the class of an include alias, once resolved.
	Class *Decl

	resolving bool
}

// Pos is where the declaration is, or the zero Pos for built-ins.
func (d *Decl) Pos() ast.Pos {
	if d.Node == nil {
		return ast.Pos{}
	}
	return d.Node.Pos()
}

// Import is the target of an import statement: a core package of the
// registry or a module of mcl files.
type Import struct {
	// Path is the import path as written.
	Path string
	// Package is the core package's import path ("fmt",
	// "golang/strings"), or "" for a module.
	Package string
	// Module is the imported file or module folder, or nil for a core
	// package.
	Module *Module
}

// Module is one loaded mcl file: the program's entry file or an imported
// one.
type Module struct {
	// File is the path the file was read from.
	File string
	// Dir is the folder relative imports of the file start from.
	Dir string
	// Src is the file's text.
	Src []byte
	// AST is its syntax tree.
	AST *ast.Module
	// Scope is its top-level scope.
	Scope *Scope

	loading bool
}

// Scope is a static scope: the top level of a file, a class's parameters
// or body, a function's or lambda's parameters, an if branch, a loop's
// variables or body. Variables, functions, classes and namespaces (imports
// and include aliases) are separate name spaces.
type Scope struct {
	// Parent is the enclosing scope (nil for a file's top level).
	Parent *Scope
	// Node is the node that opens the scope: *ast.Module, *ast.Block,
	// *ast.StmtClass (its parameters), *ast.ExprFunc (parameters),
	// *ast.StmtFor or *ast.StmtForKV (the loop variables).
	Node ast.Node
	// Module is the file this scope is in.
	Module *Module

	vars, funcs, classes, names map[string]*Decl
	// stars are the core packages imported `as *` in this scope.
	stars []string
}

// newScope returns an empty scope.
func newScope(parent *Scope, node ast.Node, m *Module) *Scope {
	return &Scope{Parent: parent, Node: node, Module: m}
}

// Var returns the variable name declared in this very scope, or nil.
func (s *Scope) Var(name string) *Decl { return s.vars[name] }

// Func returns the function name declared in this very scope, or nil.
func (s *Scope) Func(name string) *Decl { return s.funcs[name] }

// Class returns the class name declared in this very scope, or nil.
func (s *Scope) Class(name string) *Decl { return s.classes[name] }

// Namespace returns the import or include alias name declared in this very
// scope, or nil.
func (s *Scope) Namespace(name string) *Decl { return s.names[name] }

// IsTop reports whether s is a file's top-level scope.
func (s *Scope) IsTop() bool { return s.Parent == nil }

// Ref is a resolved use of a name.
type Ref struct {
	// Via are the namespaces the name went through, outermost first:
	// `$i1.x` goes through the include alias i1, `fmt.printf` through the
	// import of fmt. Empty for a plain name.
	Via []*Decl
	// Decl is the declaration the name refers to.
	Decl *Decl
}

// Program is a program whose names are all resolved.
type Program struct {
	// Main is the entry file.
	Main *Module
	// Modules are all loaded files by path, Main included.
	Modules map[string]*Module
	// Uses maps each *ast.ExprVar, each named *ast.ExprCall and each
	// *ast.StmtInclude to what its name refers to.
	Uses map[ast.Node]*Ref
	// Scopes maps each scope-opening node (see Scope.Node) to its scope.
	Scopes map[ast.Node]*Scope
}
