package unify

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Types are the types CheckTypes inferred for the program's expressions.
type Types struct {
	exprs map[ast.Expr]*hostabi.Type
}

// Of returns the type of e when it is the same every time e is evaluated
// and holds no type variable; otherwise (an expression inside a
// polymorphic function or a class included with arguments of different
// types, or one never checked) it returns nil, and the engine takes the
// type from the values.
func (t *Types) Of(e ast.Expr) *hostabi.Type {
	if t == nil {
		return nil
	}
	return t.exprs[e]
}

// record remembers the term of one check of e.
func (c *checker) record(e ast.Expr, t *Term) {
	if c.seen == nil {
		return
	}
	c.seen[e] = append(c.seen[e], t)
}

// types resolves the recorded terms once unification is done.
func (c *checker) types() *Types {
	out := &Types{exprs: make(map[ast.Expr]*hostabi.Type, len(c.seen))}
	for e, terms := range c.seen {
		var t *hostabi.Type
		for i, term := range terms {
			if hasVars(term) {
				t = nil
				break
			}
			u := toType(term)
			if i > 0 && !u.Equal(t) {
				t = nil
				break
			}
			t = u
		}
		if t != nil {
			out.exprs[e] = t
		}
	}
	return out
}
