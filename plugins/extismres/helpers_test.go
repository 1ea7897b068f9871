package extismres

import "github.com/mgmt-wasm/mgmt/plugins/wasmhost"

var wasmhostErrLimit = wasmhost.ErrLimit
