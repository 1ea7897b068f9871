package yamlgraph

import (
	"errors"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"
)

// outOfRange reports whether a plain scalar is a number too large for int64
// or float64, which goccy's parser leaves as a string.
func outOfRange(s string) bool {
	s = strings.ReplaceAll(s, "_", "")
	if s == "" || !strings.ContainsAny(s[:1], "+-.0123456789") {
		return false
	}
	_, err := strconv.ParseInt(s, 0, 64)
	if errors.Is(err, strconv.ErrRange) {
		return true
	}
	_, err = strconv.ParseFloat(s, 64)
	return errors.Is(err, strconv.ErrRange)
}

// tag applies one of YAML's standard tags (!!str, !!int, !!float, !!bool,
// !!null, !!map, !!seq); others are rejected.
func (b *builder) tag(here pos, x *ast.TagNode) (*node, error) {
	name := ""
	if x.Start != nil {
		name = x.Start.Value
	}
	v, err := b.build(x.Value, here)
	if err != nil {
		return nil, err
	}
	bad := func(want string) (*node, error) {
		return nil, b.p.errAt(here, "%s: cannot read %s as %s", name, v.describe(), want)
	}
	switch name {
	case "!!map":
		if v.kind != mapNode {
			return bad("a map")
		}
		return v, nil
	case "!!seq":
		if v.kind != seqNode {
			return bad("a list")
		}
		return v, nil
	}
	if v.kind != scalarNode {
		if name == "!!str" || name == "!!int" || name == "!!float" || name == "!!bool" || name == "!!null" {
			return bad("a scalar")
		}
		return nil, b.p.errAt(here, "unsupported tag %s", name)
	}
	c := *v
	c.at = here
	raw := ""
	if x.Value != nil && x.Value.GetToken() != nil {
		raw = x.Value.GetToken().Value
	}
	switch name {
	case "!!str":
		switch s := v.val.(type) {
		case string:
			c.val = s
		case nil:
			c.val = ""
			if x.Value != nil {
				c.val = raw
			}
		default:
			c.val = raw
		}
	case "!!int":
		switch s := v.val.(type) {
		case int64, uint64:
		case string:
			i, err := strconv.ParseInt(s, 0, 64)
			if err != nil {
				return bad("an int")
			}
			c.val = i
		default:
			return bad("an int")
		}
	case "!!float":
		switch s := v.val.(type) {
		case float64:
		case int64:
			c.val = float64(s)
		case uint64:
			c.val = float64(s)
		case string:
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				return bad("a float")
			}
			c.val = f
		default:
			return bad("a float")
		}
	case "!!bool":
		if _, ok := v.val.(bool); !ok {
			return bad("a bool")
		}
	case "!!null":
		if v.val != nil {
			return bad("null")
		}
	default:
		return nil, b.p.errAt(here, "unsupported tag %s", name)
	}
	return &c, nil
}
