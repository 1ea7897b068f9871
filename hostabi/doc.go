// Package hostabi is the contract shared by the mgmt-wasm engine, the mcl
// language and plugins: the mcl type system ([Type], [ParseType]), mcl
// values ([Value] and its implementations), their ordering ([Compare]), zero
// values ([Zero]) and conversion from generically decoded documents
// ([Convert], [ToGo]).
//
// The package depends on the standard library only and imports nothing else
// of this module, so that every other part of the project may depend on it.
//
// Types and values are immutable once built: functions of this package never
// modify a *Type or a Value they are given, and callers must not modify
// them after construction either, because they are freely shared (for
// example [TypeStr] is a single shared instance).
package hostabi
