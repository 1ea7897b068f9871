// Package firstparty embeds mgmt's first-party plugin modules, which make
// builds into dist/: two kinds' modules, core.wasm (the kinds of
// plugins/firstparty/core, in Go) and file.wasm (the file kind, and the
// functions os.readfile and os.file_exists, in Rust:
// plugins/firstparty/file/src), and lib.wasm, the function library of
// plugins/firstparty/libmod. Load loads the kinds' modules with the
// capabilities mgmt grants the plugins it ships; the library's module is
// started on its first call, by libmod/lazylib, from LibModule and
// LibGrants.
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

// Name is the name of the first-party kinds' module in Go (in logs,
// errors and the compilation cache).
const Name = "core"

// FileName is the name of the file kind's module, in Rust: the kind whose
// repairs are the hot path (drift), in a guest about ten times faster
// than Go's (docs/benchmarks.md).
const FileName = "file"

// LibName is the name of the function library's module.
const LibName = "lib"

// Grants are the capabilities of the first-party plugin: it manages
// whatever the user's graph names, as upstream's built-in resources do.
var Grants = []string{"fs.read:/", "fs.write:/", "exec:*"}

// LibGrants are the capabilities of the function library's module: it
// reads any file and runs any program a program asks it to, and writes
// nothing.
var LibGrants = []string{"fs.read:/", "exec:*"}

// ErrNotBuilt is returned by Module and LibModule when the binary was
// built without the modules (plain go build instead of make).
var ErrNotBuilt = errors.New("this mgmt was built without its first-party plugins (dist/core.wasm, dist/file.wasm, dist/lib.wasm): build it with make")

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

// Where make puts the modules.
const (
	modulePath     = "dist/core.wasm"
	fileModulePath = "dist/file.wasm"
	libModulePath  = "dist/lib.wasm"
)

// KindModule is one embedded kinds' module.
type KindModule struct {
	// Name is the module's name on the host.
	Name string
	// Wasm is the module.
	Wasm []byte
}

// KindModules returns the embedded kinds' modules, in the order Load
// loads them.
func KindModules() ([]KindModule, error) {
	var out []KindModule
	for _, m := range []struct{ name, path string }{{Name, modulePath}, {FileName, fileModulePath}} {
		wasm, err := embedded(m.path)
		if err != nil {
			return nil, err
		}
		out = append(out, KindModule{m.name, wasm})
	}
	return out, nil
}

// LibModule returns the embedded function library's module's bytes.
func LibModule() ([]byte, error) { return embedded(libModulePath) }

// embedded reads one embedded module.
func embedded(path string) ([]byte, error) {
	b, err := dist.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, ErrNotBuilt
	}
	return b, err
}

// Load compiles (or takes from the host's cache) and loads the embedded
// kinds' modules on host, with the first-party grants, and returns their
// plugins in KindModules' order.
func Load(ctx context.Context, host *wasmhost.Host, w *hostwatch.Watcher) ([]*wasmres.Plugin, error) {
	mods, err := KindModules()
	if err != nil {
		return nil, err
	}
	caps, err := hostabi.ParseCapabilities(Grants)
	if err != nil {
		return nil, fmt.Errorf("first-party grants: %w", err)
	}
	var out []*wasmres.Plugin
	for _, m := range mods {
		mod, err := host.Load(ctx, m.Name, m.Wasm)
		if err != nil {
			return nil, fmt.Errorf("first-party plugin %s: %w", m.Name, err)
		}
		p, err := wasmres.Load(ctx, mod, w, caps)
		if err != nil {
			return nil, fmt.Errorf("first-party plugin %s: %w", m.Name, err)
		}
		out = append(out, p)
	}
	return out, nil
}
