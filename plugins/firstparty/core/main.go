// Command core is mgmt's first-party plugin of the resource kinds written
// in Go that ship with mgmt (exec, print, noop, test, value, timer, line,
// tar, gzip, password, msg), written with sdk/go and built to one wasm
// reactor module that bin/mgmt embeds (see plugins/firstparty); the file
// kind is a module of its own, in Rust (plugins/firstparty/file/src). Each
// kind lives in its own package and registers itself in init; this
// command only gathers them.
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o core.wasm .
package main

import (
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"

	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/exec"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/gzipkind"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/line"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/msg"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/noop"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/password"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/print"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/tarkind"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/testkind"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/timer"
	_ "github.com/mgmt-wasm/mgmt/plugins/firstparty/value"
)

// Name is the plugin's name in describe and in errors.
const Name = "core"

func init() {
	mgmt.SetPlugin(Name, "1.0.0")
	// The first-party kinds manage whatever the user's graph names, so
	// the plugin asks for the whole tree and any program; mgmt grants it
	// these because it ships inside the binary.
	mgmt.RequireCapabilities("fs.read:/", "fs.write:/", "exec:*")
}

// main is not run: the plugin is a reactor, driven through its exports.
func main() {}
