// Package encfuncs is mcl's encoding package: base64 and JSON decoding.
package encfuncs

import (
	"encoding/base64"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// Funcs returns the functions of the encoding package. The JSON decoders'
// result type comes from the call (the checker infers it from a constant
// type string or from the use of the result), so their Sig is empty.
func Funcs() []lib.Func {
	return []lib.Func{
		{Name: "encoding.base64_encode", Sig: "func(data str) str", Pure: true, Impl: base64Encode},
		{Name: "encoding.base64_decode", Sig: "func(data str) str", Pure: true, Impl: base64Decode},
		{Name: "encoding.decode_json", Sig: "", Pure: true, Impl: decodeJSON("encoding.decode_json", false)},
		{Name: "encoding.decode_json_flexible", Sig: "", Pure: true, Impl: decodeJSON("encoding.decode_json_flexible", true)},
	}
}

// base64Encode encodes data with the standard, padded base64 alphabet.
func base64Encode(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "encoding.base64_encode", 0)
	if err != nil {
		return nil, err
	}
	return hostabi.StrValue(base64.StdEncoding.EncodeToString([]byte(s))), nil
}

// base64Decode decodes standard, padded base64.
func base64Decode(c *lib.Call) (hostabi.Value, error) {
	s, err := lib.Arg[hostabi.StrValue](c, "encoding.base64_decode", 0)
	if err != nil {
		return nil, err
	}
	b, err := base64.StdEncoding.DecodeString(string(s))
	if err != nil {
		return nil, fmt.Errorf("encoding.base64_decode: could not decode base64: %w", err)
	}
	return hostabi.StrValue(b), nil
}

// decodeJSON returns the implementation of decode_json (or, if flexible,
// decode_json_flexible): func(data str [, type str]) T, where T is the
// call's result type, which an optional type argument must agree with.
func decodeJSON(name string, flexible bool) func(c *lib.Call) (hostabi.Value, error) {
	return func(c *lib.Call) (hostabi.Value, error) {
		if len(c.Args) < 1 || len(c.Args) > 2 {
			return nil, fmt.Errorf("%s: takes 1 or 2 args, got %d", name, len(c.Args))
		}
		data, err := lib.Arg[hostabi.StrValue](c, name, 0)
		if err != nil {
			return nil, err
		}
		typ := c.Out()
		if len(c.Args) == 2 {
			spec, err := lib.Arg[hostabi.StrValue](c, name, 1)
			if err != nil {
				return nil, err
			}
			t, err := hostabi.ParseType(string(spec))
			if err != nil {
				return nil, fmt.Errorf("%s: invalid type specification: %w", name, err)
			}
			if typ != nil && !typ.Equal(t) {
				return nil, fmt.Errorf("%s: incompatible types: the result is a %s but the type argument says %s", name, typ, t)
			}
			typ = t
		}
		if typ == nil {
			return nil, fmt.Errorf("%s: the result type is not known", name)
		}
		v, err := DecodeJSON(string(data), typ, flexible)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return v, nil
	}
}
