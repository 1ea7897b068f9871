// Package eval is mcl's function engine: it runs a scope-resolved,
// type-checked program and produces, for each complete set of values, the
// resource graph the program declares (an [Output]).
//
// A program is compiled once (parse, scope, types); afterwards only values
// flow. The engine evaluates the program as a function of its sources: the
// streaming functions (os.readfile, datetime.now, ...), whose values change
// by themselves. Each evaluation reads one snapshot of every source, so it
// is glitch-free by construction: no output ever mixes an old value of one
// source with a new value of another. When a source changes, the engine
// evaluates again; calls of library functions are memoized by their
// arguments, so only the calls whose inputs changed reach the plugins, and
// only the live branch of an if, and one body per element of a for loop, is
// evaluated (see docs/architecture.md, "The function engine").
package eval
