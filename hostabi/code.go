package hostabi

import (
	"context"
	"errors"
	"io/fs"
	"strconv"
)

// Code is an ABI error code. Host imports return it negated; responses
// carry it in their error field. Values are fixed by docs/abi.md and are
// never renumbered; new codes may be added in v1, so treat an unknown code
// as [CodeFailed].
type Code uint32

// The v1 error codes.
const (
	// CodeOK is success. It never appears in an error.
	CodeOK Code = 0
	// CodeInternal is a bug in the host or the guest.
	CodeInternal Code = 1
	// CodeMalformed: a message could not be decoded (truncated,
	// non-canonical, wrong wire type, a value not matching its type).
	CodeMalformed Code = 2
	// CodeLimit: a size, length or depth limit was exceeded.
	CodeLimit Code = 3
	// CodeUnsupported: an unknown verb, import, version, encoding, watch
	// kind or capability.
	CodeUnsupported Code = 4
	// CodeDenied: a capability check, or the operating system, refused.
	CodeDenied Code = 5
	// CodeInvalid: a well-formed request with invalid content, such as a
	// bad param or a relative path.
	CodeInvalid Code = 6
	// CodeNotFound: the file or object does not exist.
	CodeNotFound Code = 7
	// CodeExists: the file or object already exists.
	CodeExists Code = 8
	// CodeNotDir: a path component is not a directory.
	CodeNotDir Code = 9
	// CodeIsDir: the path is a directory where a file was expected.
	CodeIsDir Code = 10
	// CodeNotEmpty: a directory is not empty.
	CodeNotEmpty Code = 11
	// CodeIO: another operating system or I/O failure.
	CodeIO Code = 12
	// CodeTimeout: the call's deadline passed.
	CodeTimeout Code = 13
	// CodeMemory: guest alloc failed, or a pointer and length lie outside
	// guest memory.
	CodeMemory Code = 14
	// CodeFailed: the operation failed for a reason of its own.
	CodeFailed Code = 15
)

// codeNames are the names of the known codes, as docs/abi.md spells them.
var codeNames = [...]string{
	CodeOK:          "ok",
	CodeInternal:    "internal",
	CodeMalformed:   "malformed",
	CodeLimit:       "limit",
	CodeUnsupported: "unsupported",
	CodeDenied:      "denied",
	CodeInvalid:     "invalid",
	CodeNotFound:    "not_found",
	CodeExists:      "exists",
	CodeNotDir:      "not_dir",
	CodeIsDir:       "is_dir",
	CodeNotEmpty:    "not_empty",
	CodeIO:          "io",
	CodeTimeout:     "timeout",
	CodeMemory:      "memory",
	CodeFailed:      "failed",
}

// String returns the code's name, such as "not_found", or "Code(N)" for a
// code this package does not know.
func (c Code) String() string {
	if int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "Code(" + strconv.FormatUint(uint64(c), 10) + ")"
}

// ABIError is an error that crosses the ABI: the error field of a verb
// response, or (by Code alone) a host import's negative return.
type ABIError struct {
	// Code classifies the error; it is never CodeOK.
	Code Code
	// Message is for humans.
	Message string
	// Param names the resource param the error is about, if any.
	Param string
}

// Error returns "code: message", with the param when there is one.
func (e *ABIError) Error() string {
	s := e.Code.String()
	if e.Param != "" {
		s += ": param " + e.Param
	}
	if e.Message != "" {
		s += ": " + e.Message
	}
	return s
}

// Is reports whether target is an *ABIError with the same code and no
// message or param, so that errors.Is(err, &ABIError{Code: CodeDenied}) and
// errors.Is(err, ErrMalformed) test for a code.
func (e *ABIError) Is(target error) bool {
	t, ok := target.(*ABIError)
	return ok && t.Message == "" && t.Param == "" && t.Code == e.Code
}

// Sentinels for errors.Is, one per code that decoders and hosts commonly
// test for.
var (
	// ErrMalformed matches every error with CodeMalformed.
	ErrMalformed error = &ABIError{Code: CodeMalformed}
	// ErrLimit matches every error with CodeLimit.
	ErrLimit error = &ABIError{Code: CodeLimit}
	// ErrUnsupported matches every error with CodeUnsupported.
	ErrUnsupported error = &ABIError{Code: CodeUnsupported}
	// ErrDenied matches every error with CodeDenied.
	ErrDenied error = &ABIError{Code: CodeDenied}
	// ErrInvalid matches every error with CodeInvalid.
	ErrInvalid error = &ABIError{Code: CodeInvalid}
)

// CodeOf classifies err for the ABI: the code of the first *ABIError in its
// chain; otherwise CodeNotFound, CodeExists or CodeDenied for the io/fs
// sentinels, CodeTimeout for a passed deadline; CodeOK for nil; and
// CodeFailed for anything else.
func CodeOf(err error) Code {
	var ae *ABIError
	switch {
	case err == nil:
		return CodeOK
	case errors.As(err, &ae) && ae.Code != CodeOK:
		return ae.Code
	case errors.Is(err, fs.ErrNotExist):
		return CodeNotFound
	case errors.Is(err, fs.ErrExist):
		return CodeExists
	case errors.Is(err, fs.ErrPermission):
		return CodeDenied
	case errors.Is(err, context.DeadlineExceeded):
		return CodeTimeout
	}
	return CodeFailed
}

// newError builds an *ABIError from a code and a message.
func newError(c Code, msg string) *ABIError {
	return &ABIError{Code: c, Message: msg}
}
