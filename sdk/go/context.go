package mgmt

import (
	"encoding"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Host is what the SDK needs from the host: its imports. In a wasm plugin
// it is the mgmt_v1 imports; natively it is a stand-in that logs to
// stderr, which tests may replace with [SetHost].
type Host interface {
	// Log writes one line to the resource's log (import log).
	Log(level hostabi.LogLevel, msg string)
	// Hostname returns the node's hostname (import hostname).
	Hostname() (string, error)
	// TimeNow returns the wall-clock time in Unix ns (import time_now).
	TimeNow() int64
	// Call calls another import by name (such as "fs_read") with req and
	// decodes its response into resp (nil when it has none). A failure is
	// an *hostabi.ABIError carrying the import's code.
	Call(name string, req encoding.BinaryMarshaler, resp encoding.BinaryUnmarshaler) error
}

// host is the Host every Context uses.
var host Host = nativeHost{}

// SetHost replaces the Host that contexts use and returns the previous
// one. It is meant for native unit tests of kinds; a wasm plugin uses the
// host's imports and need not call it.
func SetHost(h Host) Host {
	old := host
	host = h
	return old
}

// nativeHost stands in for the host outside wasm.
type nativeHost struct{}

func (nativeHost) Log(level hostabi.LogLevel, msg string) {
	fmt.Fprintf(os.Stderr, "%s: %s\n", level, msg)
}

func (nativeHost) Hostname() (string, error) { return os.Hostname() }

func (nativeHost) TimeNow() int64 { return time.Now().UnixNano() }

func (nativeHost) Call(name string, _ encoding.BinaryMarshaler, _ encoding.BinaryUnmarshaler) error {
	return &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: "import " + name + " is only available in wasm (see SetHost)"}
}

// Context is what a call knows besides the params: the resource, the
// call's flags and the host's imports.
type Context struct {
	req *hostabi.CheckRequest
}

// Kind returns the resource's kind.
func (c *Context) Kind() string { return c.req.Kind }

// Name returns the resource's name.
func (c *Context) Name() string { return c.req.Name }

// Refresh reports whether a refresh notification is pending.
func (c *Context) Refresh() bool { return c.req.Refresh }

// IsDebug reports whether the resource runs with debug logging.
func (c *Context) IsDebug() bool { return c.req.Debug }

// VarDir returns the resource's private directory for persistent state.
func (c *Context) VarDir() string { return c.req.VarDir }

// Group returns the resources grouped into this one. The slice and its
// specs are shared with later calls of the same request: read them only.
func (c *Context) Group() []hostabi.ResourceSpec { return c.req.Group }

// logf sends a formatted message to the host's log, one line per call as
// the log import wants.
func logf(level hostabi.LogLevel, format string, args ...any) {
	msg := strings.TrimRight(fmt.Sprintf(format, args...), "\n")
	for line := range strings.SplitSeq(msg, "\n") {
		host.Log(level, line)
	}
}

// Log writes a formatted message to the resource's log at level info.
func (c *Context) Log(format string, args ...any) { logf(hostabi.LogInfo, format, args...) }

// Warn writes a formatted message to the resource's log at level warn.
func (c *Context) Warn(format string, args ...any) { logf(hostabi.LogWarn, format, args...) }

// Debugf writes a formatted message at level debug, only when IsDebug.
func (c *Context) Debugf(format string, args ...any) {
	if c.req.Debug {
		logf(hostabi.LogDebug, format, args...)
	}
}

// Hostname returns the node's hostname as mgmt knows it.
func (c *Context) Hostname() (string, error) { return host.Hostname() }

// Now returns the host's wall-clock time.
func (c *Context) Now() time.Time { return time.Unix(0, host.TimeNow()) }
