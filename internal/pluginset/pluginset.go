// Package pluginset loads every plugin mgmt has into one registry of
// resource kinds and functions: the first-party plugin embedded in the
// binary, on a trusted host; the first-party function library, listed
// natively and started on a trusted host of its own when a program first
// calls one of its functions (lazylib); and the installed plugins, on a
// sandboxed host (each verified against the sum recorded at install and
// its signature, if it has one or one is required, and given only its
// grants). `mgmt run` and `mgmt check` both use it, so both see the same
// kinds and functions.
package pluginset

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/libmod/lazylib"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/trust"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// A plugin's functions join the registry with its kinds (registry.Add),
// and so do the library's.
var (
	_ registry.FuncSource = (*wasmres.Plugin)(nil)
	_ registry.FuncSource = (*lazylib.Library)(nil)
)

// Where the registry says the first-party plugins' kinds and functions
// come from.
const (
	CoreSource = "the first-party plugin"
	LibSource  = "the first-party function library"
)

// Options say where the plugins live and what their host imports know.
type Options struct {
	// Hostname is the node's hostname, for the hostname import.
	Hostname string
	// Log receives the plugins' log lines (nil: discarded).
	Log *slog.Logger
	// Watcher is the file watcher of the plugins' path watches; nil when
	// nothing will be watched (mgmt check).
	Watcher *hostwatch.Watcher
	// StoreDir is the folder of installed plugins ("": store.DefaultDir()).
	StoreDir string
	// RequireSignature refuses an installed plugin without a valid
	// signature by a trusted key; TrustedKeys is the trusted-keys file
	// ("": the store's, trust.DefaultKeysFile). A signature by a trusted
	// key that does not verify is refused either way.
	RequireSignature bool
	TrustedKeys      string
	// Observer is told of every plugin call (metrics); nil: nobody is.
	Observer wasmhost.Observer
	// KV is the cluster's kv store for installed plugins granted
	// cluster.kv (the kv imports and kv watches); nil: none.
	KV hostfuncs.KV
}

// Load builds the registry. Compiled modules are cached in the user's
// cache dir, the trusted and sandboxed code apart. It returns the
// function that closes the plugin hosts.
func Load(ctx context.Context, o Options) (*registry.Registry, func(), error) {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	cacheRoot := ""
	if cache, err := os.UserCacheDir(); err == nil {
		cacheRoot = filepath.Join(cache, "mgmt", "wasm")
	}
	env := hostfuncs.Env{Hostname: o.Hostname, Log: o.Log, KV: o.KV}
	if o.Watcher != nil {
		env.Wrote = o.Watcher.Wrote
	}
	imports := hostfuncs.Define(env)
	trustedCfg := firstparty.HostConfig(cacheRoot)
	trustedCfg.Observer = o.Observer
	var hosts []*wasmhost.Host
	var lib *lazylib.Library
	var others []func() // Extism modules and process plugins (flavours.go)
	closeHosts := func() {
		for _, c := range others {
			c()
		}
		if lib != nil {
			lib.Close(context.Background())
		}
		for _, h := range hosts {
			h.Close(context.Background())
		}
	}
	fail := func(err error) (*registry.Registry, func(), error) {
		closeHosts()
		return nil, nil, err
	}
	trusted, err := wasmhost.New(ctx, trustedCfg, imports)
	if err != nil {
		return fail(err)
	}
	hosts = append(hosts, trusted)
	reg := registry.New()
	core, err := firstparty.Load(ctx, trusted, o.Watcher)
	for _, p := range core {
		if err == nil {
			err = reg.Add(CoreSource, p)
		}
	}
	if err != nil {
		return fail(err)
	}
	if lib, err = lazylib.New(trustedCfg, imports); err == nil {
		err = reg.Add(LibSource, lib)
	}
	if err != nil {
		return fail(err)
	}
	st, entries, err := installed(o.StoreDir)
	if err != nil {
		return fail(err)
	}
	if len(entries) == 0 {
		return reg, closeHosts, nil
	}
	policy, err := signaturePolicy(st, o)
	if err != nil {
		return fail(err)
	}
	cfg := wasmhost.Config{Observer: o.Observer}
	if cacheRoot != "" {
		cfg.CacheDir = filepath.Join(cacheRoot, "sandboxed")
	}
	sandboxed, err := wasmhost.New(ctx, cfg, imports)
	if err != nil {
		return fail(err)
	}
	hosts = append(hosts, sandboxed)
	for _, e := range entries {
		f := &flavours{o: o, cacheRoot: cacheRoot, closers: &others}
		verdict, err := loadPlugin(ctx, st, policy, sandboxed, f, e.Name, o.Watcher, reg)
		if err != nil {
			return fail(err)
		}
		o.Log.Info("plugin loaded", "plugin", e.Name, "granted", e.Granted, "signature", verdict)
	}
	return reg, closeHosts, nil
}

// installed opens the plugin store and lists what is installed (nothing,
// without an error, when nothing ever was).
func installed(dir string) (*store.Store, []*store.Entry, error) {
	if dir == "" {
		dir = store.DefaultDir()
	}
	if _, err := os.Stat(filepath.Join(dir, store.LockFile)); errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	st, err := store.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	entries, err := st.List()
	return st, entries, err
}

// loadPlugin verifies (sum and signature), loads and registers one
// installed plugin, and says what its signature is.
func loadPlugin(ctx context.Context, st *store.Store, policy trust.Policy, host *wasmhost.Host, f *flavours, name string, w *hostwatch.Watcher, reg *registry.Registry) (trust.Verdict, error) {
	wasm, e, verdict, err := st.LoadTrusted(name, policy)
	if err != nil {
		return verdict, err
	}
	granted, err := hostabi.ParseCapabilities(e.Granted)
	if err != nil {
		return verdict, fmt.Errorf("plugin %s: its recorded grants: %w", name, err)
	}
	m, err := f.module(ctx, host, st, e, wasm, granted)
	if err != nil {
		return verdict, err
	}
	m = observe(m, f.o.Observer) // observe.go
	p, err := wasmres.Load(ctx, m, w, granted)
	if err != nil {
		return verdict, err
	}
	p.WatchKV(f.o.KV)
	return verdict, reg.Add("plugin "+name, p)
}

// signaturePolicy reads the trusted keys (the store's file unless
// Options name another).
func signaturePolicy(st *store.Store, o Options) (trust.Policy, error) {
	path := o.TrustedKeys
	if path == "" {
		path = trust.DefaultKeysFile(st.Dir())
	}
	keys, err := trust.LoadKeyRing(path)
	if err != nil {
		return trust.Policy{}, err
	}
	return trust.Policy{Keys: keys, Require: o.RequireSignature}, nil
}
