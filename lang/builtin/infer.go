package builtin

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// inferHooks are the functions whose type depends on their arguments.
var inferHooks = map[string]InferFunc{
	"fmt.printf":                    inferPrintf,
	"iter.range":                    inferRange,
	"iter.reduce":                   inferReduce,
	"list.concat":                   inferListConcat,
	"golang.template":               inferTemplate,
	"encoding.decode_json":          inferDecodeJSON,
	"encoding.decode_json_flexible": inferDecodeJSON,
	"value.get":                     inferValueGet,
	"world.schedule":                inferSchedule,
}

// tv returns the type variable ?n.
func tv(n int) *hostabi.Type {
	return &hostabi.Type{Kind: hostabi.KindVar, Name: fmt.Sprintf("?%d", n)}
}

// funcOf returns the function type func(in...) out.
func funcOf(out *hostabi.Type, in ...*hostabi.Type) *hostabi.Type {
	fs := make([]hostabi.Field, len(in))
	for i, t := range in {
		fs[i].Type = t
	}
	return hostabi.NewFunc(out, fs...)
}

// inferPrintf types printf from its format string: one argument per verb,
// typed by the verb (%d int, %f float, %s and %q str, %t bool, %v and %T
// anything).
func inferPrintf(c *Call) (*hostabi.Type, error) {
	if len(c.Args) == 0 {
		return nil, fmt.Errorf("printf needs a format string")
	}
	format, ok := c.Args[0].Value.(string)
	if !ok {
		// A format known only at run time: the args type themselves.
		in := []*hostabi.Type{hostabi.TypeStr}
		for _, a := range c.Args[1:] {
			if a.Type == nil || a.Type.HasVars() {
				return nil, ErrNeedMore
			}
			in = append(in, a.Type)
		}
		return funcOf(hostabi.TypeStr, in...), nil
	}
	verbs, err := printfVerbs(format)
	if err != nil {
		return nil, err
	}
	if len(verbs) != len(c.Args)-1 {
		return nil, fmt.Errorf("number of args (%d) doesn't match format string verb count (%d)", len(c.Args)-1, len(verbs))
	}
	in := []*hostabi.Type{hostabi.TypeStr}
	for i, v := range verbs {
		if v == nil {
			v = tv(i + 1)
		}
		in = append(in, v)
	}
	return funcOf(hostabi.TypeStr, in...), nil
}

// printfVerbs returns the argument type of each verb of format (nil: any
// type).
func printfVerbs(format string) ([]*hostabi.Type, error) {
	var out []*hostabi.Type
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && (format[i] == '.' || format[i] == '-' || format[i] == '+' || format[i] == ' ' || format[i] == '#' || (format[i] >= '0' && format[i] <= '9')) {
			i++
		}
		if i >= len(format) {
			return nil, fmt.Errorf("format string ends in an incomplete verb")
		}
		switch format[i] {
		case '%':
		case 'd':
			out = append(out, hostabi.TypeInt)
		case 'f':
			out = append(out, hostabi.TypeFloat)
		case 's', 'q':
			out = append(out, hostabi.TypeStr)
		case 't':
			out = append(out, hostabi.TypeBool)
		case 'v', 'T':
			out = append(out, nil)
		default:
			return nil, fmt.Errorf("format verb %%%c is not supported", format[i])
		}
	}
	return out, nil
}

// inferRange: range([start,] stop [, step] int) []int.
func inferRange(c *Call) (*hostabi.Type, error) {
	if len(c.Args) < 1 || len(c.Args) > 3 {
		return nil, fmt.Errorf("range takes 1 to 3 int args, got %d", len(c.Args))
	}
	in := make([]*hostabi.Type, len(c.Args))
	for i := range in {
		in[i] = hostabi.TypeInt
	}
	return funcOf(hostabi.NewList(hostabi.TypeInt), in...), nil
}

// inferReduce: reduce([initial ?1,] inputs []?1, function func(?1, ?1) ?1) ?1.
func inferReduce(c *Call) (*hostabi.Type, error) {
	f := funcOf(tv(1), tv(1), tv(1))
	switch len(c.Args) {
	case 2:
		return funcOf(tv(1), hostabi.NewList(tv(1)), f), nil
	case 3:
		return funcOf(tv(1), tv(1), hostabi.NewList(tv(1)), f), nil
	}
	return nil, fmt.Errorf("reduce takes 2 or 3 args, got %d", len(c.Args))
}

// inferListConcat: concat([]?1, []?1, ...) []?1.
func inferListConcat(c *Call) (*hostabi.Type, error) {
	if len(c.Args) == 0 {
		return nil, fmt.Errorf("concat needs at least one list")
	}
	in := make([]*hostabi.Type, len(c.Args))
	for i := range in {
		in[i] = hostabi.NewList(tv(1))
	}
	return funcOf(hostabi.NewList(tv(1)), in...), nil
}

// inferSchedule: schedule(namespace str [, opts struct{...}]) []str; the
// older second argument is a struct of options (strategy, max, ttl).
func inferSchedule(c *Call) (*hostabi.Type, error) {
	switch len(c.Args) {
	case 1:
		return funcOf(hostabi.NewList(hostabi.TypeStr), hostabi.TypeStr), nil
	case 2:
		return funcOf(hostabi.NewList(hostabi.TypeStr), hostabi.TypeStr, tv(1)), nil
	}
	return nil, fmt.Errorf("schedule takes 1 or 2 args, got %d", len(c.Args))
}

// inferTemplate: template(tmpl str [, vars ?1]) str.
func inferTemplate(c *Call) (*hostabi.Type, error) {
	switch len(c.Args) {
	case 1:
		return funcOf(hostabi.TypeStr, hostabi.TypeStr), nil
	case 2:
		return funcOf(hostabi.TypeStr, hostabi.TypeStr, tv(1)), nil
	}
	return nil, fmt.Errorf("template takes 1 or 2 args, got %d", len(c.Args))
}

// inferDecodeJSON: decode_json(str) T, where T is the type written in the
// (constant) second argument, or the type that the result's use requires.
func inferDecodeJSON(c *Call) (*hostabi.Type, error) {
	switch len(c.Args) {
	case 1:
		if c.Out == nil || c.Out.HasVars() {
			return nil, ErrNeedMore
		}
		return funcOf(c.Out, hostabi.TypeStr), nil
	case 2:
		s, ok := c.Args[1].Value.(string)
		if !ok {
			return nil, fmt.Errorf("the type argument must be a constant string")
		}
		t, err := hostabi.ParseType(s)
		if err != nil {
			return nil, fmt.Errorf("the type argument: %w", err)
		}
		return funcOf(t, hostabi.TypeStr, hostabi.TypeStr), nil
	}
	return nil, fmt.Errorf("takes 1 or 2 args, got %d", len(c.Args))
}

// inferValueGet: get(key str) struct{value ?1; ready bool}.
func inferValueGet(c *Call) (*hostabi.Type, error) {
	if len(c.Args) != 1 {
		return nil, fmt.Errorf("get takes 1 arg, got %d", len(c.Args))
	}
	return funcOf(hostabi.NewStruct(hostabi.Field{Name: "value", Type: tv(1)}, hostabi.Field{Name: "ready", Type: hostabi.TypeBool}), hostabi.TypeStr), nil
}
