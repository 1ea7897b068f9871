// Command go-hello is a tiny mgmt-wasm plugin written with the Go SDK. It
// provides the resource kind "hello", which logs its message through the
// host. Build it as a reactor module:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o hello.wasm .
package main

import (
	"errors"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// hello is a resource of kind "hello".
type hello struct {
	name string
	msg  string // what to say
	path string // optional; must be absolute when set
}

func init() {
	mgmt.SetPlugin("go-hello", "0.1.0")
	// The paths are the user's to choose, so it asks for the whole tree;
	// install narrows it: mgmt plugin install hello.wasm --allow fs.write:/srv/app ...
	mgmt.RequireCapabilities("fs.read:/", "fs.write:/")
	mgmt.Register(hostabi.KindInfo{
		Kind: "hello",
		Params: []hostabi.ParamInfo{
			{Name: "msg", Type: hostabi.TypeStr, Default: hostabi.StrValue("hello")},
			{Name: "path", Type: hostabi.TypeStr},
		},
	}, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &hello{name: name, msg: p.Str("msg"), path: p.Str("path")}, nil
	})
}

// Validate wants a message, and an absolute path if any.
func (h *hello) Validate() error {
	if h.msg == "" {
		return mgmt.ParamError("msg", "must not be empty")
	}
	if h.path != "" && !strings.HasPrefix(h.path, "/") {
		return mgmt.ParamError("path", "%q is not absolute", h.path)
	}
	return nil
}

// Watch asks for nothing: hello is checked when the graph starts.
func (h *hello) Watch() []hostabi.WatchSpec { return nil }

// CheckApply logs the message. With a path, the state is correct when the
// file holds exactly msg; apply writes it (through the host's
// fs_write_atomic, so the plugin needs fs.write on the path).
func (h *hello) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	host, err := ctx.Hostname()
	if err != nil {
		return false, err
	}
	ctx.Log("hello %s from %s: %s", h.name, host, h.msg)
	if h.path == "" {
		return true, nil
	}
	data, err := ctx.ReadFile(h.path)
	if err != nil && !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
		return false, err
	}
	if err == nil && string(data) == h.msg {
		return true, nil
	}
	if !apply {
		return false, nil
	}
	if err := ctx.WriteFile(h.path, []byte(h.msg), 0); err != nil {
		return false, err
	}
	ctx.Log("hello %s: wrote %s", h.name, h.path)
	return false, nil
}

// main is not run: the plugin is a reactor, driven through its exports.
func main() {}
