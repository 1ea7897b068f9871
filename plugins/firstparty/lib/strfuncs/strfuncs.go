// Package strfuncs is mcl's strings package: strings.split, to_upper,
// substr, left_pad and the rest of upstream mgmt's core strings functions.
package strfuncs

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the strings package.
func Funcs() []lib.Func {
	return []lib.Func{
		strStr("strings.to_lower", "a", strings.ToLower),
		strStr("strings.to_upper", "a", strings.ToUpper),
		strStr("strings.trim_space", "a", strings.TrimSpace),
		strStrBool("strings.contains", "substr", strings.Contains),
		strStrBool("strings.has_prefix", "prefix", strings.HasPrefix),
		strStrBool("strings.has_suffix", "suffix", strings.HasSuffix),
		{Name: "strings.replace_all", Sig: "func(s str, old str, new str) str", Pure: true, Impl: replaceAll},
		{Name: "strings.split", Sig: "func(a str, b str) []str", Pure: true, Impl: split},
		{Name: "strings.join_nonempty", Sig: "func(s []str, sep str) str", Pure: true, Impl: joinNonempty},
		{Name: "strings.substr", Sig: "func(s str, low int, high int) str", Pure: true, Impl: substr},
		{Name: "strings.left_pad", Sig: "func(s str, pad str, len int) str", Pure: true, Impl: pad("strings.left_pad", true)},
		{Name: "strings.right_pad", Sig: "func(s str, pad str, len int) str", Pure: true, Impl: pad("strings.right_pad", false)},
	}
}

// strStr builds a pure func(argName str) str from f.
func strStr(name, argName string, f func(string) string) lib.Func {
	return lib.Func{Name: name, Sig: "func(" + argName + " str) str", Pure: true, Impl: func(c *lib.Call) (hostabi.Value, error) {
		s, err := lib.Arg[hostabi.StrValue](c, name, 0)
		if err != nil {
			return nil, err
		}
		return hostabi.StrValue(f(string(s))), nil
	}}
}

// strStrBool builds a pure func(s str, argName str) bool from f.
func strStrBool(name, argName string, f func(string, string) bool) lib.Func {
	return lib.Func{Name: name, Sig: "func(s str, " + argName + " str) bool", Pure: true, Impl: func(c *lib.Call) (hostabi.Value, error) {
		s, err := lib.Arg[hostabi.StrValue](c, name, 0)
		if err != nil {
			return nil, err
		}
		t, err := lib.Arg[hostabi.StrValue](c, name, 1)
		if err != nil {
			return nil, err
		}
		return hostabi.BoolValue(f(string(s), string(t))), nil
	}}
}

// replaceAll replaces every non-overlapping old in s with new.
func replaceAll(c *lib.Call) (hostabi.Value, error) {
	var s [3]hostabi.StrValue
	for i := range s {
		v, err := lib.Arg[hostabi.StrValue](c, "strings.replace_all", i)
		if err != nil {
			return nil, err
		}
		s[i] = v
	}
	return hostabi.StrValue(strings.ReplaceAll(string(s[0]), string(s[1]), string(s[2]))), nil
}

// split cuts a around every b and returns the pieces, as Go's
// strings.Split does (an empty b splits into UTF-8 characters).
func split(c *lib.Call) (hostabi.Value, error) {
	a, err := lib.Arg[hostabi.StrValue](c, "strings.split", 0)
	if err != nil {
		return nil, err
	}
	b, err := lib.Arg[hostabi.StrValue](c, "strings.split", 1)
	if err != nil {
		return nil, err
	}
	parts := strings.Split(string(a), string(b))
	l := &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr), Items: make([]hostabi.Value, len(parts))}
	for i, p := range parts {
		l.Items[i] = hostabi.StrValue(p)
	}
	return l, nil
}

// joinNonempty joins the non-empty strings of s with sep.
func joinNonempty(c *lib.Call) (hostabi.Value, error) {
	l, err := lib.Arg[*hostabi.ListValue](c, "strings.join_nonempty", 0)
	if err != nil {
		return nil, err
	}
	sep, err := lib.Arg[hostabi.StrValue](c, "strings.join_nonempty", 1)
	if err != nil {
		return nil, err
	}
	var parts []string
	for i, item := range l.Items {
		s, ok := item.(hostabi.StrValue)
		if !ok {
			return nil, fmt.Errorf("strings.join_nonempty: item %d: %w: expected str, got %s", i, hostabi.ErrType, item.Type())
		}
		if s != "" {
			parts = append(parts, string(s))
		}
	}
	return hostabi.StrValue(strings.Join(parts, string(sep))), nil
}

// substr returns the bytes of s from low up to high.
func substr(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "strings.substr", 0)
	if err != nil {
		return nil, err
	}
	low, err := lib.Arg[hostabi.IntValue](c, "strings.substr", 1)
	if err != nil {
		return nil, err
	}
	high, err := lib.Arg[hostabi.IntValue](c, "strings.substr", 2)
	if err != nil {
		return nil, err
	}
	n := hostabi.IntValue(len(s))
	if low < 0 || high < 0 || low > n || high > n || low > high {
		return nil, fmt.Errorf("strings.substr: low/high out of range: [%d:%d] of a %d byte string", low, high, n)
	}
	return s[low:high], nil
}

// pad returns the implementation of left_pad (left) or right_pad: it adds
// whole copies of pad to s until s is at least length bytes long, so a pad
// of several bytes may overshoot.
func pad(name string, left bool) func(c *lib.Call) (hostabi.Value, error) {
	return func(c *lib.Call) (hostabi.Value, error) {
		s, err := lib.Arg[hostabi.StrValue](c, name, 0)
		if err != nil {
			return nil, err
		}
		p, err := lib.Arg[hostabi.StrValue](c, name, 1)
		if err != nil {
			return nil, err
		}
		length, err := lib.Arg[hostabi.IntValue](c, name, 2)
		if err != nil {
			return nil, err
		}
		missing := int64(length) - int64(len(s))
		if missing <= 0 {
			return s, nil
		}
		if p == "" {
			return nil, fmt.Errorf("%s: cannot pad %d bytes with an empty pad string", name, missing)
		}
		if missing > maxPad {
			return nil, fmt.Errorf("%s: padding to %d bytes is more than the limit of %d", name, length, maxPad)
		}
		copies := strings.Repeat(string(p), int((missing+int64(len(p))-1)/int64(len(p))))
		if left {
			return hostabi.StrValue(copies) + s, nil
		}
		return s + hostabi.StrValue(copies), nil
	}
}

// maxPad bounds how many bytes left_pad and right_pad add.
const maxPad = 1 << 20
