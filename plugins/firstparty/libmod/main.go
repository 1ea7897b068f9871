// Command libmod is mgmt's first-party function library as a wasm plugin:
// every function of plugins/firstparty/lib (through libmod/libinfo),
// registered with sdk/go and built to one wasm reactor module,
// dist/lib.wasm, that bin/mgmt embeds next to the kinds' module
// (plugins/firstparty/core). The host lists these functions natively and
// starts this module only when a program first calls one of them (see
// libmod/lazylib).
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o lib.wasm .
package main

import (
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// Name is the plugin's name in describe and in errors; the host loads
// the module under the same name (firstparty.LibName).
const Name = "lib"

func init() {
	mgmt.SetPlugin(Name, "1.0.0")
	// The library reads files (os.readfile, ...) and runs programs
	// (os.system, ...) wherever the program asks; it writes nothing.
	mgmt.RequireCapabilities("fs.read:/", "exec:*")
}

// main is not run: the plugin is a reactor, driven through its exports.
func main() {}
