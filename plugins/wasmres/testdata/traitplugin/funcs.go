package main

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// The plugin's functions, for the wasmres tests of the call verb:
//
//	trait.read  func(path str) str   the file's content, watching it
//	trait.watch func(path str) str   "ok", watching path without reading it
//	trait.exec  func(argv []str) str what argv printed (exec import)
//	trait.echo  func(x ?1) ?1        its argument (pure)
//	trait.wrong func() str           an int, against its signature
func init() {
	mgmt.RequireCapabilities("exec:*")
	fn := func(name, sig string, pure bool, impl mgmt.FuncImpl) {
		t, err := hostabi.ParseType(sig)
		if err != nil {
			panic(err)
		}
		mgmt.RegisterFunc(hostabi.FuncInfo{Name: name, Type: t, Pure: pure}, impl)
	}
	fn("trait.read", "func(path str) str", false, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		path := string(c.Args[0].(hostabi.StrValue))
		c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: path})
		b, err := c.ReadFile(path)
		if err != nil {
			return nil, err
		}
		return hostabi.StrValue(b), nil
	})
	fn("trait.watch", "func(path str) str", false, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: string(c.Args[0].(hostabi.StrValue))})
		return hostabi.StrValue("ok"), nil
	})
	fn("trait.exec", "func(argv []str) str", false, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		var argv []string
		for _, a := range c.Args[0].(*hostabi.ListValue).Items {
			argv = append(argv, string(a.(hostabi.StrValue)))
		}
		resp, err := c.Exec(&hostabi.ExecRequest{Path: argv[0], Args: argv[1:]})
		if err != nil {
			return nil, err
		}
		return hostabi.StrValue(resp.Stdout), nil
	})
	fn("trait.echo", "func(x ?1) ?1", true, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		return c.Args[0], nil
	})
	fn("trait.wrong", "func() str", false, func(c *mgmt.FuncCall) (hostabi.Value, error) {
		return hostabi.IntValue(1), nil
	})
}
