package mgmt

import (
	"slices"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Params are a resource's params: every param its kind declared, each of
// the declared type (the SDK checks that before calling the kind's
// constructor), and which of them the user set.
//
// Params is a struct rather than a map of values because whether a param
// was set is not a property of its value: a map could only carry it in a
// reserved key or in package state shared by every call. Both fields are
// exported, so a kind's native tests can build Params as a literal. Code
// that indexed the former map indexes Values instead; the accessors (Str,
// Int, List, ...) are unchanged.
type Params struct {
	// Values holds every declared param by name: the user's value, or
	// the default for a param in Unset.
	Values map[string]hostabi.Value
	// Unset names the params the user did not set, which hold their
	// defaults (hostabi.ResourceSpec.Unset, plus any param the request
	// left out). Empty means every param was set.
	Unset []string
}

// IsSet reports whether the user set the param called name, even to its
// zero or default value. It is false for an undeclared name and for a
// param that only holds its default: a file kind with an unset content
// leaves the content alone, while content set to "" empties the file.
func (p Params) IsSet(name string) bool {
	_, ok := p.Values[name]
	return ok && !slices.Contains(p.Unset, name)
}

// Str returns the str param called name, or "".
func (p Params) Str(name string) string {
	v, _ := p.Values[name].(hostabi.StrValue)
	return string(v)
}

// Int returns the int param called name, or 0.
func (p Params) Int(name string) int64 {
	v, _ := p.Values[name].(hostabi.IntValue)
	return int64(v)
}

// Bool returns the bool param called name, or false.
func (p Params) Bool(name string) bool {
	v, _ := p.Values[name].(hostabi.BoolValue)
	return bool(v)
}

// Float returns the float param called name, or 0.
func (p Params) Float(name string) float64 {
	v, _ := p.Values[name].(hostabi.FloatValue)
	return float64(v)
}

// List returns the items of the list param called name (a copy), or nil
// when it is not a list.
func (p Params) List(name string) []hostabi.Value {
	l, ok := p.Values[name].(*hostabi.ListValue)
	if !ok {
		return nil
	}
	return slices.Clone(l.Items)
}

// Strs returns the []str param called name as strings, or nil when it is
// not a list of str.
func (p Params) Strs(name string) []string {
	l, ok := p.Values[name].(*hostabi.ListValue)
	if !ok || l.T == nil || !l.T.Elem.Equal(hostabi.TypeStr) {
		return nil
	}
	out := make([]string, len(l.Items))
	for i, v := range l.Items {
		s, _ := v.(hostabi.StrValue)
		out[i] = string(s)
	}
	return out
}

// StrMap returns the map{str: str} param called name as a Go map, or nil
// when it is not a map from str to str.
func (p Params) StrMap(name string) map[string]string {
	m, ok := p.Values[name].(*hostabi.MapValue)
	if !ok || m.T == nil || !m.T.Key.Equal(hostabi.TypeStr) || !m.T.Val.Equal(hostabi.TypeStr) {
		return nil
	}
	out := make(map[string]string, len(m.Keys))
	for i, k := range m.Keys {
		ks, _ := k.(hostabi.StrValue)
		vs, _ := m.Vals[i].(hostabi.StrValue)
		out[string(ks)] = string(vs)
	}
	return out
}

// Go returns the param called name as a plain Go value (see
// [hostabi.ToGo]), or nil.
func (p Params) Go(name string) any {
	if v, ok := p.Values[name]; ok {
		return hostabi.ToGo(v)
	}
	return nil
}

// ParamsOf returns the params of spec, a resource of a registered kind,
// checked and completed as a constructor receives them. It is meant for
// the members of a group (see [Context.Group]).
func ParamsOf(spec *hostabi.ResourceSpec) (Params, error) {
	k, err := lookup(spec.Kind)
	if err != nil {
		return Params{}, err
	}
	return k.params(spec)
}
