package run

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// kinds builds the registry of every kind mgmt run can use: the core's
// exit kind, the first-party kinds (the embedded core plugin, on a trusted
// host) and those of the installed plugins (on a sandboxed host, each
// verified against the sum recorded at install and given only its
// grants). Compiled modules are cached in the user's cache dir. It returns
// the function that closes the plugin hosts.
func kinds(ctx context.Context, o Options, w *hostwatch.Watcher, exits *exitKinds, log *slog.Logger) (*registry.Registry, func(), error) {
	cacheRoot := ""
	if cache, err := os.UserCacheDir(); err == nil {
		cacheRoot = filepath.Join(cache, "mgmt", "wasm")
	}
	imports := hostfuncs.Define(hostfuncs.Env{Hostname: o.Hostname, Log: log})
	var hosts []*wasmhost.Host
	closeHosts := func() {
		for _, h := range hosts {
			h.Close(context.Background())
		}
	}
	fail := func(err error) (*registry.Registry, func(), error) {
		closeHosts()
		return nil, nil, err
	}
	trusted, err := wasmhost.New(ctx, firstparty.HostConfig(cacheRoot), imports)
	if err != nil {
		return fail(err)
	}
	hosts = append(hosts, trusted)
	reg := registry.New()
	core, err := firstparty.Load(ctx, trusted, w)
	if err == nil {
		err = reg.Add("the first-party plugin", core)
	}
	if err == nil {
		err = reg.Add("the core", exits)
	}
	if err != nil {
		return fail(err)
	}
	st, entries, err := installed(o)
	if err != nil || len(entries) == 0 {
		if err != nil {
			return fail(err)
		}
		return reg, closeHosts, nil
	}
	cfg := wasmhost.Config{}
	if cacheRoot != "" {
		cfg.CacheDir = filepath.Join(cacheRoot, "sandboxed")
	}
	sandboxed, err := wasmhost.New(ctx, cfg, imports)
	if err != nil {
		return fail(err)
	}
	hosts = append(hosts, sandboxed)
	for _, e := range entries {
		if err := loadPlugin(ctx, st, sandboxed, e.Name, w, reg); err != nil {
			return fail(err)
		}
		log.Info("plugin loaded", "plugin", e.Name, "granted", e.Granted)
	}
	return reg, closeHosts, nil
}

// installed opens the plugin store and lists what is installed (nothing,
// without an error, when nothing ever was).
func installed(o Options) (*store.Store, []*store.Entry, error) {
	dir := o.PluginStore
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

// loadPlugin verifies, loads and registers one installed plugin.
func loadPlugin(ctx context.Context, st *store.Store, host *wasmhost.Host, name string, w *hostwatch.Watcher, reg *registry.Registry) error {
	wasm, e, err := st.Load(name)
	if err != nil {
		return err
	}
	granted, err := hostabi.ParseCapabilities(e.Granted)
	if err != nil {
		return fmt.Errorf("plugin %s: its recorded grants: %w", name, err)
	}
	m, err := host.Load(ctx, name, wasm)
	if err != nil {
		return err
	}
	p, err := wasmres.Load(ctx, m, w, granted)
	if err != nil {
		return err
	}
	return reg.Add("plugin "+name, p)
}
