package unify

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// pending is a constraint that needs more type information than
// unification has found so far: a struct field lookup before the struct's
// type is known, an operator's operand kinds, a function whose type an
// infer hook computes. try reports whether it is settled (and may unify).
type pending struct {
	at   ast.Node
	what string
	try  func() (bool, error)
}

// later settles a constraint now if it can, or keeps it for settle.
func (c *checker) later(at ast.Node, what string, try func() (bool, error)) {
	done, err := try()
	if err != nil {
		c.fail(at, err)
	}
	if !done {
		c.pending = append(c.pending, &pending{at: at, what: what, try: try})
	}
}

// settle retries the pending constraints until none makes progress, and
// fails on the first that never settles: its types are ambiguous.
func (c *checker) settle() {
	for progress := true; progress && len(c.pending) > 0; {
		progress = false
		keep := c.pending[:0]
		for _, p := range c.pending {
			done, err := p.try()
			if err != nil {
				c.fail(p.at, err)
			}
			if done {
				progress = true
			} else {
				keep = append(keep, p)
			}
		}
		c.pending = keep
	}
	if len(c.pending) > 0 {
		p := c.pending[0]
		c.failf(p.at, "ambiguous type: cannot tell the type of %s", p.what)
	}
	for _, p := range c.final {
		if done, _ := p.try(); !done {
			c.failf(p.at, "ambiguous type: cannot tell the type of %s", p.what)
		}
	}
}

// kindIn constrains t to be of one of the kinds (once it is known).
func (c *checker) kindIn(at ast.Node, what string, t *Term, kinds ...hostabi.Kind) {
	c.later(at, what, func() (bool, error) {
		r := find(t)
		if r.kind == hostabi.KindVar {
			return false, nil
		}
		for _, k := range kinds {
			if r.kind == k {
				return true, nil
			}
		}
		return false, fmt.Errorf("type error: %s cannot be %s", what, r)
	})
}

// hashable constrains t to be a map key type: no list, map or func in it.
func (c *checker) hashable(at ast.Node, t *Term) {
	c.later(at, "the map's keys", func() (bool, error) {
		ok, known := isHashable(t)
		if !ok {
			return false, fmt.Errorf("map key type %s is not hashable", t)
		}
		return known, nil
	})
}

// isHashable reports whether t can be a map key, and whether that is
// known yet.
func isHashable(t *Term) (ok, known bool) {
	t = find(t)
	switch t.kind {
	case hostabi.KindVar:
		return true, false
	case hostabi.KindList, hostabi.KindMap, hostabi.KindFunc:
		return false, true
	case hostabi.KindStruct:
		known = true
		for _, a := range t.args {
			o, k := isHashable(a)
			if !o {
				return false, true
			}
			known = known && k
		}
		return true, known
	}
	return true, true
}

// resolved requires t to hold no variable once everything else is settled
// (a polymorphic function must end up with one type per call).
func (c *checker) resolved(at ast.Node, what string, t *Term) {
	c.final = append(c.final, &pending{at: at, what: what, try: func() (bool, error) { return !hasVars(t), nil }})
}
