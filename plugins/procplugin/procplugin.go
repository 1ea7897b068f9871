// Package procplugin runs process plugins: native executables that
// hashicorp/go-plugin starts and talks to over gRPC (AutoMTLS), with the
// protocol of hostabi/proto, whose verbs carry the ABI's bin1 messages.
// A Module is a wasmres.Module, so a process plugin's kinds are a
// wasmres.Plugin's like any other, plus a stream of events per resource
// (wasmres.Streamer) for kinds with an event loop of their own.
//
// The executable's sha256 is checked against the sum recorded at install
// at every launch (go-plugin's SecureConfig), so a binary replaced after
// install is refused, at load and at every restart. A plugin that exits
// or is killed is restarted with exponential backoff; meanwhile its
// resources' calls fail (the resources report errors, the rest of the
// graph runs on), and once it is back each resource's event stream fires,
// so the engine checks them again and they converge.
package procplugin

import (
	"bytes"
	"context"
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"github.com/hashicorp/go-plugin"
	"github.com/mgmt-wasm/mgmt/hostabi"
	pluginpb "github.com/mgmt-wasm/mgmt/hostabi/proto"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/tetratelabs/wazero/api"
	"google.golang.org/grpc"
)

// Handshake is what host and plugin must agree on before they talk.
var Handshake = plugin.HandshakeConfig{
	ProtocolVersion:  pluginpb.ProtocolVersion,
	MagicCookieKey:   pluginpb.MagicCookieKey,
	MagicCookieValue: pluginpb.MagicCookieValue,
}

// IsExecutable reports whether b starts like an ELF executable, which is
// how install and load tell a process plugin from a wasm module.
func IsExecutable(b []byte) bool { return bytes.HasPrefix(b, []byte(elf.ELFMAG)) }

// Config says which executable to run and how.
type Config struct {
	// Name is the plugin's name, for logs and errors.
	Name string
	// Path is the executable.
	Path string
	// SHA256 is the hex sum the executable must have at every launch.
	SHA256 string
	// Log receives go-plugin's and the plugin's log lines, with the
	// plugin's name (nil: discarded).
	Log *slog.Logger
	// CallTimeout is the deadline of every call (default 10s).
	CallTimeout time.Duration
	// MinBackoff and MaxBackoff bound the wait before a restart, which
	// doubles after each launch that fails (defaults 100ms and 10s).
	MinBackoff, MaxBackoff time.Duration
}

// Module is a running process plugin, restarted when it dies.
type Module struct {
	cfg  Config
	sum  []byte
	stop chan struct{}
	wg   sync.WaitGroup

	mu       sync.Mutex
	cur      *conn         // nil while the plugin is down
	up       chan struct{} // closed when the next conn is up
	closed   bool
	restarts int
}

var (
	_ wasmres.Module   = (*Module)(nil)
	_ wasmres.Streamer = (*Module)(nil)
)

// conn is one launch of the plugin.
type conn struct {
	client *plugin.Client
	rpc    pluginpb.PluginClient
	info   *pluginpb.InfoResponse
}

// Start launches the plugin (refusing an executable whose sum is not
// cfg.SHA256) and asks who it is; then it keeps it running until Close.
func Start(ctx context.Context, cfg Config) (*Module, error) {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.CallTimeout == 0 {
		cfg.CallTimeout = 10 * time.Second
	}
	if cfg.MinBackoff == 0 {
		cfg.MinBackoff = 100 * time.Millisecond
	}
	if cfg.MaxBackoff == 0 {
		cfg.MaxBackoff = 10 * time.Second
	}
	sum, err := hex.DecodeString(cfg.SHA256)
	if err != nil || len(sum) != sha256.Size {
		return nil, fmt.Errorf("plugin %s: %q is not a sha256 sum", cfg.Name, cfg.SHA256)
	}
	m := &Module{cfg: cfg, sum: sum, stop: make(chan struct{}), up: make(chan struct{})}
	c, err := m.launch(ctx)
	if err != nil {
		return nil, err
	}
	m.cur = c
	close(m.up)
	m.wg.Add(1)
	go m.supervise(c)
	return m, nil
}

// launch starts the executable and connects to it.
func (m *Module) launch(ctx context.Context) (*conn, error) {
	cmd := exec.Command(m.cfg.Path)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH")}
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig:  Handshake,
		Plugins:          plugin.PluginSet{pluginpb.PluginName: &clientPlugin{}},
		Cmd:              cmd,
		SkipHostEnv:      true,
		SecureConfig:     &plugin.SecureConfig{Checksum: m.sum, Hash: sha256.New()},
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		AutoMTLS:         true,
		Logger:           hclogger(m.cfg.Log, m.cfg.Name),
		StartTimeout:     m.cfg.CallTimeout,
	})
	fail := func(err error) (*conn, error) {
		client.Kill()
		if errors.Is(err, plugin.ErrChecksumsDoNotMatch) {
			return nil, fmt.Errorf("plugin %s: %s: %w: refused (its sha256 is not the one recorded at install)", m.cfg.Name, m.cfg.Path, err)
		}
		return nil, fmt.Errorf("plugin %s: start %s: %w", m.cfg.Name, m.cfg.Path, err)
	}
	proto, err := client.Client()
	if err != nil {
		return fail(err)
	}
	raw, err := proto.Dispense(pluginpb.PluginName)
	if err != nil {
		return fail(err)
	}
	rpc, ok := raw.(pluginpb.PluginClient)
	if !ok {
		return fail(fmt.Errorf("dispensed a %T", raw))
	}
	ctx, cancel := context.WithTimeout(ctx, m.cfg.CallTimeout)
	defer cancel()
	info, err := rpc.Info(ctx, &pluginpb.InfoRequest{})
	if err != nil {
		return fail(fmt.Errorf("info: %w", err))
	}
	m.cfg.Log.Info("process plugin started", "plugin", m.cfg.Name, "pid", info.Pid)
	return &conn{client: client, rpc: rpc, info: info}, nil
}

// supervise waits for the running plugin to exit and restarts it, with
// exponential backoff between failed launches, until Close.
func (m *Module) supervise(c *conn) {
	defer m.wg.Done()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		for !c.client.Exited() {
			select {
			case <-m.stop:
				c.client.Kill()
				return
			case <-tick.C:
			}
		}
		m.mu.Lock()
		m.cur = nil
		m.up = make(chan struct{})
		m.mu.Unlock()
		m.cfg.Log.Warn("process plugin exited; restarting it", "plugin", m.cfg.Name, "pid", c.info.Pid)
		backoff := m.cfg.MinBackoff
		for {
			select {
			case <-m.stop:
				return
			case <-time.After(backoff):
			}
			next, err := m.launch(context.Background())
			if err == nil {
				c = next
				break
			}
			m.cfg.Log.Error("process plugin restart failed", "plugin", m.cfg.Name, "err", err, "retry_in", 2*backoff)
			backoff = min(2*backoff, m.cfg.MaxBackoff)
		}
		m.mu.Lock()
		if m.closed {
			m.mu.Unlock()
			c.client.Kill()
			return
		}
		m.cur = c
		m.restarts++
		close(m.up)
		m.mu.Unlock()
	}
}

// current returns the running conn, or nil and a channel closed when one
// is up again.
func (m *Module) current() (*conn, <-chan struct{}) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.cur, m.up
}

// Pid is the process id of the running plugin, 0 while it is down.
func (m *Module) Pid() int {
	c, _ := m.current()
	if c == nil {
		return 0
	}
	return int(c.info.Pid)
}

// Restarts counts the restarts so far.
func (m *Module) Restarts() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.restarts
}

// Name is the plugin's name.
func (m *Module) Name() string { return m.cfg.Name }

// Exports lists the verbs the plugin serves (with mgmt_abi_version, alloc
// and dealloc, which the protocol stands for; the definitions are nil).
func (m *Module) Exports() map[string]api.FunctionDefinition {
	out := map[string]api.FunctionDefinition{hostabi.ExportVersion: nil, hostabi.ExportAlloc: nil, hostabi.ExportDealloc: nil}
	m.mu.Lock()
	c := m.cur
	m.mu.Unlock()
	if c != nil {
		for _, v := range c.info.Verbs {
			out[v] = nil
		}
	}
	return out
}

// errDown is the error of a call while the plugin is being restarted.
func (m *Module) errDown() error {
	return fmt.Errorf("plugin %s: the process is not running (it exited and is being restarted)", m.cfg.Name)
}

// Invoke answers mgmt_abi_version with the version the plugin reported;
// process plugins have no other plain exports.
func (m *Module) Invoke(_ context.Context, export string, _ ...uint64) ([]uint64, error) {
	c, _ := m.current()
	if c == nil {
		return nil, m.errDown()
	}
	if export != hostabi.ExportVersion {
		return nil, fmt.Errorf("plugin %s: no plain export %q in a process plugin", m.cfg.Name, export)
	}
	return []uint64{uint64(uint32(c.info.AbiVersion))}, nil
}

// CallMax calls a verb with its bin1 request and returns the response of
// at most maxResp bytes.
func (m *Module) CallMax(ctx context.Context, verb string, req []byte, maxResp uint32) ([]byte, error) {
	c, _ := m.current()
	if c == nil {
		return nil, m.errDown()
	}
	ctx, cancel := context.WithTimeout(ctx, m.cfg.CallTimeout)
	defer cancel()
	fn := verbs[verb]
	if fn == nil {
		return nil, fmt.Errorf("plugin %s: unknown verb %q", m.cfg.Name, verb)
	}
	resp, err := fn(c.rpc, ctx, &pluginpb.Bin1{Data: req}, grpc.MaxCallRecvMsgSize(int(min(maxResp, hostabi.MaxMessageSize))+1024))
	if err != nil {
		if c.client.Exited() {
			return nil, fmt.Errorf("plugin %s: %s: the process exited: %w", m.cfg.Name, verb, err)
		}
		return nil, fmt.Errorf("plugin %s: %s: %w", m.cfg.Name, verb, err)
	}
	if uint64(len(resp.Data)) > uint64(maxResp) {
		return nil, fmt.Errorf("plugin %s: %s: a response of %d bytes (at most %d)", m.cfg.Name, verb, len(resp.Data), maxResp)
	}
	return resp.Data, nil
}

// verbs maps each verb onto its RPC.
var verbs = map[string]func(pluginpb.PluginClient, context.Context, *pluginpb.Bin1, ...grpc.CallOption) (*pluginpb.Bin1, error){
	hostabi.VerbDescribe:  pluginpb.PluginClient.Describe,
	hostabi.VerbValidate:  pluginpb.PluginClient.Validate,
	hostabi.VerbWatch:     pluginpb.PluginClient.Watch,
	hostabi.VerbCheck:     pluginpb.PluginClient.Check,
	hostabi.VerbApply:     pluginpb.PluginClient.Apply,
	hostabi.VerbAutoEdges: pluginpb.PluginClient.AutoEdges,
	hostabi.VerbReverse:   pluginpb.PluginClient.Reverse,
	hostabi.VerbCall:      pluginpb.PluginClient.Call,
	hostabi.VerbInfer:     pluginpb.PluginClient.Infer,
}

// Stream keeps a resource's event stream open across restarts: each event
// the plugin sends calls event, and so does every restart, because the
// state may have changed while the plugin was down (and a resource that
// failed meanwhile needs a change to be tried again).
func (m *Module) Stream(ctx context.Context, spec []byte, event func()) (func(), error) {
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		var last *conn
		for ctx.Err() == nil {
			c, up := m.current()
			if c == nil {
				select {
				case <-up:
					continue
				case <-ctx.Done():
					return
				}
			}
			if last != nil && c != last {
				event() // restarted: check again
			}
			last = c
			s, err := c.rpc.Events(ctx, &pluginpb.Bin1{Data: spec})
			for err == nil {
				if _, err = s.Recv(); err == nil {
					event()
				}
			}
			if ctx.Err() != nil {
				return
			}
			// The stream broke: wait for the plugin to be replaced (or
			// retry this one after a while, if it still runs).
			select {
			case <-ctx.Done():
				return
			case <-time.After(m.cfg.MinBackoff):
			}
		}
	}()
	return cancel, nil
}

// Close stops the plugin and its supervisor.
func (m *Module) Close() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	m.mu.Unlock()
	close(m.stop)
	m.wg.Wait()
	return nil
}

// Describe launches the executable at path (its sum is taken now) and
// returns what it says about itself, for install and inspect.
func Describe(ctx context.Context, name, path string) (*hostabi.DescribeResponse, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	m, err := Start(ctx, Config{Name: name, Path: path, SHA256: hex.EncodeToString(sum[:])})
	if err != nil {
		return nil, err
	}
	defer m.Close()
	p, err := wasmres.Load(ctx, m, nil, nil)
	if err != nil {
		return nil, err
	}
	return p.Description(), nil
}

func init() {
	wasmres.RegisterDescriber(describeBytes)
}

// describeBytes describes an executable given as bytes (what install and
// inspect have): it runs a private copy of it.
func describeBytes(ctx context.Context, name string, b []byte) (*hostabi.DescribeResponse, bool, error) {
	if !IsExecutable(b) {
		return nil, false, nil
	}
	dir, err := os.MkdirTemp("", "mgmt-describe-")
	if err != nil {
		return nil, true, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "plugin")
	if err := os.WriteFile(path, b, 0o700); err != nil {
		return nil, true, err
	}
	desc, err := Describe(ctx, name, path)
	return desc, true, err
}
