// Package unify is mcl's type phase: it infers the type of every
// expression of a scope-resolved program that can run, by unification over
// union-find type terms, and rejects the programs whose types do not agree.
package unify
