package sysfuncs

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// getenv is sys.getenv(name): the variable's value in mgmt's environment.
// An unset variable is an error, so that `sys.getenv("X") <|> "default"`
// gives the default; a variable set to "" gives "".
func getenv(c *lib.Call) (hostabi.Value, error) {
	h, name, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, err
	}
	v, ok := hostinfo.Getenv(h, name)
	if !ok {
		return nil, fmt.Errorf("environment variable not set: %s", name)
	}
	return hostabi.StrValue(v), nil
}

// hasenv is sys.hasenv(name): whether the variable is set.
func hasenv(c *lib.Call) (hostabi.Value, error) {
	h, name, err := hostinfo.HostStr(c)
	if err != nil {
		return nil, err
	}
	_, ok := hostinfo.Getenv(h, name)
	return hostabi.BoolValue(ok), nil
}

var envType = hostabi.NewMap(hostabi.TypeStr, hostabi.TypeStr)

// env is sys.env(): mgmt's whole environment.
func env(c *lib.Call) (hostabi.Value, error) {
	h, err := hostinfo.Host(c)
	if err != nil {
		return nil, err
	}
	ks, vs := hostinfo.Env(h)
	keys, vals := make([]hostabi.Value, len(ks)), make([]hostabi.Value, len(vs))
	for i := range ks {
		keys[i], vals[i] = hostabi.StrValue(ks[i]), hostabi.StrValue(vs[i])
	}
	m, err := hostabi.NewMapValue(envType, keys, vals)
	if err != nil {
		return nil, fmt.Errorf("environment: %w", err)
	}
	return m, nil
}
