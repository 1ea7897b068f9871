// Package all gathers mgmt's first-party function library: the functions
// of every library package, which plugins/firstparty/libmod registers with
// sdk/go. A new library package adds one line to All.
package all

import (
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/convfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/encfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/examplefuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/examplefuncs/nested"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/fmtfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/golangfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/mathfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/netfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/refuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/strfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/sysfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/testlibfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/timefuncs"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/tmplfuncs"
)

// All returns the functions of every library package, package by
// package. A name must appear once (the core plugin panics at start
// otherwise).
func All() []lib.Func {
	var out []lib.Func
	for _, funcs := range [][]lib.Func{
		// One line per library package, such as strfuncs.Funcs(),.
		convfuncs.Funcs(),
		encfuncs.Funcs(),
		fmtfuncs.Funcs(),
		mathfuncs.Funcs(),
		netfuncs.Funcs(),
		refuncs.Funcs(),
		strfuncs.Funcs(),
		timefuncs.Funcs(),
		tmplfuncs.Funcs(All), // templates call the pure functions of All
		golangfuncs.Funcs(),
		osfuncs.Funcs(),
		sysfuncs.Funcs(),
		examplefuncs.Funcs(),
		nested.Funcs(),
		testlibfuncs.Funcs(),
	} {
		out = append(out, funcs...)
	}
	return out
}
