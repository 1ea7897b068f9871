package hostabi

import "errors"

// ErrSyntax is wrapped by every error that [ParseType] returns for malformed
// input.
var ErrSyntax = errors.New("syntax error")

// ErrType is wrapped by every error reporting that a value does not fit a
// type: a mistyped entry given to [NewMapValue], a document that [Convert]
// cannot turn into the requested type (including duplicate map keys), or a
// type that has no zero value in [Zero].
var ErrType = errors.New("type mismatch")
