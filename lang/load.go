// Package lang is mgmt's language, mcl: this package loads a program and
// runs the front-end phases over it; the phases live in the sub-packages
// (lexer, parser, interpolate, scope and unify).
package lang

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/goccy/go-yaml"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/interpolate"
	"github.com/mgmt-wasm/mgmt/lang/parser"
	"github.com/mgmt-wasm/mgmt/lang/scope"
	"github.com/mgmt-wasm/mgmt/lang/unify"
)

// MetadataFile names a module folder's metadata.
const MetadataFile = "metadata.yaml"

// Program is an mcl program's entry file, read, parsed and interpolated.
type Program struct {
	// Path is the entry file.
	Path string
	// Src is its text.
	Src []byte
	// Module is its syntax tree.
	Module *ast.Module
	// Scope is the program with its names resolved, once Check has run
	// the scope phase.
	Scope *scope.Program
	// Types are the inferred types, once Compile has run the type phase.
	Types *unify.Types
}

// metadata is the part of metadata.yaml this package reads.
type metadata struct {
	Main string `yaml:"main"`
}

// Load reads the program at path: an .mcl file, or a module folder whose
// metadata.yaml names the main file (main.mcl by default). It parses and
// interpolates it and returns the first error of those phases.
func Load(path string) (*Program, error) {
	entry, err := entryFile(path)
	if err != nil {
		return nil, err
	}
	src, err := os.ReadFile(entry)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", entry, err)
	}
	p := &Program{Path: entry, Src: src}
	if p.Module, err = parser.ParseFile(entry, src); err != nil {
		return p, err
	}
	if err := interpolate.Module(p.Module); err != nil {
		return p, err
	}
	return p, nil
}

// entryFile finds the file to parse for path.
func entryFile(path string) (string, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return "", fmt.Errorf("mcl program %s: %w", path, err)
	}
	if !fi.IsDir() {
		return path, nil
	}
	main := "main.mcl"
	b, err := os.ReadFile(filepath.Join(path, MetadataFile))
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return "", fmt.Errorf("module %s: %w", path, err)
	default:
		var md metadata
		if err := yaml.Unmarshal(b, &md); err != nil {
			return "", fmt.Errorf("%s: %w", filepath.Join(path, MetadataFile), err)
		}
		if md.Main != "" {
			main = md.Main
		}
	}
	return filepath.Join(path, main), nil
}

// Explain formats an error of Load (or of a later phase) for a person: the
// "file:line:col: phase: message" line, then, when the error has a position
// in the program's source, that source line with a caret under the column.
func (p *Program) Explain(err error) string {
	var pe *parser.Error
	var ie *interpolate.Error
	var po positioned
	var at ast.Pos
	switch {
	case p == nil:
		return err.Error()
	case errors.As(err, &pe):
		at = pe.Pos
	case errors.As(err, &ie):
		at = ie.Pos
	case errors.As(err, &po):
		at = po.Position()
	default:
		return err.Error()
	}
	if src := p.source(at.File); src != nil {
		return err.Error() + at.Excerpt(src)
	}
	return err.Error()
}
