// Package extismres runs plugins built with an Extism PDK: it loads the
// module through Extism's Go SDK (github.com/extism/go-sdk, itself on
// wazero) and gives wasmres the Module it needs, so an Extism plugin's
// kinds and functions are the same wasmres.Plugin, in the same registry,
// as a native plugin's. The ABI's verbs are Extism exports taking the bin1
// request as Extism input and returning the bin1 reply as output
// (docs/abi.md, "Extism plugins"); the plugin's grants become Extism's
// allowed paths and hosts, and the host's limits (memory pages, call
// deadline, pool size) are those of a native plugin.
package extismres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
	"github.com/tetratelabs/wazero/experimental/sysfs"
	"github.com/tetratelabs/wazero/sys"
)

// ConfigHostname is the Extism config key that carries the node's hostname
// (what the hostname import gives a native plugin).
const ConfigHostname = "mgmt.hostname"

// Config sets the limits and environment of Extism plugins; the zero
// value gives a native plugin's defaults.
type Config struct {
	// MemoryLimitMiB caps each instance's memory (default 64).
	MemoryLimitMiB uint32
	// CallTimeout is the deadline of every call (default 10s).
	CallTimeout time.Duration
	// PoolSize is the most instances kept (default 4).
	PoolSize int
	// CacheDir holds wazero's compilation cache; empty means none.
	CacheDir string
	// Hostname is given to the plugin as the config key mgmt.hostname.
	Hostname string
	// Log receives the plugin's log lines, with its name (nil: discarded).
	Log *slog.Logger
}

// Module is an Extism plugin with a pool of instances. It implements
// wasmres.Module.
type Module struct {
	name     string
	compiled *extism.CompiledPlugin
	exports  map[string]api.FunctionDefinition
	log      *slog.Logger
	timeout  time.Duration

	idle chan *extism.Plugin // instances ready for a call
	// fs is the file system the instances see (nil without fs grants).
	fs   experimentalsys.FS
	mu   sync.Mutex
	done bool

	calls, errs, restarts atomic.Int64
}

var _ wasmres.Module = (*Module)(nil)

// Load compiles an Extism module (one that imports from KernelModule)
// with the given grants mapped onto Extism's allowed paths and hosts.
func Load(ctx context.Context, name string, wasm []byte, cfg Config, granted hostabi.Capabilities) (*Module, error) {
	secs, err := ReadSections(wasm)
	if err != nil {
		return nil, fmt.Errorf("plugin %s: %w", name, err)
	}
	if !secs.IsExtism() {
		return nil, fmt.Errorf("plugin %s: not an Extism module (it imports nothing from %s)", name, KernelModule)
	}
	if cfg.MemoryLimitMiB == 0 {
		cfg.MemoryLimitMiB = 64
	}
	if cfg.CallTimeout == 0 {
		cfg.CallTimeout = 10 * time.Second
	}
	if cfg.PoolSize <= 0 {
		cfg.PoolSize = 4
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	hosts := allowedHosts(granted)
	pages := cfg.MemoryLimitMiB * 16 // 64 KiB pages
	manifest := extism.Manifest{
		Wasm:         []extism.Wasm{extism.WasmData{Data: wasm, Name: name}},
		Memory:       &extism.ManifestMemory{MaxPages: pages, MaxHttpResponseBytes: -1, MaxVarBytes: -1},
		Config:       map[string]string{ConfigHostname: cfg.Hostname},
		AllowedHosts: hosts,
		Timeout:      uint64(max(1, cfg.CallTimeout.Milliseconds())), // 0 would be none
	}
	rc := wazero.NewRuntimeConfigCompiler().WithCloseOnContextDone(true).WithMemoryLimitPages(pages)
	if cfg.CacheDir != "" {
		if err := os.MkdirAll(cfg.CacheDir, 0o700); err != nil {
			return nil, fmt.Errorf("compilation cache %s: %w", cfg.CacheDir, err)
		}
		cache, err := wazero.NewCompilationCacheWithDir(cfg.CacheDir)
		if err != nil {
			return nil, fmt.Errorf("compilation cache %s: %w", cfg.CacheDir, err)
		}
		rc = rc.WithCompilationCache(cache)
	}
	// Extism filters plugin log lines by one process-wide level; let
	// debug and above through (trace is Extism's own chatter, printed
	// before an instance has our logger) and leave the rest to slog.
	extism.SetLogLevel(extism.LogLevelDebug)
	compiled, err := extism.NewCompiledPlugin(ctx, manifest, extism.PluginConfig{RuntimeConfig: rc, EnableWasi: true}, nil)
	if err != nil {
		return nil, fmt.Errorf("plugin %s: extism: %w", name, err)
	}
	m := &Module{
		fs:       fsOf(granted),
		name:     name,
		compiled: compiled,
		exports:  map[string]api.FunctionDefinition{},
		log:      cfg.Log.With("plugin", name),
		timeout:  cfg.CallTimeout,
		idle:     make(chan *extism.Plugin, cfg.PoolSize),
	}
	for _, e := range secs.Exports {
		m.exports[e] = nil
	}
	// The kernel owns an Extism plugin's memory: the host never calls
	// the guest's alloc or dealloc, so they count as present.
	m.exports[hostabi.ExportAlloc] = nil
	m.exports[hostabi.ExportDealloc] = nil
	return m, nil
}

// fsOf is the WASI file system of a plugin granted granted: the host's,
// checked against the grants; nil when it has none of the file system.
func fsOf(granted hostabi.Capabilities) experimentalsys.FS {
	for _, c := range granted {
		if c.Kind == hostabi.CapFSRead || c.Kind == hostabi.CapFSWrite {
			return hostfuncs.WASIFS(granted)
		}
	}
	return nil
}

// allowedHosts is Extism's manifest's AllowedHosts for granted: net allows
// every host, and no net none. Files are not in the manifest (its
// directory mounts follow symlinks out of a grant): fsOf gives them.
func allowedHosts(granted hostabi.Capabilities) []string {
	for _, c := range granted {
		if c.Kind == hostabi.CapNet {
			return []string{"*"}
		}
	}
	return nil
}

// Name is the plugin's name.
func (m *Module) Name() string { return m.name }

// Exports lists the module's function exports, and alloc and dealloc,
// which Extism's kernel stands for (the definitions are nil).
func (m *Module) Exports() map[string]api.FunctionDefinition { return m.exports }

// Stats returns how many calls were made, how many failed, and how many
// instances were discarded after a failure.
func (m *Module) Stats() (calls, errs, restarts int64) {
	return m.calls.Load(), m.errs.Load(), m.restarts.Load()
}

// Invoke calls a plain export and returns its Extism return code, which
// for mgmt_abi_version is the ABI version. Arguments are not supported:
// Extism exports take none.
func (m *Module) Invoke(ctx context.Context, export string, args ...uint64) ([]uint64, error) {
	if len(args) > 0 {
		return nil, fmt.Errorf("plugin %s: %s: Extism exports take no arguments", m.name, export)
	}
	rc, _, err := m.call(ctx, export, nil)
	if err != nil {
		return nil, err
	}
	return []uint64{uint64(rc)}, nil
}

// CallMax calls a verb: req is the Extism input, the output is the
// response. A non-zero return code or an error the plugin set fails the
// call, and so does a response longer than maxResp.
func (m *Module) CallMax(ctx context.Context, verb string, req []byte, maxResp uint32) ([]byte, error) {
	rc, out, err := m.call(ctx, verb, req)
	if err != nil {
		return nil, err
	}
	if rc != 0 {
		m.errs.Add(1)
		return nil, fmt.Errorf("plugin %s: %s: Extism return code %d", m.name, verb, rc)
	}
	if uint64(len(out)) > uint64(maxResp) {
		m.errs.Add(1)
		return nil, fmt.Errorf("plugin %s: %s: %w: a response of %d bytes (at most %d)", m.name, verb, wasmhost.ErrLimit, len(out), maxResp)
	}
	return out, nil
}

// call runs one export on an instance from the pool. An instance whose
// call failed is closed, not returned: a trap or a timeout leaves it
// unusable, as in wasmhost.
func (m *Module) call(ctx context.Context, export string, input []byte) (uint32, []byte, error) {
	m.calls.Add(1)
	if _, ok := m.exports[export]; !ok {
		m.errs.Add(1)
		return 0, nil, fmt.Errorf("plugin %s: no export %q", m.name, export)
	}
	inst, err := m.get(ctx)
	if err != nil {
		m.errs.Add(1)
		return 0, nil, err
	}
	// Extism's manifest timeout has a resolution of 1 ms; the deadline
	// is the host's own, exactly.
	cctx, cancel := context.WithTimeout(ctx, m.timeout)
	defer cancel()
	rc, out, err := inst.CallWithContext(cctx, export, input)
	if err != nil {
		m.errs.Add(1)
		m.restarts.Add(1)
		inst.Close(context.Background())
		if ctx.Err() == nil && (cctx.Err() != nil || isTimeout(err)) {
			return 0, nil, fmt.Errorf("plugin %s: %s: %w: deadline of %s passed", m.name, export, wasmhost.ErrLimit, m.timeout)
		}
		return 0, nil, fmt.Errorf("plugin %s: %s: %w", m.name, export, err)
	}
	m.put(inst)
	return rc, out, nil
}

// isTimeout reports whether err is wazero's exit on a passed deadline.
func isTimeout(err error) bool {
	var exit interface{ ExitCode() uint32 }
	if errors.As(err, &exit) {
		return exit.ExitCode() == sys.ExitCodeDeadlineExceeded
	}
	return false
}

// get takes an idle instance or makes one.
func (m *Module) get(ctx context.Context) (*extism.Plugin, error) {
	m.mu.Lock()
	done := m.done
	m.mu.Unlock()
	if done {
		return nil, fmt.Errorf("plugin %s: closed", m.name)
	}
	select {
	case inst := <-m.idle:
		return inst, nil
	default:
	}
	mc := wazero.NewModuleConfig().WithSysWalltime().WithSysNanotime()
	if m.fs != nil {
		// Files through WASI, checked as the native imports check them
		// (hostfuncs.WASIFS): a symlink cannot lead out of a grant.
		mc = mc.WithFSConfig(wazero.NewFSConfig().(sysfs.FSConfig).WithSysFSMount(m.fs, "/"))
	}
	inst, err := m.compiled.Instance(ctx, extism.PluginInstanceConfig{ModuleConfig: mc})
	if err != nil {
		return nil, fmt.Errorf("plugin %s: instantiate: %w", m.name, err)
	}
	inst.SetLogger(m.logLine)
	return inst, nil
}

// put returns an instance to the pool, or closes it when the pool is full
// or the module closed.
func (m *Module) put(inst *extism.Plugin) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.done {
		select {
		case m.idle <- inst:
			return
		default:
		}
	}
	inst.Close(context.Background())
}

// logLine forwards a plugin log line to slog.
func (m *Module) logLine(level extism.LogLevel, msg string) {
	l := slog.LevelInfo
	switch level {
	case extism.LogLevelTrace, extism.LogLevelDebug:
		l = slog.LevelDebug
	case extism.LogLevelWarn:
		l = slog.LevelWarn
	case extism.LogLevelError:
		l = slog.LevelError
	}
	m.log.Log(context.Background(), l, msg)
}

// Close closes the idle instances and the compiled module.
func (m *Module) Close(ctx context.Context) error {
	m.mu.Lock()
	m.done = true
	m.mu.Unlock()
	for {
		select {
		case inst := <-m.idle:
			inst.Close(ctx)
		default:
			return m.compiled.Close(ctx)
		}
	}
}

// Describe loads an Extism module with no grants and returns what it says
// about itself (for install and inspect).
func Describe(ctx context.Context, name string, wasm []byte) (*hostabi.DescribeResponse, error) {
	m, err := Load(ctx, name, wasm, Config{PoolSize: 1}, nil)
	if err != nil {
		return nil, err
	}
	defer m.Close(ctx)
	p, err := wasmres.Load(ctx, m, nil, nil)
	if err != nil {
		return nil, err
	}
	return p.Description(), nil
}

func init() {
	wasmres.RegisterDescriber(func(ctx context.Context, name string, b []byte) (*hostabi.DescribeResponse, bool, error) {
		if s, err := ReadSections(b); err != nil || !s.IsExtism() {
			return nil, false, nil
		}
		desc, err := Describe(ctx, name, b)
		return desc, true, err
	})
}
