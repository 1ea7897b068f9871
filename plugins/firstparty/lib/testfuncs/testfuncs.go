// Package testfuncs holds the first-party plugin's internal functions,
// which exist to test the path from the registry through the call verb to
// the library's Host (plugins/firstparty's end-to-end tests) without
// depending on the real library packages. Their names are in the package
// "internal", which mcl cannot import, so programs never see them:
//
//	internal.echo     func(x ?1) ?1        its argument; an error unless the
//	                                       signature's result is its type
//	internal.readfile func(path str) str   Host.ReadFile, watching path
//	internal.stat     func(path str) str   "missing", "file" or "dir" (Host.Stat)
//	internal.hostname func() str           Host.Hostname
//	internal.exec     func(argv []str) str what Host.Exec printed
//	internal.getenv   func(name str) str   the variable's value in Host.Environ
//	internal.join     (no signature)       its arguments in mcl syntax, joined by " "
package testfuncs

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the internal test functions.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "internal.echo", Sig: "func(x ?1) ?1", Pure: true, Impl: echo},
		{Name: "internal.readfile", Sig: "func(path str) str", Impl: readFile},
		{Name: "internal.stat", Sig: "func(path str) str", Impl: stat},
		{Name: "internal.hostname", Sig: "func() str", Impl: hostname},
		{Name: "internal.exec", Sig: "func(argv []str) str", Impl: execArgv},
		{Name: "internal.getenv", Sig: "func(name str) str", Impl: getenv},
		{Name: "internal.join", Pure: true, Impl: join},
	}
}

func echo(c *lib.Call) (hostabi.Value, error) {
	if len(c.Args) != 1 || !c.Out().Equal(c.Args[0].Type()) {
		return nil, fmt.Errorf("internal.echo: signature %s for the arguments %v", c.Type, c.Args)
	}
	return c.Args[0], nil
}

// str returns argument i as a string.
func str(c *lib.Call, i int) (string, error) {
	if i >= len(c.Args) {
		return "", fmt.Errorf("%w: no argument %d", hostabi.ErrType, i)
	}
	s, ok := c.Args[i].(hostabi.StrValue)
	if !ok {
		return "", fmt.Errorf("%w: argument %d is a %s, want a str", hostabi.ErrType, i, c.Args[i].Type())
	}
	return string(s), nil
}

func readFile(c *lib.Call) (hostabi.Value, error) {
	path, err := str(c, 0)
	if err != nil {
		return nil, err
	}
	c.Watch(hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: path})
	b, err := c.Host.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(b), nil
}

func stat(c *lib.Call) (hostabi.Value, error) {
	path, err := str(c, 0)
	if err != nil {
		return nil, err
	}
	exists, dir, err := c.Host.Stat(path)
	switch {
	case err != nil:
		return nil, err
	case !exists:
		return hostabi.StrValue("missing"), nil
	case dir:
		return hostabi.StrValue("dir"), nil
	}
	return hostabi.StrValue("file"), nil
}

func hostname(c *lib.Call) (hostabi.Value, error) {
	h, err := c.Host.Hostname()
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(h), nil
}

func execArgv(c *lib.Call) (hostabi.Value, error) {
	l, ok := c.Args[0].(*hostabi.ListValue)
	if !ok {
		return nil, fmt.Errorf("%w: argument 0 is a %s, want a []str", hostabi.ErrType, c.Args[0].Type())
	}
	argv := make([]string, 0, len(l.Items))
	for _, a := range l.Items {
		s, ok := a.(hostabi.StrValue)
		if !ok {
			return nil, fmt.Errorf("%w: argv holds a %s", hostabi.ErrType, a.Type())
		}
		argv = append(argv, string(s))
	}
	out, err := c.Host.Exec(argv)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(out), nil
}

func getenv(c *lib.Call) (hostabi.Value, error) {
	name, err := str(c, 0)
	if err != nil {
		return nil, err
	}
	value := ""
	for _, e := range c.Host.Environ() {
		if k, v, ok := strings.Cut(e, "="); ok && k == name {
			value = v // a later entry wins, as in a process's environment
		}
	}
	return hostabi.StrValue(value), nil
}

func join(c *lib.Call) (hostabi.Value, error) {
	parts := make([]string, len(c.Args))
	for i, a := range c.Args {
		parts[i] = a.String()
	}
	return hostabi.StrValue(strings.Join(parts, " ")), nil
}
