// Package goproc is the SDK of process plugins written in Go: native
// executables that mgmt starts with hashicorp/go-plugin and talks to over
// gRPC (hostabi/proto). Kinds are written as for a wasm plugin, with
// sdk/go's Resource interface and params, and registered with this
// package's Register; main calls Serve. A kind whose resources implement
// Eventer has an event loop of its own (inotify, netlink, D-Bus signals),
// which the host runs through a streaming RPC.
//
// A process plugin is not sandboxed: it runs with mgmt's privileges and
// uses the OS directly (os.ReadFile, syscalls); the host imports of wasm
// plugins (Context.ReadFile and the like) answer "unsupported" here.
// Its log lines (Context.Log, or Logger) reach mgmt's log with the
// plugin's name.
package goproc

import (
	"context"
	"encoding"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/go-plugin"
	"github.com/mgmt-wasm/mgmt/hostabi"
	pluginpb "github.com/mgmt-wasm/mgmt/hostabi/proto"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Eventer is a Resource with an event loop of its own: Events runs for as
// long as the host watches the resource (until ctx is done), calling
// event whenever the resource's state may have changed. An error ends the
// stream; the host opens it again after a while.
type Eventer interface {
	Events(ctx context.Context, event func()) error
}

var (
	mu           sync.Mutex
	constructors = map[string]mgmt.Constructor{}
)

// Register adds a resource kind, as sdk/go's Register does, and keeps its
// constructor for the event streams.
func Register(info hostabi.KindInfo, new mgmt.Constructor) {
	mgmt.Register(info, new)
	mu.Lock()
	constructors[info.Kind] = new
	mu.Unlock()
}

// Logger is the plugin's logger: its lines go to stderr as JSON, which
// go-plugin reads and mgmt logs with the plugin's name.
var Logger = hclog.New(&hclog.LoggerOptions{Output: os.Stderr, JSONFormat: true, Level: hclog.Debug})

// Serve serves the registered kinds until the host stops the plugin. Run
// by hand (not by mgmt) it says so and exits with status 1.
func Serve() {
	mgmt.SetHost(host{})
	plugin.Serve(&plugin.ServeConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  pluginpb.ProtocolVersion,
			MagicCookieKey:   pluginpb.MagicCookieKey,
			MagicCookieValue: pluginpb.MagicCookieValue,
		},
		Plugins:    plugin.PluginSet{pluginpb.PluginName: &serverPlugin{}},
		GRPCServer: plugin.DefaultGRPCServer,
		Logger:     Logger,
	})
}

// host is sdk/go's Host in a process plugin.
type host struct{}

// Log logs through Logger.
func (host) Log(level hostabi.LogLevel, msg string) {
	switch {
	case level < hostabi.LogInfo:
		Logger.Debug(msg)
	case level < hostabi.LogWarn:
		Logger.Info(msg)
	case level < hostabi.LogError:
		Logger.Warn(msg)
	default:
		Logger.Error(msg)
	}
}

// Hostname is the OS's hostname.
func (host) Hostname() (string, error) { return os.Hostname() }

// TimeNow is the wall clock.
func (host) TimeNow() int64 { return time.Now().UnixNano() }

// Call refuses the wasm host imports: a process plugin uses the OS.
func (host) Call(name string, _ encoding.BinaryMarshaler, _ encoding.BinaryUnmarshaler) error {
	return &hostabi.ABIError{Code: hostabi.CodeUnsupported, Message: fmt.Sprintf("import %s: a process plugin uses the OS directly", name)}
}

// resource builds the resource a spec names, for its event stream.
func resource(spec *hostabi.ResourceSpec) (mgmt.Resource, error) {
	mu.Lock()
	new := constructors[spec.Kind]
	mu.Unlock()
	if new == nil {
		return nil, fmt.Errorf("no kind %q (register it with goproc.Register)", spec.Kind)
	}
	p, err := mgmt.ParamsOf(spec)
	if err != nil {
		return nil, err
	}
	return new(spec.Name, p)
}
