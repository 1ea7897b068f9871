package unify

import (
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/scope"
)

// Check type-checks prog.
func Check(prog *scope.Program, reg builtin.Registry) error { return nil }

// Error is a type error.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }
