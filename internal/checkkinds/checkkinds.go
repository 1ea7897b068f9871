// Package checkkinds gives `mgmt check` the resource kinds that `mgmt run`
// would have: those of the first-party plugin embedded in the binary, of
// the installed plugins and of the core's exit kind. It only asks each
// plugin to describe itself (nothing runs, nothing is watched) and keeps
// the schemas.
package checkkinds

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/store"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// Kinds are resource kind schemas by kind; it is a builtin.KindSource.
type Kinds map[string]*hostabi.KindInfo

// Lookup returns the schema of a kind.
func (k Kinds) Lookup(kind string) (*hostabi.KindInfo, bool) {
	info, ok := k[kind]
	return info, ok
}

// exitKind is the schema of the core's exit kind (see internal/run).
var exitKind = hostabi.KindInfo{
	Kind:   "exit",
	Params: []hostabi.ParamInfo{{Name: "code", Type: hostabi.TypeInt}},
}

// Load describes the first-party plugin and the plugins installed in
// storeDir ("" for the default store) and returns their kinds with the
// exit kind.
func Load(ctx context.Context, storeDir string) (Kinds, error) {
	cacheRoot := ""
	if cache, err := os.UserCacheDir(); err == nil {
		cacheRoot = filepath.Join(cache, "mgmt", "wasm")
	}
	cfg := firstparty.HostConfig(cacheRoot)
	host, err := wasmhost.New(ctx, cfg, hostfuncs.Define(hostfuncs.Env{}))
	if err != nil {
		return nil, fmt.Errorf("plugin host: %w", err)
	}
	defer host.Close(context.Background())
	out := Kinds{exitKind.Kind: &exitKind}
	core, err := firstparty.Load(ctx, host, nil)
	if err != nil {
		return nil, err
	}
	if err := out.add("the first-party plugin", core); err != nil {
		return nil, err
	}
	if storeDir == "" {
		storeDir = store.DefaultDir()
	}
	if _, err := os.Stat(filepath.Join(storeDir, store.LockFile)); errors.Is(err, os.ErrNotExist) {
		return out, nil
	}
	st, err := store.Open(storeDir)
	if err != nil {
		return nil, err
	}
	entries, err := st.List()
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		wasm, _, err := st.Load(e.Name)
		if err != nil {
			return nil, err
		}
		m, err := host.Load(ctx, e.Name, wasm)
		if err != nil {
			return nil, err
		}
		p, err := wasmres.Load(ctx, m, nil, hostabi.Capabilities{})
		if err != nil {
			return nil, err
		}
		if err := out.add("plugin "+e.Name, p); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// add adds the kinds of one plugin, rejecting a kind two plugins define.
func (k Kinds) add(source string, p *wasmres.Plugin) error {
	for _, kind := range p.Kinds() {
		if _, dup := k[kind]; dup {
			return fmt.Errorf("%s: kind %q is defined twice", source, kind)
		}
		info, _ := p.Lookup(kind)
		k[kind] = info
	}
	return nil
}
