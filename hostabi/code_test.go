package hostabi

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestCodeString(t *testing.T) {
	names := map[Code]string{
		CodeOK: "ok", CodeInternal: "internal", CodeMalformed: "malformed", CodeLimit: "limit",
		CodeUnsupported: "unsupported", CodeDenied: "denied", CodeInvalid: "invalid", CodeNotFound: "not_found",
		CodeExists: "exists", CodeNotDir: "not_dir", CodeIsDir: "is_dir", CodeNotEmpty: "not_empty",
		CodeIO: "io", CodeTimeout: "timeout", CodeMemory: "memory", CodeFailed: "failed", 16: "Code(16)",
	}
	for c, want := range names {
		if got := c.String(); got != want {
			t.Errorf("Code(%d).String() = %q, want %q", uint32(c), got, want)
		}
	}
	// The numbers are part of the ABI (docs/abi.md section 8).
	if CodeMalformed != 2 || CodeDenied != 5 || CodeNotFound != 7 || CodeMemory != 14 || CodeFailed != 15 {
		t.Error("error codes were renumbered")
	}
}

func TestABIError(t *testing.T) {
	e := &ABIError{Code: CodeInvalid, Message: "must be octal", Param: "mode"}
	if got := e.Error(); got != "invalid: param mode: must be octal" {
		t.Errorf("Error() = %q", got)
	}
	if got := (&ABIError{Code: CodeDenied}).Error(); got != "denied" {
		t.Errorf("Error() = %q", got)
	}
	wrapped := fmt.Errorf("context: %w", e)
	if !errors.Is(wrapped, ErrInvalid) || errors.Is(wrapped, ErrDenied) {
		t.Error("errors.Is does not match by code")
	}
	if errors.Is(wrapped, &ABIError{Code: CodeInvalid, Message: "other"}) {
		t.Error("errors.Is matches a target with a message")
	}
}

func TestCodeOf(t *testing.T) {
	tests := []struct {
		err  error
		want Code
	}{
		{nil, CodeOK},
		{fmt.Errorf("x: %w", &ABIError{Code: CodeLimit}), CodeLimit},
		{&fs.PathError{Op: "open", Path: "/x", Err: fs.ErrNotExist}, CodeNotFound},
		{fs.ErrExist, CodeExists},
		{fs.ErrPermission, CodeDenied},
		{context.DeadlineExceeded, CodeTimeout},
		{errors.New("boom"), CodeFailed},
		{&ABIError{}, CodeFailed},
	}
	for _, tt := range tests {
		if got := CodeOf(tt.err); got != tt.want {
			t.Errorf("CodeOf(%v) = %s, want %s", tt.err, got, tt.want)
		}
	}
}
