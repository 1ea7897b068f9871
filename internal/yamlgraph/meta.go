package yamlgraph

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// meta reads a resource's meta map, starting from runtime.DefaultMeta.
// Unknown names and mistyped values are reported at the metaparam's key;
// what Meta.Validate rejects, at the meta key itself.
func (p *parser) meta(key, n *node) (runtime.Meta, error) {
	m := runtime.DefaultMeta()
	if n.isNull() {
		return m, nil
	}
	if n.kind != mapNode {
		return m, p.errAt(n.at, "meta must be a map of metaparams, not %s", n.describe())
	}
	for i, k := range n.keys {
		name, err := p.key(k)
		if err != nil {
			return m, err
		}
		typ := runtime.MetaType(name)
		if typ == nil {
			return m, p.errAt(k.at, "unknown metaparam %q%s", name, didYouMean(name, runtime.MetaNames))
		}
		v, err := hostabi.Convert(n.vals[i].generic(), typ)
		if err != nil {
			return m, p.errAt(k.at, "meta %s expects %s: %v", name, typ, err)
		}
		if err := m.Set(name, v); err != nil {
			return m, p.errAt(k.at, "%v", err)
		}
	}
	if err := m.Validate(); err != nil {
		return m, p.errAt(key.at, "%v", err)
	}
	return m, nil
}
