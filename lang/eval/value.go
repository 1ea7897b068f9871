package eval

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/scope"
)

// funcValue is a function as a value: a lambda or a StmtFunc with the frame
// it closes over, or a registry function. It implements hostabi.Value so it
// can sit in lists, maps and structs like any other value.
type funcValue struct {
	t *hostabi.Type
	// fn and frame are set for a lambda or a StmtFunc.
	fn    *ast.ExprFunc
	frame *frame
	// builtin is the registry name of a registry function.
	builtin string
}

var _ hostabi.Value = (*funcValue)(nil)

// Type returns the function's type (possibly with variables when the
// checker could not pin it down).
func (f *funcValue) Type() *hostabi.Type { return f.t }

// String describes the function.
func (f *funcValue) String() string {
	if f.builtin != "" {
		return "func " + f.builtin
	}
	return fmt.Sprintf("func at %s", f.fn.Pos())
}

// Equal reports whether v is the very same function.
func (f *funcValue) Equal(v hostabi.Value) bool {
	o, ok := v.(*funcValue)
	return ok && o.fn == f.fn && o.frame == f.frame && o.builtin == f.builtin
}

// frame is one instance of a static scope during an evaluation: a file's
// top level (once), a class body (once per include), a function's
// parameters (once per call), an if branch or a loop body. It holds the
// values of the scope's variables in that instance; binds are evaluated on
// first use, so statements are order-independent.
type frame struct {
	scope  *scope.Scope
	parent *frame
	vals   map[*scope.Decl]hostabi.Value
	// aliases are the class instances of the scope's `include ... as`.
	aliases map[*scope.Decl]*frame
	busy    map[*scope.Decl]bool
}

// newFrame returns an instance of s under parent.
func newFrame(s *scope.Scope, parent *frame) *frame {
	return &frame{scope: s, parent: parent, vals: map[*scope.Decl]hostabi.Value{}}
}

// typeOf returns the type of a value, tolerating nil.
func typeOf(v hostabi.Value) *hostabi.Type {
	if v == nil {
		return nil
	}
	return v.Type()
}

// variant is the type of a value whose type is not known statically.
var variant = &hostabi.Type{Kind: hostabi.KindVariant}

// concrete reports whether t is known and has no variables or variants.
func concrete(t *hostabi.Type) bool {
	if t == nil {
		return false
	}
	switch t.Kind {
	case hostabi.KindVar, hostabi.KindVariant:
		return false
	case hostabi.KindList:
		return concrete(t.Elem)
	case hostabi.KindMap:
		return concrete(t.Key) && concrete(t.Val)
	case hostabi.KindStruct:
		for _, f := range t.Fields {
			if !concrete(f.Type) {
				return false
			}
		}
	case hostabi.KindFunc:
		for _, f := range t.In {
			if !concrete(f.Type) {
				return false
			}
		}
		return concrete(t.Out)
	}
	return true
}

// newList builds a list of items, of type t when it is known, else of the
// items' type.
func newList(t *hostabi.Type, items []hostabi.Value) *hostabi.ListValue {
	if !concrete(t) || t.Kind != hostabi.KindList {
		elem := variant
		if len(items) > 0 {
			elem = items[0].Type()
		}
		t = hostabi.NewList(elem)
	}
	return &hostabi.ListValue{T: t, Items: items}
}

// newMap builds a map, of type t when it is known, else of the entries'
// types.
func newMap(t *hostabi.Type, keys, vals []hostabi.Value) (*hostabi.MapValue, error) {
	if !concrete(t) || t.Kind != hostabi.KindMap {
		k, v := variant, variant
		if len(keys) > 0 {
			k, v = keys[0].Type(), vals[0].Type()
		}
		t = hostabi.NewMap(k, v)
	}
	if t.Key.Kind == hostabi.KindVariant || t.Val.Kind == hostabi.KindVariant {
		return &hostabi.MapValue{T: t}, nil
	}
	return hostabi.NewMapValue(t, keys, vals)
}
