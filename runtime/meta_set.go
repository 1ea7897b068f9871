package runtime

import (
	"fmt"
	"math"
	"strconv"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// metaField sets one metaparam from a converted value; it returns a reason
// when the value is out of range.
type metaField struct {
	typ *hostabi.Type
	set func(m *Meta, v hostabi.Value) string
}

var typeStrList = hostabi.NewList(hostabi.TypeStr)

func metaBool(f func(*Meta) *bool) metaField {
	return metaField{hostabi.TypeBool, func(m *Meta, v hostabi.Value) string {
		*f(m) = bool(v.(hostabi.BoolValue))
		return ""
	}}
}

func metaInt(f func(*Meta) *int) metaField {
	return metaField{hostabi.TypeInt, func(m *Meta, v hostabi.Value) string {
		i := int64(v.(hostabi.IntValue))
		if i < math.MinInt || i > math.MaxInt {
			return "out of range"
		}
		*f(m) = int(i)
		return ""
	}}
}

func metaUint(f func(*Meta) *uint64) metaField {
	return metaField{hostabi.TypeInt, func(m *Meta, v hostabi.Value) string {
		i := int64(v.(hostabi.IntValue))
		if i < 0 {
			return strconv.FormatInt(i, 10) + " must not be negative"
		}
		*f(m) = uint64(i)
		return ""
	}}
}

func metaStrs(f func(*Meta) *[]string) metaField {
	return metaField{typeStrList, func(m *Meta, v hostabi.Value) string {
		items := v.(*hostabi.ListValue).Items
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = string(it.(hostabi.StrValue))
		}
		*f(m) = out
		return ""
	}}
}

// metaFields maps each name of MetaNames to its type and field.
var metaFields = map[string]metaField{
	"noop":       metaBool(func(m *Meta) *bool { return &m.Noop }),
	"retry":      metaInt(func(m *Meta) *int { return &m.Retry }),
	"retryreset": metaBool(func(m *Meta) *bool { return &m.RetryReset }),
	"delay":      metaUint(func(m *Meta) *uint64 { return &m.Delay }),
	"timeout":    metaUint(func(m *Meta) *uint64 { return &m.Timeout }),
	"poll":       metaInt(func(m *Meta) *int { return &m.Poll }),
	"limit": {hostabi.TypeFloat, func(m *Meta, v hostabi.Value) string {
		m.Limit = float64(v.(hostabi.FloatValue))
		return ""
	}},
	"burst":     metaInt(func(m *Meta) *int { return &m.Burst }),
	"reset":     metaBool(func(m *Meta) *bool { return &m.Reset }),
	"sema":      metaStrs(func(m *Meta) *[]string { return &m.Sema }),
	"rewatch":   metaBool(func(m *Meta) *bool { return &m.Rewatch }),
	"realize":   metaBool(func(m *Meta) *bool { return &m.Realize }),
	"dollar":    metaBool(func(m *Meta) *bool { return &m.Dollar }),
	"hidden":    metaBool(func(m *Meta) *bool { return &m.Hidden }),
	"export":    metaStrs(func(m *Meta) *[]string { return &m.Export }),
	"reverse":   metaBool(func(m *Meta) *bool { return &m.Reverse }),
	"autoedge":  metaBool(func(m *Meta) *bool { return &m.AutoEdge }),
	"autogroup": metaBool(func(m *Meta) *bool { return &m.AutoGroup }),
}

// MetaType returns the type of the metaparam called name (one of
// MetaNames), or nil for an unknown name.
func MetaType(name string) *hostabi.Type {
	f, ok := metaFields[name]
	if !ok {
		return nil
	}
	return f.typ
}

// Set sets the metaparam called name from a value of its MetaType. It fails
// for an unknown name, a value of another type or one out of range.
func (m *Meta) Set(name string, v hostabi.Value) error {
	f, ok := metaFields[name]
	switch {
	case !ok:
		return fmt.Errorf("unknown metaparam %q", name)
	case v == nil || !v.Type().Equal(f.typ):
		return fmt.Errorf("meta %s expects %s, got %v", name, f.typ, v)
	}
	if why := f.set(m, v); why != "" {
		return fmt.Errorf("meta %s: %s", name, why)
	}
	return nil
}
