package eval

import (
	"context"
	"errors"
	"sync"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/scope"
	"github.com/mgmt-wasm/mgmt/lang/unify"
)

// Options are what the engine needs besides the program.
type Options struct {
	// Registry gives the built-in variables and the resource kinds.
	Registry builtin.Registry
	// Caller runs the library functions that plugins provide; nil
	// means none are available.
	Caller builtin.Caller
	// Hostname is the value of $hostname and sys.hostname's fallback.
	Hostname string
	// DeployDir is the folder of the program's entry file or module, the
	// root that deploy.readfile and deploy.abspath resolve against.
	DeployDir string
	// VarDir is the folder under which local.vardir gives each namespace
	// a folder of its own.
	VarDir string
	// Values is the local value store of value.get and the value kind;
	// nil means an empty store.
	Values Values
	// World is the cluster of the world.* functions and of collect; nil
	// where there is none (their calls are then errors, and collect
	// finds nothing).
	World World
}

// Values is the local key-value store that value resources write and the
// value.get functions read.
type Values interface {
	// Get returns the value stored at key, whether there is one, and
	// what to watch to learn that it changed.
	Get(key string) (value string, ok bool, watches []hostabi.WatchSpec)
}

// Engine evaluates one compiled program, again and again as its sources
// change. It is not safe for concurrent use.
type Engine struct {
	prog  *scope.Program
	types *unify.Types
	opts  Options

	mu sync.Mutex
	// memo holds the results of library calls by call key; a stale entry
	// is called again at the next evaluation.
	memo map[string]*memoEntry
	gen  uint64

	// invalid are the keys Invalidate marked since the last Eval, under
	// their own lock so that a watch callback never waits for an
	// evaluation.
	invalidMu sync.Mutex
	invalid   map[string]bool
	// pending are the keys Invalidate marked whose call has not begun
	// since (under invalidMu): a change to such a source is seen by the
	// call to come, whenever it happened (see Pending).
	pending map[string]bool
}

// memoEntry is the result of one library call.
type memoEntry struct {
	val hostabi.Value
	// data is what a core read that is not a value keeps (the collected
	// resources).
	data    any
	err     error
	watches []hostabi.WatchSpec
	pure    bool
	stale   bool
	used    uint64
}

// New returns an engine for a program that passed the scope and type
// phases; types are what unify.CheckTypes returned.
func New(prog *scope.Program, types *unify.Types, opts Options) *Engine {
	return &Engine{prog: prog, types: types, opts: opts, memo: map[string]*memoEntry{}}
}

// Source is a streaming call the last evaluation depended on: the engine
// must evaluate again when one of its watches fires (see Invalidate).
type Source struct {
	// Key identifies the call.
	Key string
	// Watches are what to watch.
	Watches []hostabi.WatchSpec
}

// Eval evaluates the program once, with the current values of its sources,
// and returns the resource graph it declares, or the first runtime error
// (an *Error).
func (e *Engine) Eval(ctx context.Context) (out *Output, err error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.invalidMu.Lock()
	for k := range e.invalid {
		if m := e.memo[k]; m != nil {
			m.stale = true
		}
	}
	e.invalid = nil
	e.invalidMu.Unlock()
	e.gen++
	r := &run{e: e, ctx: ctx, modules: map[*scope.Scope]*frame{}, out: newBuilder()}
	if perr := try(func() {
		main := e.prog.Main
		r.block(r.moduleFrame(main.Scope), main.AST.Body)
	}); perr != nil {
		return nil, perr
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	// Forget the calls this evaluation did not make: their arguments
	// changed, or their branch is no longer live.
	e.invalidMu.Lock()
	for k, m := range e.memo {
		if m.used != e.gen {
			delete(e.memo, k)
			delete(e.pending, k)
		}
	}
	e.invalidMu.Unlock()
	return r.out.output()
}

// Sources returns the streaming calls of the last evaluation.
func (e *Engine) Sources() []Source {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []Source
	for k, m := range e.memo {
		if len(m.watches) > 0 {
			out = append(out, Source{Key: k, Watches: m.watches})
		}
	}
	return out
}

// Invalidate marks the call with key as changed: the next Eval calls it
// again. It never waits for an evaluation in progress.
func (e *Engine) Invalidate(key string) {
	e.invalidMu.Lock()
	defer e.invalidMu.Unlock()
	if e.invalid == nil {
		e.invalid = map[string]bool{}
	}
	if e.pending == nil {
		e.pending = map[string]bool{}
	}
	e.invalid[key] = true
	e.pending[key] = true
}

// Pending reports whether the call with key was invalidated and has not
// begun again since: whatever changed its source by now, the call to come
// reads. A watch that fires again while its call is pending needs no
// evaluation of its own.
func (e *Engine) Pending(key string) bool {
	e.invalidMu.Lock()
	defer e.invalidMu.Unlock()
	return e.pending[key]
}

// reading records that the call with key begins: a change to its source
// from now on needs another call (see Pending).
func (e *Engine) reading(key string) {
	e.invalidMu.Lock()
	delete(e.pending, key)
	e.invalidMu.Unlock()
}

// library runs a library function through the Caller, memoized by key.
func (r *run) library(key, name string, sig *hostabi.Type, args []hostabi.Value) (hostabi.Value, error) {
	e := r.e
	if m := e.memo[key]; m != nil && !m.stale {
		m.used = e.gen
		return m.val, m.err
	}
	if e.opts.Caller == nil {
		return nil, builtin.ErrNoFunc
	}
	e.reading(key)
	v, watches, err := e.opts.Caller.Call(r.ctx, name, sig, args)
	if errors.Is(err, context.Canceled) {
		return nil, err
	}
	e.memo[key] = &memoEntry{val: v, err: err, watches: watches, used: e.gen}
	return v, err
}

// run is the state of one evaluation.
type run struct {
	e       *Engine
	ctx     context.Context
	modules map[*scope.Scope]*frame
	out     *builder
	depth   int
}
