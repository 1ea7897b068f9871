// Package firstparty embeds mgmt's first-party plugin module (the kinds of
// plugins/firstparty/core, built to dist/core.wasm by make) and loads it
// with the capabilities mgmt grants the plugins it ships.
package firstparty

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// Name is the first-party plugin's name (in logs, errors and the registry).
const Name = "core"

// Grants are the capabilities of the first-party plugin: it manages
// whatever the user's graph names, as upstream's built-in resources do.
var Grants = []string{"fs.read:/", "fs.write:/", "exec:*"}

// ErrNotBuilt is returned by Module when the binary was built without the
// module (plain go build instead of make).
var ErrNotBuilt = errors.New("this mgmt was built without its first-party plugins (dist/core.wasm): build it with make")

//go:embed dist
var dist embed.FS

// HostConfig is the configuration of the plugin host the first-party
// plugin runs on: trusted (it is part of mgmt, built with it; see
// wasmhost.Config.Trusted), with the environment of the mgmt process as
// its WASI environment (for sys.getenv and sys.env; installed plugins get
// none), and its compiled code cached in the folder "trusted" of
// cacheRoot ("" for no cache).
func HostConfig(cacheRoot string) wasmhost.Config {
	// No deadline is enforced in trusted code, and the call deadline is
	// what the exec import kills a command at: upstream's exec has no
	// default timeout (its own timeout param still applies).
	cfg := wasmhost.Config{Trusted: true, CallTimeout: 24 * time.Hour, Env: processEnv()}
	if cacheRoot != "" {
		cfg.CacheDir = filepath.Join(cacheRoot, "trusted")
	}
	return cfg
}

// processEnv is the process's environment without the entries WASI
// cannot carry (no '=' or an empty name: execve allows them, Go's os
// package passes them on).
func processEnv() []string {
	var out []string
	for _, e := range os.Environ() {
		if k, _, ok := strings.Cut(e, "="); ok && k != "" {
			out = append(out, e)
		}
	}
	return out
}

// modulePath is where make puts the module.
const modulePath = "dist/core.wasm"

// Module returns the embedded module's bytes.
func Module() ([]byte, error) {
	b, err := dist.ReadFile(modulePath)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotBuilt
	}
	return b, err
}

// Load compiles (or takes from the host's cache) and loads the embedded
// module on host, with the first-party grants.
func Load(ctx context.Context, host *wasmhost.Host, w *hostwatch.Watcher) (*wasmres.Plugin, error) {
	wasm, err := Module()
	if err != nil {
		return nil, err
	}
	caps, err := hostabi.ParseCapabilities(Grants)
	if err != nil {
		return nil, fmt.Errorf("first-party grants: %w", err)
	}
	mod, err := host.Load(ctx, Name, wasm)
	if err != nil {
		return nil, fmt.Errorf("first-party plugin: %w", err)
	}
	p, err := wasmres.Load(ctx, mod, w, caps)
	if err != nil {
		return nil, fmt.Errorf("first-party plugin: %w", err)
	}
	return p, nil
}
