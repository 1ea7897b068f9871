package pluginset

import (
	"context"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/extismres"
	"github.com/mgmt-wasm/mgmt/plugins/procplugin"
	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// flavours opens the installed plugins that are not native wasm modules:
// Extism modules (on Extism's SDK, with the sandboxed host's limits) and
// process plugins (started, and restarted, by procplugin with the sum
// recorded at install checked at every launch). What it opened is closed
// by the closers it adds.
type flavours struct {
	o         Options
	cacheRoot string
	closers   *[]func()
}

// module opens an installed plugin as the module its bytes say it is.
func (f *flavours) module(ctx context.Context, host *wasmhost.Host, st *store.Store, e *store.Entry, b []byte, granted hostabi.Capabilities) (wasmres.Module, error) {
	if store.IsExecutable(b) {
		m, err := procplugin.Start(ctx, procplugin.Config{Name: e.Name, Path: filepath.Join(st.Dir(), e.File), SHA256: e.SHA256, Log: f.o.Log})
		if err != nil {
			return nil, err
		}
		*f.closers = append(*f.closers, func() { m.Close() })
		return m, nil
	}
	if s, err := extismres.ReadSections(b); err == nil && s.IsExtism() {
		cfg := extismres.Config{Hostname: f.o.Hostname, Log: f.o.Log}
		if f.cacheRoot != "" {
			cfg.CacheDir = filepath.Join(f.cacheRoot, "extism")
		}
		m, err := extismres.Load(ctx, e.Name, b, cfg, granted)
		if err != nil {
			return nil, err
		}
		*f.closers = append(*f.closers, func() { m.Close(context.Background()) })
		return m, nil
	}
	return host.Load(ctx, e.Name, b)
}
