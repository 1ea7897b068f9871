package yamlgraph

import (
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// kindInfo is a kind's description with the names a resource of it may use,
// for suggestions.
type kindInfo struct {
	*hostabi.KindInfo
	// keys are "name", "meta" and the params.
	keys []string
}

// kind looks a kind up, caching the answer.
func (p *parser) kind(kind string) (kindInfo, bool) {
	if ki, ok := p.infos[kind]; ok {
		return ki, ki.KindInfo != nil
	}
	var info *hostabi.KindInfo
	ok := false
	if p.kinds != nil {
		info, ok = p.kinds.Lookup(kind)
	}
	if !ok || info == nil {
		p.infos[kind] = kindInfo{}
		return kindInfo{}, false
	}
	ki := kindInfo{KindInfo: info, keys: []string{"name", "meta"}}
	for _, pi := range info.Params {
		ki.keys = append(ki.keys, pi.Name)
	}
	p.infos[kind] = ki
	return ki, true
}

// resources builds the resources section: a map from kind to a list of
// resources.
func (p *parser) resources(n *node) error {
	if n.isNull() {
		return nil
	}
	if n.kind != mapNode {
		return p.errAt(n.at, "resources must be a map from kind to a list of resources, not %s", n.describe())
	}
	for i, k := range n.keys {
		kind, err := p.key(k)
		if err != nil {
			return err
		}
		ki, ok := p.kind(kind)
		if !ok {
			return p.errAt(k.at, "unknown resource kind %q", kind)
		}
		list := n.vals[i]
		if list.isNull() {
			continue
		}
		if list.kind != seqNode {
			return p.errAt(list.at, "the %s resources must be a list, not %s", kind, list.describe())
		}
		for _, item := range list.items {
			if err := p.resource(ki, item); err != nil {
				return err
			}
		}
	}
	return nil
}

// resource builds one resource and adds it to the graph.
func (p *parser) resource(ki kindInfo, n *node) error {
	kind := ki.Kind
	if n.kind != mapNode {
		return p.errAt(n.at, "a %s resource must be a map of params, not %s", kind, n.describe())
	}
	var (
		name    string
		named   bool
		metaKey *node
		metaVal *node
		params  = map[string]hostabi.Value{}
	)
	for i, k := range n.keys {
		key, err := p.key(k)
		if err != nil {
			return err
		}
		v := n.vals[i]
		switch key {
		case "name":
			s, ok := v.str()
			if !ok {
				return p.errAt(v.at, "the name of a %s resource must be a string, not %s", kind, v.describe())
			}
			if s == "" {
				return p.errAt(v.at, "the name of a %s resource must not be empty", kind)
			}
			name, named = s, true
		case "meta":
			metaKey, metaVal = k, v
		default:
			pi := ki.Param(key)
			if pi == nil {
				return p.errAt(k.at, "unknown param %q for kind %s%s", key, kind, didYouMean(key, ki.keys))
			}
			val, err := hostabi.Convert(v.generic(), pi.Type)
			if err != nil {
				return p.errAt(v.at, "param %s expects %s: %v", key, pi.Type, err)
			}
			params[key] = val
		}
	}
	if !named {
		return p.errAt(n.at, "a %s resource has no name", kind)
	}
	meta := runtime.DefaultMeta()
	if metaKey != nil {
		var err error
		if meta, err = p.meta(metaKey, metaVal); err != nil {
			return err
		}
	}
	id := kind + "[" + name + "]"
	if !meta.Hidden {
		if j, dup := p.index[id]; dup {
			return p.errAt(n.at, "duplicate resource %s (first declared at line %d)", id, p.decl[j].at.line)
		}
	}
	res, err := p.kinds.New(kind, name, params)
	if err != nil {
		return p.errAt(n.at, "%s: %v", id, err)
	}
	if res == nil {
		return p.errAt(n.at, "%s: the kind built no resource", id)
	}
	idx := p.g.Add(&runtime.Node{Res: res, Meta: meta, Pos: p.posString(n.at)})
	p.decl = append(p.decl, declared{at: n.at, kind: kind, id: id})
	if !meta.Hidden {
		p.index[id] = idx
	}
	return nil
}
