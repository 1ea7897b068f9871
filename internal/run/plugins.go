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
// exit kind, the first-party kinds (the embedded core plugin) and those of the installed
// plugins (each verified against the sum recorded at install, and given only
// its grants). Compiled modules are cached in the user's cache dir. It
// returns the function that closes the plugin host.
func kinds(ctx context.Context, o Options, w *hostwatch.Watcher, exits *exitKinds, log *slog.Logger) (*registry.Registry, func(), error) {
	cfg := wasmhost.Config{}
	if cache, err := os.UserCacheDir(); err == nil {
		cfg.CacheDir = filepath.Join(cache, "mgmt", "wasm")
	}
	host, err := wasmhost.New(ctx, cfg, hostfuncs.Define(hostfuncs.Env{Hostname: o.Hostname, Log: log}))
	if err != nil {
		return nil, nil, err
	}
	closeHost := func() { host.Close(context.Background()) }
	reg, err := loadAll(ctx, o, host, w, log)
	if err == nil {
		err = reg.Add("the core", exits)
	}
	if err != nil {
		closeHost()
		return nil, nil, err
	}
	return reg, closeHost, nil
}

// loadAll loads the first-party plugin and every installed plugin into one
// registry.
func loadAll(ctx context.Context, o Options, host *wasmhost.Host, w *hostwatch.Watcher, log *slog.Logger) (*registry.Registry, error) {
	reg := registry.New()
	core, err := firstparty.Load(ctx, host, w)
	if err != nil {
		return nil, err
	}
	if err := reg.Add("the first-party plugin", core); err != nil {
		return nil, err
	}
	dir := o.PluginStore
	if dir == "" {
		dir = store.DefaultDir()
	}
	if _, err := os.Stat(filepath.Join(dir, store.LockFile)); errors.Is(err, os.ErrNotExist) {
		return reg, nil // nothing installed
	}
	st, err := store.Open(dir)
	if err != nil {
		return nil, err
	}
	entries, err := st.List()
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		if err := loadPlugin(ctx, st, host, e.Name, w, reg); err != nil {
			return nil, err
		}
		log.Info("plugin loaded", "plugin", e.Name, "granted", e.Granted)
	}
	return reg, nil
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
