package unify

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/scope"
)

// Error is a type error at a position in the source.
type Error struct {
	// Span is the range of the offending node; its start is the error's
	// position.
	Span ast.Span
	// Msg describes the problem.
	Msg string
	// Err is the underlying error, if any.
	Err error
}

// Error formats the error as "file:line:col: type: message".
func (e *Error) Error() string { return fmt.Sprintf("%s: type: %s", e.Span.StartPos, e.Msg) }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Position returns where the error is.
func (e *Error) Position() ast.Pos { return e.Span.StartPos }

// checker holds the state of one Check.
type checker struct {
	prog    *scope.Program
	reg     builtin.Registry
	pending []*pending
	// final are checks made once everything is settled.
	final   []*pending
	modules map[*scope.Scope]*frame
	kinds   map[string]*hostabi.KindInfo
	params  map[*hostabi.Type]*Term
	nvars   int
	// seen are the terms of each checked expression, one per time it
	// was checked (a class included twice, a function called twice).
	seen map[ast.Expr][]*Term
}

// abort carries the first error out of the checker.
type abort struct{ err *Error }

// fail stops the checker with an error at n.
func (c *checker) fail(n ast.Node, err error) {
	var e *Error
	if errors.As(err, &e) {
		panic(abort{e})
	}
	panic(abort{&Error{Span: ast.Span{StartPos: n.Pos(), EndPos: n.End()}, Msg: err.Error(), Err: err}})
}

// failf stops the checker with a formatted error at n.
func (c *checker) failf(n ast.Node, format string, args ...any) {
	c.fail(n, fmt.Errorf(format, args...))
}

// unify unifies a and b, failing at n when they differ.
func (c *checker) unify(n ast.Node, a, b *Term) {
	if err := unify(a, b); err != nil {
		c.fail(n, err)
	}
}

// fresh returns a new type variable.
func (c *checker) fresh() *Term {
	c.nvars++
	return &Term{kind: hostabi.KindVar, id: c.nvars}
}

// Check infers the types of prog, the output of the scope phase, with reg
// for the registry's functions and resource kinds, and returns the first
// type error, an *Error. As upstream does, it checks what can run: the
// statements of the entry file, the classes it includes (once per include,
// so a class may be included with arguments of different types), the
// functions it calls (once per call: a function is polymorphic) and the
// variables those use; an unused variable is not checked.
func Check(prog *scope.Program, reg builtin.Registry) error {
	_, err := check(prog, reg, false)
	return err
}

// CheckTypes is Check that also returns the types it inferred, for the
// function engine.
func CheckTypes(prog *scope.Program, reg builtin.Registry) (*Types, error) {
	return check(prog, reg, true)
}

// check is Check, recording the types of expressions when withTypes.
func check(prog *scope.Program, reg builtin.Registry, withTypes bool) (types *Types, err error) {
	c := &checker{
		prog:    prog,
		reg:     reg,
		modules: map[*scope.Scope]*frame{},
		kinds:   map[string]*hostabi.KindInfo{},
		params:  map[*hostabi.Type]*Term{},
	}
	defer func() {
		if x := recover(); x != nil {
			a, ok := x.(abort)
			if !ok {
				panic(x)
			}
			err = a.err
		}
	}()
	if withTypes {
		c.seen = map[ast.Expr][]*Term{}
	}
	main := prog.Main
	c.block(c.moduleFrame(main.Scope), main.AST.Body)
	c.settle()
	if !withTypes {
		return nil, nil
	}
	return c.types(), nil
}
