package wasmres

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// Describer describes a plugin file of another flavour than a native
// wasm module (an Extism module, a process plugin's executable): ok is
// false when b is not of its flavour.
type Describer func(ctx context.Context, name string, b []byte) (desc *hostabi.DescribeResponse, ok bool, err error)

// describers are the flavours' Describers, in the order registered.
var (
	describersMu sync.Mutex
	describers   []Describer
)

// RegisterDescriber adds a flavour's Describer to Describe (the flavours'
// packages do it in init, so that whatever links them describes their
// plugins).
func RegisterDescriber(d Describer) {
	describersMu.Lock()
	defer describersMu.Unlock()
	describers = append(describers, d)
}

// Describe loads a module in a throwaway host, with no capabilities
// granted, and returns what it says about itself (for install and inspect).
// A file that a registered Describer knows is described by it instead.
func Describe(ctx context.Context, name string, wasm []byte) (*hostabi.DescribeResponse, error) {
	describersMu.Lock()
	ds := slices.Clone(describers)
	describersMu.Unlock()
	for _, d := range ds {
		if desc, ok, err := d(ctx, name, wasm); ok {
			return desc, err
		}
	}
	h, err := wasmhost.New(ctx, wasmhost.Config{PoolSize: 1}, hostfuncs.Define(hostfuncs.Env{}))
	if err != nil {
		return nil, err
	}
	defer h.Close(ctx)
	m, err := h.Load(ctx, name, wasm)
	if err != nil {
		return nil, err
	}
	p, err := Load(ctx, m, nil, nil)
	if err != nil {
		return nil, err
	}
	return p.Description(), nil
}

// CheckGrants compares the capabilities a plugin asks for with those to be
// granted. A grant may narrow a request (fs.read:/srv/app when the plugin
// asks for fs.read:/srv) but not exceed it. It returns the requests that no
// grant covers, and an error for a grant that does not parse or that no
// request covers.
func CheckGrants(desc *hostabi.DescribeResponse, grants []string) (ungranted []string, err error) {
	gs, err := hostabi.ParseCapabilities(grants)
	if err != nil {
		return nil, err
	}
	asked, err := hostabi.ParseCapabilities(desc.Capabilities)
	if err != nil {
		return nil, fmt.Errorf("the plugin asks for a capability this host does not know: %w", err)
	}
	for i, g := range gs {
		if !slices.ContainsFunc(asked, func(a hostabi.Capability) bool { return covers(a, g) }) {
			return nil, fmt.Errorf("--allow %s: the plugin does not ask for it (it asks for %v)", grants[i], desc.Capabilities)
		}
	}
	for i, a := range asked {
		if !slices.ContainsFunc(gs, func(g hostabi.Capability) bool { return covers(a, g) }) {
			ungranted = append(ungranted, desc.Capabilities[i])
		}
	}
	return ungranted, nil
}

// covers reports whether the asked capability a includes the grant g.
func covers(a, g hostabi.Capability) bool {
	if a.Kind != g.Kind {
		return false
	}
	op := map[hostabi.CapKind]hostabi.Op{
		hostabi.CapFSRead: hostabi.OpRead, hostabi.CapFSWrite: hostabi.OpWrite, hostabi.CapExec: hostabi.OpExec,
		hostabi.CapNet: hostabi.OpNet, hostabi.CapClusterKV: hostabi.OpKV,
	}[a.Kind]
	return a.Allows(op, g.Arg)
}
