package run

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/builtin"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// kinds builds the registry of every kind mgmt run can use: the built-in
// kinds and those of the installed plugins (each verified against the sum
// recorded at install, and given only its grants). It returns the function
// that closes the plugin host.
func kinds(ctx context.Context, o Options, w *hostwatch.Watcher, log *slog.Logger) (*registry.Registry, func(), error) {
	reg := registry.New()
	if err := reg.Add("the built-in kinds", builtin.New(w)); err != nil {
		return nil, nil, err
	}
	dir := o.PluginStore
	if dir == "" {
		dir = store.DefaultDir()
	}
	if _, err := os.Stat(filepath.Join(dir, store.LockFile)); errors.Is(err, os.ErrNotExist) {
		return reg, func() {}, nil // nothing installed
	}
	st, err := store.Open(dir)
	if err != nil {
		return nil, nil, err
	}
	entries, err := st.List()
	if err != nil || len(entries) == 0 {
		return reg, func() {}, err
	}
	cfg := wasmhost.Config{}
	if cache, err := os.UserCacheDir(); err == nil {
		cfg.CacheDir = filepath.Join(cache, "mgmt", "wasm")
	}
	host, err := wasmhost.New(ctx, cfg, hostfuncs.Define(hostfuncs.Env{Hostname: o.Hostname, Log: log}))
	if err != nil {
		return nil, nil, err
	}
	closeHost := func() { host.Close(context.Background()) }
	for _, e := range entries {
		if err := loadPlugin(ctx, st, host, e.Name, w, reg); err != nil {
			closeHost()
			return nil, nil, err
		}
		log.Info("plugin loaded", "plugin", e.Name, "granted", e.Granted)
	}
	return reg, closeHost, nil
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
