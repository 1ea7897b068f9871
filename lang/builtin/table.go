package builtin

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// KindSource gives the schemas of resource kinds; a plugin registry
// satisfies it.
type KindSource interface {
	// Lookup returns the schema of a resource kind.
	Lookup(kind string) (*hostabi.KindInfo, bool)
}

// Table is a Registry: the language's built-in functions and the library's
// signatures, the built-in variables, and resource kinds from a KindSource.
// It is safe for concurrent use once built.
type Table struct {
	funcs map[string]fn
	vars  map[string]Var
	pkgs  []string
	kinds KindSource
}

// fn is one function of a Table.
type fn struct {
	sig   *hostabi.Type
	infer InferFunc
}

// NewTable returns the table of the built-in functions and variables, with
// resource kinds from kinds (which may be nil: no kinds). hostname is the
// value of $hostname.
func NewTable(kinds KindSource, hostname string) (*Table, error) {
	t := &Table{funcs: map[string]fn{}, vars: map[string]Var{}, kinds: kinds}
	pkgs := map[string]bool{}
	for _, row := range librarySigs {
		name, sig := row[0], row[1]
		if i := strings.LastIndexByte(name, '.'); i > 0 {
			pkgs[name[:i]] = true
		}
		if sig == "?" {
			continue // typed by an infer hook, or not supported yet
		}
		typ, err := hostabi.ParseType(sig)
		if err != nil {
			return nil, fmt.Errorf("builtin %s: %w", name, err)
		}
		t.funcs[name] = fn{sig: typ}
	}
	for name, h := range inferHooks {
		t.funcs[name] = fn{infer: h}
	}
	for p := range pkgs {
		t.pkgs = append(t.pkgs, p)
	}
	sort.Strings(t.pkgs)
	for _, v := range builtinVars {
		t.vars[v.name] = Var{Type: typeOf(v.value), Value: v.value}
	}
	t.vars["hostname"] = Var{Type: hostabi.TypeStr, Value: hostname}
	return t, nil
}

// Func implements Registry.
func (t *Table) Func(name string) (*hostabi.Type, InferFunc, bool) {
	f, ok := t.funcs[name]
	return f.sig, f.infer, ok
}

// Kind implements Registry.
func (t *Table) Kind(kind string) (*hostabi.KindInfo, bool) {
	if t.kinds == nil {
		return nil, false
	}
	return t.kinds.Lookup(kind)
}

// Packages implements Registry.
func (t *Table) Packages() []string { return t.pkgs }

// Var implements Registry.
func (t *Table) Var(name string) (Var, bool) {
	v, ok := t.vars[name]
	return v, ok
}

// SetVar adds or replaces a built-in variable (for instance
// $purpleidea, which upstream's test harness defines).
func (t *Table) SetVar(name string, v Var) { t.vars[name] = v }

// typeOf is the type of a constant.
func typeOf(v any) *hostabi.Type {
	switch v.(type) {
	case int64:
		return hostabi.TypeInt
	case float64:
		return hostabi.TypeFloat
	case bool:
		return hostabi.TypeBool
	}
	return hostabi.TypeStr
}
