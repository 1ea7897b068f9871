package builtin

import "github.com/mgmt-wasm/mgmt/hostabi"

// The traits each kind promises in its KindInfo, checked at compile time.
var (
	_ hostabi.Resource    = (*noopRes)(nil)
	_ hostabi.Initer      = (*noopRes)(nil)
	_ hostabi.Groupable   = (*noopRes)(nil)
	_ hostabi.Refreshable = (*noopRes)(nil)

	_ hostabi.Resource    = (*printRes)(nil)
	_ hostabi.Initer      = (*printRes)(nil)
	_ hostabi.Groupable   = (*printRes)(nil)
	_ hostabi.Recver      = (*printRes)(nil)
	_ hostabi.Refreshable = (*printRes)(nil)

	_ hostabi.Resource   = (*fileRes)(nil)
	_ hostabi.Initer     = (*fileRes)(nil)
	_ hostabi.AutoEdger  = (*fileRes)(nil)
	_ hostabi.Recver     = (*fileRes)(nil)
	_ hostabi.Reversible = (*fileRes)(nil)
)
