package yamlgraph

import (
	"math"
	"strconv"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// metaField sets one metaparam from a converted value; it returns a reason
// when the value is out of range.
type metaField struct {
	typ *hostabi.Type
	set func(m *runtime.Meta, v hostabi.Value) string
}

var typeStrList = hostabi.NewList(hostabi.TypeStr)

func metaBool(f func(*runtime.Meta) *bool) metaField {
	return metaField{hostabi.TypeBool, func(m *runtime.Meta, v hostabi.Value) string {
		*f(m) = bool(v.(hostabi.BoolValue))
		return ""
	}}
}

func metaInt(f func(*runtime.Meta) *int) metaField {
	return metaField{hostabi.TypeInt, func(m *runtime.Meta, v hostabi.Value) string {
		i := int64(v.(hostabi.IntValue))
		if i < math.MinInt || i > math.MaxInt {
			return "out of range"
		}
		*f(m) = int(i)
		return ""
	}}
}

func metaUint(f func(*runtime.Meta) *uint64) metaField {
	return metaField{hostabi.TypeInt, func(m *runtime.Meta, v hostabi.Value) string {
		i := int64(v.(hostabi.IntValue))
		if i < 0 {
			return strconv.FormatInt(i, 10) + " must not be negative"
		}
		*f(m) = uint64(i)
		return ""
	}}
}

func metaStrs(f func(*runtime.Meta) *[]string) metaField {
	return metaField{typeStrList, func(m *runtime.Meta, v hostabi.Value) string {
		items := v.(*hostabi.ListValue).Items
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = string(it.(hostabi.StrValue))
		}
		*f(m) = out
		return ""
	}}
}

// metaFields maps each name of runtime.MetaNames to its type and field.
var metaFields = map[string]metaField{
	"noop":       metaBool(func(m *runtime.Meta) *bool { return &m.Noop }),
	"retry":      metaInt(func(m *runtime.Meta) *int { return &m.Retry }),
	"retryreset": metaBool(func(m *runtime.Meta) *bool { return &m.RetryReset }),
	"delay":      metaUint(func(m *runtime.Meta) *uint64 { return &m.Delay }),
	"timeout":    metaUint(func(m *runtime.Meta) *uint64 { return &m.Timeout }),
	"poll":       metaInt(func(m *runtime.Meta) *int { return &m.Poll }),
	"limit": {hostabi.TypeFloat, func(m *runtime.Meta, v hostabi.Value) string {
		m.Limit = float64(v.(hostabi.FloatValue))
		return ""
	}},
	"burst":     metaInt(func(m *runtime.Meta) *int { return &m.Burst }),
	"reset":     metaBool(func(m *runtime.Meta) *bool { return &m.Reset }),
	"sema":      metaStrs(func(m *runtime.Meta) *[]string { return &m.Sema }),
	"rewatch":   metaBool(func(m *runtime.Meta) *bool { return &m.Rewatch }),
	"realize":   metaBool(func(m *runtime.Meta) *bool { return &m.Realize }),
	"dollar":    metaBool(func(m *runtime.Meta) *bool { return &m.Dollar }),
	"hidden":    metaBool(func(m *runtime.Meta) *bool { return &m.Hidden }),
	"export":    metaStrs(func(m *runtime.Meta) *[]string { return &m.Export }),
	"reverse":   metaBool(func(m *runtime.Meta) *bool { return &m.Reverse }),
	"autoedge":  metaBool(func(m *runtime.Meta) *bool { return &m.AutoEdge }),
	"autogroup": metaBool(func(m *runtime.Meta) *bool { return &m.AutoGroup }),
}

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
		f, ok := metaFields[name]
		if !ok {
			return m, p.errAt(k.at, "unknown metaparam %q%s", name, didYouMean(name, runtime.MetaNames))
		}
		v, err := hostabi.Convert(n.vals[i].generic(), f.typ)
		if err != nil {
			return m, p.errAt(k.at, "meta %s expects %s: %v", name, f.typ, err)
		}
		if why := f.set(&m, v); why != "" {
			return m, p.errAt(k.at, "meta %s: %s", name, why)
		}
	}
	if err := m.Validate(); err != nil {
		return m, p.errAt(key.at, "%v", err)
	}
	return m, nil
}
