package golangfuncs

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// This file adapts Go functions of strings, ints, floats, bools and string
// slices to [impl]: fN wraps a function of N arguments with one result, eN
// one that also returns an error. An int parameter takes an mcl int
// (int64) converted to Go's int, which is 64 bits wide on wasm and amd64.

// arity checks that c has n arguments.
func arity(c *lib.Call, n int) error {
	if len(c.Args) != n {
		return fmt.Errorf("expected %d arguments, got %d", n, len(c.Args))
	}
	return nil
}

// arg converts argument i of c to T (string, int64, int, float64, bool or
// []string).
func arg[T any](c *lib.Call, i int) (T, error) {
	var out T
	v := c.Args[i]
	ok := false
	switch p := any(&out).(type) {
	case *string:
		var s hostabi.StrValue
		s, ok = v.(hostabi.StrValue)
		*p = string(s)
	case *int64:
		var n hostabi.IntValue
		n, ok = v.(hostabi.IntValue)
		*p = int64(n)
	case *int:
		var n hostabi.IntValue
		n, ok = v.(hostabi.IntValue)
		*p = int(n)
	case *float64:
		var f hostabi.FloatValue
		f, ok = v.(hostabi.FloatValue)
		*p = float64(f)
	case *bool:
		var b hostabi.BoolValue
		b, ok = v.(hostabi.BoolValue)
		*p = bool(b)
	case *[]string:
		*p, ok = strList(v)
	default:
		panic(fmt.Sprintf("golangfuncs: no conversion to %T", out))
	}
	if !ok {
		return out, fmt.Errorf("argument %d: expected %T, got %s", i, out, typeOf(v))
	}
	return out, nil
}

// strList converts an mcl []str.
func strList(v hostabi.Value) ([]string, bool) {
	l, ok := v.(*hostabi.ListValue)
	if !ok {
		return nil, false
	}
	out := make([]string, len(l.Items))
	for i, item := range l.Items {
		s, ok := item.(hostabi.StrValue)
		if !ok {
			return nil, false
		}
		out[i] = string(s)
	}
	return out, true
}

// typeOf names v's type for an error, tolerating nil.
func typeOf(v hostabi.Value) string {
	if v == nil {
		return "nothing"
	}
	return v.Type().String()
}

// val converts a Go result to an mcl value.
func val[T any](x T) hostabi.Value {
	switch v := any(x).(type) {
	case string:
		return hostabi.StrValue(v)
	case int:
		return hostabi.IntValue(v)
	case int64:
		return hostabi.IntValue(v)
	case float64:
		return hostabi.FloatValue(v)
	case bool:
		return hostabi.BoolValue(v)
	}
	panic(fmt.Sprintf("golangfuncs: no conversion from %T", x))
}

// f0 adapts func() R.
func f0[R any](f func() R) impl {
	return e0(func() (R, error) { return f(), nil })
}

// f1 adapts func(A) R.
func f1[A, R any](f func(A) R) impl {
	return e1(func(a A) (R, error) { return f(a), nil })
}

// f2 adapts func(A, B) R.
func f2[A, B, R any](f func(A, B) R) impl {
	return e2(func(a A, b B) (R, error) { return f(a, b), nil })
}

// f3 adapts func(A, B, C) R.
func f3[A, B, C, R any](f func(A, B, C) R) impl {
	return e3(func(a A, b B, c C) (R, error) { return f(a, b, c), nil })
}

// f4 adapts func(A, B, C, D) R.
func f4[A, B, C, D, R any](f func(A, B, C, D) R) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 4); err != nil {
			return nil, err
		}
		a, err := arg[A](c, 0)
		if err != nil {
			return nil, err
		}
		b, err := arg[B](c, 1)
		if err != nil {
			return nil, err
		}
		x, err := arg[C](c, 2)
		if err != nil {
			return nil, err
		}
		d, err := arg[D](c, 3)
		if err != nil {
			return nil, err
		}
		return val(f(a, b, x, d)), nil
	}
}

// e0 adapts func() (R, error).
func e0[R any](f func() (R, error)) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 0); err != nil {
			return nil, err
		}
		return result(f())
	}
}

// e1 adapts func(A) (R, error).
func e1[A, R any](f func(A) (R, error)) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 1); err != nil {
			return nil, err
		}
		a, err := arg[A](c, 0)
		if err != nil {
			return nil, err
		}
		return result(f(a))
	}
}

// e2 adapts func(A, B) (R, error).
func e2[A, B, R any](f func(A, B) (R, error)) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 2); err != nil {
			return nil, err
		}
		a, err := arg[A](c, 0)
		if err != nil {
			return nil, err
		}
		b, err := arg[B](c, 1)
		if err != nil {
			return nil, err
		}
		return result(f(a, b))
	}
}

// e3 adapts func(A, B, C) (R, error).
func e3[A, B, C, R any](f func(A, B, C) (R, error)) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 3); err != nil {
			return nil, err
		}
		a, err := arg[A](c, 0)
		if err != nil {
			return nil, err
		}
		b, err := arg[B](c, 1)
		if err != nil {
			return nil, err
		}
		x, err := arg[C](c, 2)
		if err != nil {
			return nil, err
		}
		return result(f(a, b, x))
	}
}

// result converts a Go result and error.
func result[R any](r R, err error) (hostabi.Value, error) {
	if err != nil {
		return nil, err
	}
	return val(r), nil
}

// h0 adapts a function of the host with no arguments.
func h0[R any](f func(h lib.Host) (R, error)) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 0); err != nil {
			return nil, err
		}
		h, err := hostinfo.Of(c)
		if err != nil {
			return nil, err
		}
		return result(f(h))
	}
}

// h1 adapts a function of the host and one argument.
func h1[A, R any](f func(h lib.Host, a A) (R, error)) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 1); err != nil {
			return nil, err
		}
		h, err := hostinfo.Of(c)
		if err != nil {
			return nil, err
		}
		a, err := arg[A](c, 0)
		if err != nil {
			return nil, err
		}
		return result(f(h, a))
	}
}

// h2 adapts a function of the host and two arguments.
func h2[A, B, R any](f func(h lib.Host, a A, b B) (R, error)) impl {
	return func(c *lib.Call) (hostabi.Value, error) {
		if err := arity(c, 2); err != nil {
			return nil, err
		}
		h, err := hostinfo.Of(c)
		if err != nil {
			return nil, err
		}
		a, err := arg[A](c, 0)
		if err != nil {
			return nil, err
		}
		b, err := arg[B](c, 1)
		if err != nil {
			return nil, err
		}
		return result(f(h, a, b))
	}
}
