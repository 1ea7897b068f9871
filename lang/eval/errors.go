package eval

import (
	"errors"
	"fmt"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Error is a runtime error of a program, at a position in its source.
type Error struct {
	// Pos is where the failing expression or statement starts.
	Pos ast.Pos
	// Msg describes the problem.
	Msg string
	// Catchable says `<|>` may replace the failed value with its default
	// (a missing key, an index out of range, a division by zero, an error
	// of a library function); a panic is not catchable.
	Catchable bool
	// Err is the underlying error, if any.
	Err error
}

// Error formats the error as "file:line:col: runtime: message".
func (e *Error) Error() string { return fmt.Sprintf("%s: runtime: %s", e.Pos, e.Msg) }

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Position returns where the error is.
func (e *Error) Position() ast.Pos { return e.Pos }

// abort carries an error out of the evaluation.
type abort struct{ err *Error }

// fail stops the evaluation with a catchable error at n.
func fail(n ast.Node, err error) {
	var e *Error
	if errors.As(err, &e) {
		panic(abort{e})
	}
	panic(abort{&Error{Pos: n.Pos(), Msg: err.Error(), Catchable: true, Err: err}})
}

// failf stops the evaluation with a formatted catchable error at n.
func failf(n ast.Node, format string, args ...any) {
	fail(n, fmt.Errorf(format, args...))
}

// fatalf stops the evaluation with an error `<|>` does not catch.
func fatalf(n ast.Node, format string, args ...any) {
	panic(abort{&Error{Pos: n.Pos(), Msg: fmt.Sprintf(format, args...)}})
}

// try runs f and returns the error it stopped with, if any.
func try(f func()) (err *Error) {
	defer func() {
		if x := recover(); x != nil {
			a, ok := x.(abort)
			if !ok {
				panic(x)
			}
			err = a.err
		}
	}()
	f()
	return nil
}
