package run

import (
	"context"
	"log/slog"

	"github.com/mgmt-wasm/mgmt/internal/exitkind"
	"github.com/mgmt-wasm/mgmt/internal/pluginset"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
)

// kinds builds the registry of every kind mgmt run can use: the plugins'
// (pluginset) and the core's exit kind. It returns the function that
// closes the plugin hosts.
func kinds(ctx context.Context, o Options, w *hostwatch.Watcher, exits *exitkind.Source, kv hostfuncs.KV, log *slog.Logger) (*registry.Registry, func(), error) {
	reg, closeHosts, err := pluginset.Load(ctx, pluginset.Options{
		Hostname: o.Hostname, Log: log, Watcher: w, StoreDir: o.PluginStore,
		KV: kv, RequireSignature: o.RequireSignature, TrustedKeys: o.TrustedKeys, Observer: o.pluginObserver(),
	})
	if err != nil {
		return nil, nil, err
	}
	if err := reg.Add("the core", exits); err != nil {
		closeHosts()
		return nil, nil, err
	}
	return reg, closeHosts, nil
}
