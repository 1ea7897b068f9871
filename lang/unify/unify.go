package unify

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// unify makes a and b the same type, or says why they cannot be.
func unify(a, b *Term) error {
	a, b = find(a), find(b)
	if a == b {
		return nil
	}
	if a.kind == hostabi.KindVar || b.kind == hostabi.KindVar {
		if a.kind != hostabi.KindVar {
			a, b = b, a
		}
		if b.kind != hostabi.KindVar && occurs(a, b) {
			return fmt.Errorf("type error: %s would contain itself (%s)", a, b)
		}
		a.link = b
		return nil
	}
	if a.kind == hostabi.KindVariant || b.kind == hostabi.KindVariant {
		return nil
	}
	if a.kind != b.kind {
		return fmt.Errorf("type error: %s != %s", a, b)
	}
	switch a.kind {
	case hostabi.KindList:
		return wrap(a, b, unify(a.elem, b.elem))
	case hostabi.KindMap:
		if err := unify(a.key, b.key); err != nil {
			return wrap(a, b, err)
		}
		return wrap(a, b, unify(a.val, b.val))
	case hostabi.KindStruct:
		if len(a.names) != len(b.names) {
			return fmt.Errorf("type error: struct field count differs: %s != %s", a, b)
		}
		for i := range a.names {
			if a.names[i] != b.names[i] {
				return fmt.Errorf("type error: struct field names differ (%s, %s): %s != %s", a.names[i], b.names[i], a, b)
			}
			if err := unify(a.args[i], b.args[i]); err != nil {
				return wrap(a, b, err)
			}
		}
	case hostabi.KindFunc:
		if len(a.args) != len(b.args) {
			return fmt.Errorf("type error: func arg count differs (%d != %d): %s != %s", len(a.args), len(b.args), a, b)
		}
		for i := range a.args {
			if err := unify(a.args[i], b.args[i]); err != nil {
				return wrap(a, b, err)
			}
		}
		return wrap(a, b, unify(a.out, b.out))
	}
	return nil
}

// wrap adds the enclosing types to an error of a nested unification.
func wrap(a, b *Term, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w (in %s != %s)", err, a, b)
}

// occurs reports whether the variable v occurs in t.
func occurs(v, t *Term) bool {
	t = find(t)
	if t == v {
		return true
	}
	switch t.kind {
	case hostabi.KindList:
		return occurs(v, t.elem)
	case hostabi.KindMap:
		return occurs(v, t.key) || occurs(v, t.val)
	case hostabi.KindStruct:
		for _, a := range t.args {
			if occurs(v, a) {
				return true
			}
		}
	case hostabi.KindFunc:
		for _, a := range t.args {
			if occurs(v, a) {
				return true
			}
		}
		return occurs(v, t.out)
	}
	return false
}
