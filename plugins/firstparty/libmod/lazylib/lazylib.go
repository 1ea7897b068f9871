// Package lazylib is the first-party function library as the registry
// sees it: a registry.FuncSource whose functions are listed natively
// (libmod/libinfo, the list the library's module registers), so that the
// registry and the type checker know every name and signature without the
// module running, and whose module (firstparty.LibModule) is started when
// a program first calls one of them. A graph that calls no function never
// pays for the library's compiled code and instances.
package lazylib

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/libmod/libinfo"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// ErrClosed is returned by the calls made after Close.
var ErrClosed = errors.New("the function library is closed")

// Library is the function library: its native description and, once a
// function was called, its module on a host of its own.
type Library struct {
	cfg     wasmhost.Config
	imports []wasmhost.Import
	wasm    func() ([]byte, error)
	funcs   []hostabi.FuncInfo
	byName  map[string]bool

	mu      sync.Mutex
	started chan struct{} // nil until the first call; closed when the start ended
	closed  bool
	loads   int // starts begun (tests)
	// Set by start before it closes started, read after.
	host   *wasmhost.Host
	plugin *wasmres.Plugin
	err    error
}

// New describes the library natively. Its module will run on a host of
// cfg (firstparty.HostConfig: trusted, with the process environment and
// the trusted compilation cache) with the host imports imports, and with
// firstparty.LibGrants. An error in the library's own list (a signature
// that does not parse, a name listed twice) is an error of New.
func New(cfg wasmhost.Config, imports ...wasmhost.Import) (*Library, error) {
	return newLibrary(cfg, imports, firstparty.LibModule)
}

// newLibrary is New with the module's bytes from wasm.
func newLibrary(cfg wasmhost.Config, imports []wasmhost.Import, wasm func() ([]byte, error)) (*Library, error) {
	funcs, err := libinfo.Infos()
	if err != nil {
		return nil, fmt.Errorf("the function library: %w", err)
	}
	byName := make(map[string]bool, len(funcs))
	for _, f := range funcs {
		byName[f.Name] = true
	}
	return &Library{cfg: cfg, imports: imports, wasm: wasm, funcs: funcs, byName: byName}, nil
}

// Kinds is empty: the library provides functions only.
func (l *Library) Kinds() []string { return nil }

// Lookup finds no kind.
func (l *Library) Lookup(string) (*hostabi.KindInfo, bool) { return nil, false }

// New builds no resource: the library has no kinds.
func (l *Library) New(kind, _ string, _ map[string]hostabi.Value) (hostabi.Resource, error) {
	return nil, fmt.Errorf("the function library has no resource kind %q", kind)
}

// Funcs describes the library's functions, natively, in the library's
// order. It does not start the module.
func (l *Library) Funcs() []hostabi.FuncInfo { return slices.Clone(l.funcs) }

// Call runs a library function (see wasmres.Plugin.Call), starting the
// module on the first call: it is compiled (or taken from the
// compilation cache), loaded and described once, however many calls
// arrive together; a call whose ctx ends while it waits returns, and the
// start goes on for the others. A module whose description differs from
// the native list (built from other sources than this binary) fails to
// start, and so does every later call, as a start that failed otherwise.
func (l *Library) Call(ctx context.Context, name string, sig *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	if !l.byName[name] {
		return nil, nil, fmt.Errorf("the function library provides no function %q", name)
	}
	p, err := l.start(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("function %s: %w", name, err)
	}
	return p.Call(ctx, name, sig, args)
}

// Started reports whether a call has started the module (or tried to).
func (l *Library) Started() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.started != nil
}

// start returns the running module, starting it on the first call.
func (l *Library) start(ctx context.Context) (*wasmres.Plugin, error) {
	l.mu.Lock()
	if l.closed {
		l.mu.Unlock()
		return nil, ErrClosed
	}
	if l.started == nil {
		l.started = make(chan struct{})
		l.loads++
		go l.load(l.started)
	}
	started := l.started
	l.mu.Unlock()
	select {
	case <-started:
		return l.plugin, l.err
	case <-ctx.Done():
		return nil, fmt.Errorf("starting the function library: %w", ctx.Err())
	}
}

// load starts the module and closes done. It runs apart from the calls
// that wait for it, so that one of them giving up does not fail the
// others.
func (l *Library) load(done chan struct{}) {
	defer close(done)
	ctx := context.Background()
	host, p, err := l.loadModule(ctx)
	if err != nil {
		l.err = fmt.Errorf("starting the function library: %w", err)
		return
	}
	l.host, l.plugin = host, p
}

// loadModule makes the library's host and loads the module on it, with
// the library's grants, checking its description against the native one.
func (l *Library) loadModule(ctx context.Context) (*wasmhost.Host, *wasmres.Plugin, error) {
	wasm, err := l.wasm()
	if err != nil {
		return nil, nil, err
	}
	caps, err := hostabi.ParseCapabilities(firstparty.LibGrants)
	if err != nil {
		return nil, nil, fmt.Errorf("the library's grants: %w", err)
	}
	host, err := wasmhost.New(ctx, l.cfg, l.imports...)
	if err != nil {
		return nil, nil, err
	}
	p, err := loadPlugin(ctx, host, wasm, caps)
	if err == nil {
		if diff := libinfo.Diff(l.funcs, p.Funcs()); len(diff) > 0 {
			err = fmt.Errorf("the module %s does not hold this binary's library (rebuild mgmt with make): %s", firstparty.LibName, libinfo.Summary(diff, 5))
		}
	}
	if err != nil {
		host.Close(ctx)
		return nil, nil, err
	}
	return host, p, nil
}

// loadPlugin compiles and describes the module on host.
func loadPlugin(ctx context.Context, host *wasmhost.Host, wasm []byte, caps hostabi.Capabilities) (*wasmres.Plugin, error) {
	mod, err := host.Load(ctx, firstparty.LibName, wasm)
	if err != nil {
		return nil, err
	}
	// The library has no resources, so no path watch of the plugin's own:
	// the watches its functions return are the caller's to set up.
	return wasmres.Load(ctx, mod, nil, caps)
}

// Close closes the module's host if the module was started, after its
// start ended (it may be compiling). The calls made after Close fail
// with ErrClosed; the native description stays readable.
func (l *Library) Close(ctx context.Context) error {
	l.mu.Lock()
	l.closed = true
	started := l.started
	l.mu.Unlock()
	if started == nil {
		return nil
	}
	select {
	case <-started:
	case <-ctx.Done():
		return fmt.Errorf("closing the function library: %w", ctx.Err())
	}
	l.mu.Lock()
	host := l.host
	l.host = nil
	l.mu.Unlock()
	if host == nil {
		return nil
	}
	return host.Close(ctx)
}
