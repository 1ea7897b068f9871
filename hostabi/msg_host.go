package hostabi

import "fmt"

// This file holds the messages of the log, exec and hostname host imports
// (docs/abi.md, "Host imports").

// LogLevel is a log level, numbered as log/slog numbers them.
type LogLevel int32

// The log levels. Other values are allowed and rounded down to the nearest
// of these by the host.
const (
	// LogDebug is shown only when the resource runs with debug on.
	LogDebug LogLevel = -4
	// LogInfo is the default level.
	LogInfo LogLevel = 0
	// LogWarn is a warning.
	LogWarn LogLevel = 4
	// LogError is an error that the guest handled itself.
	LogError LogLevel = 8
)

// String returns "debug", "info", "warn", "error" or "LogLevel(N)".
func (l LogLevel) String() string {
	switch l {
	case LogDebug:
		return "debug"
	case LogInfo:
		return "info"
	case LogWarn:
		return "warn"
	case LogError:
		return "error"
	}
	return fmt.Sprintf("LogLevel(%d)", int32(l))
}

// LogRequest is the request of the log import. It needs no capability;
// the host prefixes the line with the plugin and the resource or function
// being called.
type LogRequest struct {
	// Level is the level (tag 1, zigzag).
	Level LogLevel
	// Message is the line, without a trailing newline (tag 2).
	Message string
}

// ExecRequest is the request of the exec import (needs exec:<Path> or
// exec:*): run a program to completion, without a shell.
type ExecRequest struct {
	// Path is the program's absolute path (tag 1).
	Path string
	// Args are the arguments after argv[0], which is Path (tag 2,
	// repeated).
	Args []string
	// Env is the environment as "NAME=value" entries: the whole of it,
	// nothing inherited from the host, unless InheritEnv (tag 3,
	// repeated).
	Env []string
	// Dir is the working directory; "" means "/" (tag 4).
	Dir string
	// Stdin is the program's standard input (tag 5).
	Stdin []byte
	// TimeoutMS kills the program after this many milliseconds; 0 means
	// at the call's deadline (tag 6).
	TimeoutMS uint64
	// InheritEnv starts the environment from the host process's own, and
	// applies Env over it: an entry replaces an inherited one of the same
	// NAME (tag 7).
	InheritEnv bool
}

// ExecResponse is the response of the exec import. A program that ran and
// failed is a response with a nonzero ExitCode, not an error.
type ExecResponse struct {
	// ExitCode is the exit status, or -1 when a signal ended the program
	// (tag 1, zigzag).
	ExitCode int64
	// Stdout is the standard output, at most MaxStringLen bytes (tag 2).
	Stdout []byte
	// Stderr is the standard error, at most MaxStringLen bytes (tag 3).
	Stderr []byte
	// Truncated says Stdout or Stderr was cut at the limit (tag 4).
	Truncated bool
	// Signal names the signal that ended the program, in lower case as
	// the host's C library describes it: "killed" (SIGKILL, which is also
	// what a timeout sends), "terminated" (SIGTERM), "interrupt" (SIGINT)
	// (tag 5).
	Signal string
}

// HostnameRequest is the request of the hostname import. It has no fields;
// a guest passes ptr 0 and len 0.
type HostnameRequest struct{}

// HostnameResponse is the response of the hostname import.
type HostnameResponse struct {
	// Hostname is the node's hostname as mgmt knows it (tag 1).
	Hostname string
}

func (m *LogRequest) encode(e *Encoder) {
	e.intField(1, int64(m.Level))
	e.strField(2, m.Message)
}

func (m *LogRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		var l int64
		if err := f.signed(&l); err != nil {
			return err
		}
		if l != int64(int32(l)) {
			return f.fail(CodeMalformed, fmt.Sprintf("log level %d out of range", l))
		}
		m.Level = LogLevel(l)
		return nil
	case 2:
		return f.str(&m.Message)
	}
	return f.skip()
}

func (m *ExecRequest) encode(e *Encoder) {
	e.strField(1, m.Path)
	for _, a := range m.Args {
		e.strElem(2, a)
	}
	for _, v := range m.Env {
		e.strElem(3, v)
	}
	e.strField(4, m.Dir)
	e.bytesField(5, m.Stdin)
	e.uintField(6, m.TimeoutMS)
	e.boolField(7, m.InheritEnv)
}

func (m *ExecRequest) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.str(&m.Path)
	case 2:
		return f.strElem(&m.Args)
	case 3:
		return f.strElem(&m.Env)
	case 4:
		return f.str(&m.Dir)
	case 5:
		return f.bytes(&m.Stdin)
	case 6:
		return f.unsigned(&m.TimeoutMS, 1<<64-1)
	case 7:
		return f.boolean(&m.InheritEnv)
	}
	return f.skip()
}

func (m *ExecResponse) encode(e *Encoder) {
	e.intField(1, m.ExitCode)
	e.bytesField(2, m.Stdout)
	e.bytesField(3, m.Stderr)
	e.boolField(4, m.Truncated)
	e.strField(5, m.Signal)
}

func (m *ExecResponse) decodeField(f *field) error {
	switch f.tag {
	case 1:
		return f.signed(&m.ExitCode)
	case 2:
		return f.bytes(&m.Stdout)
	case 3:
		return f.bytes(&m.Stderr)
	case 4:
		return f.boolean(&m.Truncated)
	case 5:
		return f.str(&m.Signal)
	}
	return f.skip()
}

func (m *HostnameRequest) encode(*Encoder) {}

func (m *HostnameRequest) decodeField(f *field) error { return f.skip() }

func (m *HostnameResponse) encode(e *Encoder) { e.strField(1, m.Hostname) }

func (m *HostnameResponse) decodeField(f *field) error {
	if f.tag == 1 {
		return f.str(&m.Hostname)
	}
	return f.skip()
}
