package tmplfuncs

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"text/template"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// TemplateName is the name under which a template calls the library
// function called name, as upstream names them: the package separators
// '.' and '/' become '_' (strings.to_upper is strings_to_upper,
// golang/strings.to_lower is golang_strings_to_lower), and a name without
// a package gets a leading '_' so that it cannot clash with those.
func TemplateName(name string) string {
	out := strings.NewReplacer(".", "_", "/", "_").Replace(name)
	if out == name {
		return "_" + name
	}
	return out
}

// templateFunc is a library function callable from templates.
type templateFunc struct {
	f   lib.Func
	sig *hostabi.Type
}

// funcTable is the functions templates can call, by template name.
type funcTable map[string]templateFunc

// newFuncTable picks the functions of fs that templates can call: the
// pure ones with a fixed signature (no type variables, not inferred).
// Where two names give the same template name, the first one wins.
func newFuncTable(fs []lib.Func) funcTable {
	out := funcTable{}
	for _, f := range fs {
		if !f.Pure || f.Sig == "" || f.Impl == nil {
			continue
		}
		sig, err := hostabi.ParseType(f.Sig)
		if err != nil || sig.Kind != hostabi.KindFunc || sig.HasVars() {
			continue
		}
		name := TemplateName(f.Name)
		if _, dup := out[name]; !dup {
			out[name] = templateFunc{f: f, sig: sig}
		}
	}
	return out
}

// TemplateFuncs lists the template names of the functions of library
// that templates can call, sorted.
func TemplateFuncs(library []lib.Func) []string {
	var names []string
	for n := range newFuncTable(library) {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// funcMap returns the template functions, calling the library with host.
func (t funcTable) funcMap(host lib.Host) template.FuncMap {
	m := template.FuncMap{}
	for name, tf := range t {
		m[name] = func(args ...any) (any, error) { return tf.call(name, host, args) }
	}
	return m
}

// call converts the template's arguments to the function's argument
// types, calls it and converts its result back to template data.
func (tf templateFunc) call(name string, host lib.Host, args []any) (any, error) {
	if len(args) != len(tf.sig.In) {
		return nil, fmt.Errorf("%s takes %d args, got %d", name, len(tf.sig.In), len(args))
	}
	c := &lib.Call{Type: tf.sig, Host: host, Args: make([]hostabi.Value, len(args))}
	for i, a := range args {
		v, err := fromGo(reflect.ValueOf(a), tf.sig.In[i].Type)
		if err != nil {
			return nil, fmt.Errorf("%s: arg %d: %w", name, i, err)
		}
		c.Args[i] = v
	}
	v, err := tf.f.Impl(c)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, fmt.Errorf("%s returned no value", name)
	}
	return toTemplate(v), nil
}

// fromGo converts template data to a value of type t: Go booleans,
// strings, integers and floats (an integer fits a float too), slices and
// arrays for lists, and maps for maps.
func fromGo(x reflect.Value, t *hostabi.Type) (hostabi.Value, error) {
	for x.IsValid() && x.Kind() == reflect.Interface {
		x = x.Elem()
	}
	if !x.IsValid() {
		return nil, fmt.Errorf("%w: expected %s, got nothing", hostabi.ErrType, t)
	}
	switch t.Kind {
	case hostabi.KindBool:
		if x.Kind() == reflect.Bool {
			return hostabi.BoolValue(x.Bool()), nil
		}
	case hostabi.KindStr:
		if x.Kind() == reflect.String {
			return hostabi.StrValue(x.String()), nil
		}
	case hostabi.KindInt:
		if x.CanInt() {
			return hostabi.IntValue(x.Int()), nil
		}
		if x.CanUint() {
			if u := x.Uint(); u <= 1<<63-1 {
				return hostabi.IntValue(int64(u)), nil
			}
		}
	case hostabi.KindFloat:
		switch {
		case x.CanFloat():
			return hostabi.FloatValue(x.Float()), nil
		case x.CanInt():
			return hostabi.FloatValue(float64(x.Int())), nil
		case x.CanUint():
			return hostabi.FloatValue(float64(x.Uint())), nil
		}
	case hostabi.KindList:
		if x.Kind() == reflect.Slice || x.Kind() == reflect.Array {
			l := &hostabi.ListValue{T: t, Items: make([]hostabi.Value, x.Len())}
			for i := range x.Len() {
				v, err := fromGo(x.Index(i), t.Elem)
				if err != nil {
					return nil, fmt.Errorf("item %d: %w", i, err)
				}
				l.Items[i] = v
			}
			return l, nil
		}
	case hostabi.KindMap:
		if x.Kind() == reflect.Map {
			var keys, vals []hostabi.Value
			for it := x.MapRange(); it.Next(); {
				k, err := fromGo(it.Key(), t.Key)
				if err != nil {
					return nil, fmt.Errorf("key: %w", err)
				}
				v, err := fromGo(it.Value(), t.Val)
				if err != nil {
					return nil, fmt.Errorf("value: %w", err)
				}
				keys, vals = append(keys, k), append(vals, v)
			}
			return hostabi.NewMapValue(t, keys, vals)
		}
	}
	return nil, fmt.Errorf("%w: expected %s, got %s", hostabi.ErrType, t, x.Type())
}
