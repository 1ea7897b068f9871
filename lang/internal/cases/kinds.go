package cases

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// ReferenceDir is where upstream's reference lists are, relative to a
// package directory of lang/.
const ReferenceDir = "../../../shared/reference"

// sends are the fields some of upstream's kinds send (the reference lists
// do not have them).
var sends = map[string][]hostabi.ParamInfo{
	"test":     {{Name: "hello", Type: hostabi.TypeStr}, {Name: "answer", Type: hostabi.TypeInt}},
	"exec":     {{Name: "output", Type: hostabi.TypeStr}, {Name: "stdout", Type: hostabi.TypeStr}, {Name: "stderr", Type: hostabi.TypeStr}},
	"password": {{Name: "password", Type: hostabi.TypeStr}},
}

// Kinds reads upstream's resource kinds and their params from the
// reference lists in dir, as the schemas a fake registry would report:
// params whose Go type has no mcl equivalent are left out. It returns nil
// when the lists are not there.
func Kinds(dir string) map[string]*hostabi.KindInfo {
	kb, err1 := os.ReadFile(filepath.Join(dir, "resource-kinds.txt"))
	pb, err2 := os.ReadFile(filepath.Join(dir, "resource-params.txt"))
	if err1 != nil || err2 != nil {
		return nil
	}
	norm := func(s string) string {
		return strings.NewReplacer(":", "", "_", "").Replace(strings.ToLower(s))
	}
	params := map[string]string{}
	for _, line := range strings.Split(string(pb), "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 3 && !strings.HasPrefix(line, "#") {
			params[strings.TrimSuffix(norm(f[0]), "res")] = f[2]
		}
	}
	out := map[string]*hostabi.KindInfo{}
	for _, line := range strings.Split(string(kb), "\n") {
		f := strings.Split(line, "\t")
		if len(f) < 2 || strings.HasPrefix(line, "#") {
			continue
		}
		k := &hostabi.KindInfo{Kind: f[0], Sends: sends[f[0]]}
		k.Traits.Send = strings.Contains(f[1], "Sendable")
		k.Traits.Recv = strings.Contains(f[1], "Recvable")
		for _, p := range strings.Split(params[norm(f[0])], ", ") {
			name, gotype, ok := strings.Cut(p, ":")
			if t := goType(gotype); ok && t != nil {
				k.Params = append(k.Params, hostabi.ParamInfo{Name: name, Type: t})
			}
		}
		out[f[0]] = k
	}
	return out
}

// goType is the mcl type of a Go type of a resource param, or nil.
func goType(s string) *hostabi.Type {
	s = strings.TrimLeft(s, "*")
	switch s {
	case "string":
		return hostabi.TypeStr
	case "bool":
		return hostabi.TypeBool
	case "int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64", "byte", "rune":
		return hostabi.TypeInt
	case "float32", "float64":
		return hostabi.TypeFloat
	}
	if e, ok := strings.CutPrefix(s, "[]"); ok {
		if t := goType(e); t != nil {
			return hostabi.NewList(t)
		}
		return nil
	}
	if rest, ok := strings.CutPrefix(s, "map["); ok {
		k, v, _ := strings.Cut(rest, "]")
		if kt, vt := goType(k), goType(v); kt != nil && vt != nil {
			return hostabi.NewMap(kt, vt)
		}
	}
	return nil
}
