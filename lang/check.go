package lang

import (
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/eval"
	"github.com/mgmt-wasm/mgmt/lang/scope"
	"github.com/mgmt-wasm/mgmt/lang/unify"
)

// CheckOptions tune Check.
type CheckOptions struct {
	// SkipUnify stops after the scope phase.
	SkipUnify bool
}

// Check loads the program at path (see Load) and runs the scope phase and,
// unless opts.SkipUnify, type unification over it, with reg for the names
// the program does not define. It returns the first error of any phase;
// Program.Explain formats it with its source line.
func Check(path string, reg builtin.Registry, opts CheckOptions) (*Program, error) {
	p, err := Load(path)
	if err != nil {
		return p, err
	}
	if p.Scope, err = scope.Resolve(p.Path, p.Src, p.Module, reg); err != nil {
		return p, err
	}
	if opts.SkipUnify {
		return p, nil
	}
	return p, unify.Check(p.Scope, reg)
}

// positioned is an error that knows where it is.
type positioned interface {
	Position() ast.Pos
}

// source returns the text of a file of the program, or nil.
func (p *Program) source(file string) []byte {
	if file == p.Path {
		return p.Src
	}
	if p.Scope != nil {
		for _, m := range p.Scope.Modules {
			if m.File == file {
				return m.Src
			}
		}
	}
	return nil
}

// Compile checks the program at path like Check and keeps what the
// function engine needs: the resolved names and the inferred types. Use
// Program.Engine to run it.
func Compile(path string, reg builtin.Registry) (*Program, error) {
	p, err := Load(path)
	if err != nil {
		return p, err
	}
	if p.Scope, err = scope.Resolve(p.Path, p.Src, p.Module, reg); err != nil {
		return p, err
	}
	p.Types, err = unify.CheckTypes(p.Scope, reg)
	return p, err
}

// Engine returns a function engine for a program Compile accepted.
func (p *Program) Engine(opts eval.Options) *eval.Engine {
	return eval.New(p.Scope, p.Types, opts)
}
