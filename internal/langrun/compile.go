// Package langrun runs mcl programs for the CLI: it loads the plugins,
// compiles the program against their kinds and functions, evaluates it with
// the function engine and builds the resource graph (`mgmt graph`), or keeps
// evaluating it and swapping each new graph into the engine (`mgmt run
// lang`).
package langrun

import (
	"context"
	"errors"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/internal/langgraph"
	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/eval"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// ErrProgram is wrapped by the errors of the program itself (parse, scope,
// type or runtime errors), as opposed to errors of the machine; Explain
// formats them with their source line.
var ErrProgram = errors.New("the program is invalid")

// programError is an error of the program, with its explanation.
type programError struct {
	err     error
	explain string
}

func (e *programError) Error() string { return e.explain }
func (e *programError) Unwrap() []error {
	return []error{ErrProgram, e.err}
}

// Invalid marks err, which a resource or the graph of the program caused,
// as an error of the program (ErrProgram), keeping its text.
func Invalid(err error) error {
	return &programError{err: err, explain: err.Error()}
}

// Program is a compiled program with the plugins it runs against.
type Program struct {
	prog   *lang.Program
	kinds  *registry.Registry
	engine *eval.Engine
	// last is the output of the last evaluation that gave a graph.
	last *eval.Output
}

// Options say how to compile and evaluate.
type Options struct {
	// Kinds is the registry of the plugins' kinds and functions.
	Kinds *registry.Registry
	// Hostname is $hostname.
	Hostname string
	// VarDir is the state folder of local.vardir ("" for none).
	VarDir string
	// World is the cluster of the world.* functions and of collect (nil:
	// none).
	World eval.World
}

// Compile compiles the program at path (a file or module folder) against
// the plugins of o.Kinds.
func Compile(path string, o Options) (*Program, error) {
	table, err := builtin.NewTable(o.Kinds, o.Hostname)
	if err != nil {
		return nil, err
	}
	p, err := lang.Compile(path, table)
	if err != nil {
		if p == nil {
			return nil, err
		}
		return nil, &programError{err: err, explain: p.Explain(err)}
	}
	var caller builtin.Caller
	if c, ok := any(o.Kinds).(builtin.Caller); ok {
		caller = c
	}
	opts := eval.Options{Registry: table, Caller: caller, Hostname: o.Hostname, VarDir: o.VarDir, World: o.World}
	if o.VarDir != "" {
		opts.Values = valueStore{varDir: o.VarDir}
	}
	eng := p.Engine(opts)
	return &Program{prog: p, kinds: o.Kinds, engine: eng}, nil
}

// Engine returns the program's function engine.
func (p *Program) Engine() *eval.Engine { return p.engine }

// Graph evaluates the program once and returns its resource graph, built
// by the plugins but not prepared (no automatic edges yet).
func (p *Program) Graph(ctx context.Context) (*runtime.Graph, error) {
	g, _, err := p.Changed(ctx)
	return g, err
}

// Changed evaluates the program again and returns its resource graph, or
// changed false (and no graph) when the evaluation declares exactly what
// the last one that gave a graph did: a source changed (the time, a file)
// without changing the graph, and the running graph stays as it is.
func (p *Program) Changed(ctx context.Context) (g *runtime.Graph, changed bool, err error) {
	out, err := p.engine.Eval(ctx)
	if err != nil {
		return nil, false, p.explain(err)
	}
	if p.last != nil && out.Equal(p.last) {
		return nil, false, nil
	}
	if g, err = langgraph.Build(out, p.kinds); err != nil {
		return nil, false, Invalid(err)
	}
	p.last = out
	return g, true, nil
}

// Exports are the resources the last graph exports (Meta:export).
func (p *Program) Exports() ([]etcd.Exported, error) { return Exports(p.last) }

// Forget drops the memory of the last graph, so that the next evaluation
// gives a graph even when it is the same (after a graph that could not be
// committed).
func (p *Program) Forget() { p.last = nil }

// explain wraps an error of the program with its source line.
func (p *Program) explain(err error) error {
	var e *eval.Error
	if errors.As(err, &e) {
		return &programError{err: err, explain: p.prog.Explain(err)}
	}
	return err
}
