// Package libinfo is the one list of the first-party function library that
// both sides use: the library module (plugins/firstparty/libmod) registers
// these functions with sdk/go, and the host (libmod/lazylib) describes them
// to the registry from the same list, natively, without starting the
// module. Both take each function's FuncInfo from Info, so the
// signatures, the placeholder of a function without one, and the purity
// cannot differ; Diff tells a module built from other sources.
package libinfo

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/all"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/testfuncs"
)

// PlaceholderSig is the signature described for a library function whose
// Sig is "" (its type is inferred from its arguments, as printf's): the
// host's checker takes the signatures of library names from lang/builtin's
// table, not from the plugin, and the call verb always carries the
// settled signature.
const PlaceholderSig = "func() ?1"

// Funcs is the library: every function of lib/all, and the internal test
// functions of lib/testfuncs (names in the package "internal", which mcl
// programs cannot import).
func Funcs() []lib.Func {
	return append(all.All(), testfuncs.Funcs()...)
}

// Info is the description of f: its name, its signature parsed (the
// placeholder when it has none) and its purity. A signature that does
// not parse is an error naming the function.
func Info(f lib.Func) (hostabi.FuncInfo, error) {
	sig := f.Sig
	if sig == "" {
		sig = PlaceholderSig
	}
	t, err := hostabi.ParseType(sig)
	if err != nil {
		return hostabi.FuncInfo{}, fmt.Errorf("library function %s: signature %q: %w", f.Name, f.Sig, err)
	}
	if t.Kind != hostabi.KindFunc {
		return hostabi.FuncInfo{}, fmt.Errorf("library function %s: signature %q is not a func type", f.Name, f.Sig)
	}
	return hostabi.FuncInfo{Name: f.Name, Type: t, Pure: f.Pure}, nil
}

// Infos describes every function of Funcs, in its order. A name listed
// twice is an error, as a signature that does not parse is.
func Infos() ([]hostabi.FuncInfo, error) { return infos(Funcs()) }

// infos describes funcs, in order.
func infos(funcs []lib.Func) ([]hostabi.FuncInfo, error) {
	out := make([]hostabi.FuncInfo, 0, len(funcs))
	seen := make(map[string]bool, len(funcs))
	for _, f := range funcs {
		if seen[f.Name] {
			return nil, fmt.Errorf("library function %s is listed twice", f.Name)
		}
		seen[f.Name] = true
		info, err := Info(f)
		if err != nil {
			return nil, err
		}
		out = append(out, info)
	}
	return out, nil
}

// Diff compares two descriptions of the library (the native one and what
// a module described) and returns one line per difference, sorted: a
// function only one of them has, or one whose signature, purity or infer
// flag differs. Order does not matter. Nil means they are equal.
func Diff(native, described []hostabi.FuncInfo) []string {
	byName := func(fs []hostabi.FuncInfo) map[string]hostabi.FuncInfo {
		m := make(map[string]hostabi.FuncInfo, len(fs))
		for _, f := range fs {
			m[f.Name] = f
		}
		return m
	}
	n, d := byName(native), byName(described)
	var out []string
	for name, nf := range n {
		df, ok := d[name]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%s: not in the module", name))
		case !sameType(nf.Type, df.Type):
			out = append(out, fmt.Sprintf("%s: signature %s natively, %s in the module", name, nf.Type, df.Type))
		case nf.Pure != df.Pure:
			out = append(out, fmt.Sprintf("%s: pure %v natively, %v in the module", name, nf.Pure, df.Pure))
		case nf.Infer != df.Infer:
			out = append(out, fmt.Sprintf("%s: infer %v natively, %v in the module", name, nf.Infer, df.Infer))
		}
	}
	for name := range d {
		if _, ok := n[name]; !ok {
			out = append(out, fmt.Sprintf("%s: only in the module", name))
		}
	}
	if n, d := duplicates(native), duplicates(described); len(n)+len(d) > 0 {
		for _, name := range n {
			out = append(out, fmt.Sprintf("%s: listed twice natively", name))
		}
		for _, name := range d {
			out = append(out, fmt.Sprintf("%s: described twice by the module", name))
		}
	}
	sort.Strings(out)
	return out
}

// sameType compares two signatures, either of which may be nil, with
// their argument names (which Type.Equal leaves out).
func sameType(a, b *hostabi.Type) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Equal(b) && a.String() == b.String()
}

// duplicates lists the names fs holds more than once.
func duplicates(fs []hostabi.FuncInfo) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.Name
	}
	slices.Sort(names)
	var out []string
	for i := 1; i < len(names); i++ {
		if names[i] == names[i-1] && (len(out) == 0 || out[len(out)-1] != names[i]) {
			out = append(out, names[i])
		}
	}
	return out
}

// Summary joins the first lines of a Diff for an error message.
func Summary(diff []string, max int) string {
	if len(diff) <= max {
		return strings.Join(diff, "; ")
	}
	return strings.Join(diff[:max], "; ") + fmt.Sprintf("; and %d more", len(diff)-max)
}
