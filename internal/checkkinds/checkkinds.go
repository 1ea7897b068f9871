// Package checkkinds gives `mgmt check` the resource kinds that `mgmt run`
// would have: those of the first-party plugin embedded in the binary, of
// the installed plugins (both loaded by pluginset, as mgmt run loads them)
// and of the core's exit kind. It only asks each plugin to describe itself
// (nothing runs, nothing is watched) and keeps the schemas.
package checkkinds

import (
	"context"

	"github.com/mgmt-wasm/mgmt/internal/exitkind"
	"github.com/mgmt-wasm/mgmt/internal/pluginset"
	"github.com/mgmt-wasm/mgmt/internal/worldkinds"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
)

// Load describes the first-party plugin and the plugins installed in
// storeDir ("" for the default store) and returns their kinds with the
// exit kind. The plugin hosts are closed before it returns: the schemas
// stay readable.
func Load(ctx context.Context, storeDir string) (*registry.Registry, error) {
	reg, closeHosts, err := pluginset.Load(ctx, pluginset.Options{StoreDir: storeDir})
	if err != nil {
		return nil, err
	}
	defer closeHosts()
	if err := reg.Add("the cluster", worldkinds.New(nil)); err != nil {
		return nil, err
	}
	if err := reg.Add("the core", exitkind.New()); err != nil {
		return nil, err
	}
	return reg, nil
}
