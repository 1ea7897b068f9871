// Command funcguest is the SDK's test plugin of functions, built to wasm by
// guest_test.go: "g.greet" func(name str) str reads the file its argument
// names (watching it) and prefixes the hostname; "g.first" func(l []?1)
// ?1 returns a list's first element, the zero value of the signature's
// result type for an empty one.
package main

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

func init() {
	mgmt.SetPlugin("funcguest", "1")
	greet, _ := hostabi.ParseType("func(path str) str")
	mgmt.RegisterFunc(hostabi.FuncInfo{Name: "g.greet", Type: greet}, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		path := string(c.Args[0].(hostabi.StrValue))
		c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: path})
		b, err := c.ReadFile(path)
		if err != nil {
			return nil, err
		}
		h, err := c.Hostname()
		if err != nil {
			return nil, err
		}
		return hostabi.StrValue(h + ": " + string(b)), nil
	})
	first, _ := hostabi.ParseType("func(l []?1) ?1")
	mgmt.RegisterFunc(hostabi.FuncInfo{Name: "g.first", Type: first, Pure: true}, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		if l := c.Args[0].(*hostabi.ListValue); len(l.Items) > 0 {
			return l.Items[0], nil
		}
		return hostabi.Zero(c.Out())
	})
}

// main is not run: the plugin is a reactor, driven through its exports.
func main() {}
