// Package osfuncs is mgmt's os.* function library: the commands, users
// and distribution of the machine mgmt runs on, read through the call's
// [lib.Host] (see package hostinfo). os.readfile and os.file_exists, the
// functions that stream on a file's changes, are in the Rust module of
// the file kind (plugins/firstparty/file/src/funcs.rs).
package osfuncs

import (
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
)

// module is the mcl module of these functions.
const module = "os"

// Funcs returns the os.* functions of the Go library.
func Funcs() []lib.Func {
	fs := []lib.Func{
		{Name: "system", Sig: "func(cmd str) str", Impl: system},
		{Name: "family", Sig: "func() str", Impl: family},
		{Name: "is_family_redhat", Sig: "func() bool", Impl: isFamily(familyRedHat)},
		{Name: "is_family_debian", Sig: "func() bool", Impl: isFamily(familyDebian)},
		{Name: "is_family_archlinux", Sig: "func() bool", Impl: isFamily(familyArchLinux)},
		{Name: "release", Sig: "func() " + releaseSig, Impl: release},
		{Name: "parse_distro_uid", Sig: "func(str) " + distroUIDSig, Pure: true, Impl: parseDistroUID},
		{Name: "expand_home", Sig: "func(str) str", Impl: expandHome},
		{Name: "home", Sig: "func(str) str", Impl: home},
		{Name: "uid", Sig: "func(str) str", Impl: uid},
		{Name: "user_exists", Sig: "func(user str) bool", Impl: userExists},
		{Name: "args", Sig: "func() []str", Pure: true, Impl: args},
		{Name: "is_virtual", Sig: "func() bool", Impl: isVirtual},
		{Name: "modinfo_loaded", Sig: "func(module str) bool", Impl: modinfoLoaded},
	}
	for i := range fs {
		fs[i].Name = module + "." + fs[i].Name
		fs[i].Impl = named(fs[i].Name, fs[i].Impl)
	}
	return fs
}

// named prefixes f's errors with the function's name.
func named(name string, f func(*lib.Call) (hostabi.Value, error)) func(*lib.Call) (hostabi.Value, error) {
	return func(c *lib.Call) (hostabi.Value, error) {
		v, err := f(c)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return v, nil
	}
}

// mustType parses a type of this package's own.
func mustType(s string) *hostabi.Type {
	t, err := hostabi.ParseType(s)
	if err != nil {
		panic(fmt.Sprintf("osfuncs: bad type %q: %v", s, err))
	}
	return t
}

// strStruct builds a struct of str fields of type t, in order.
func strStruct(t *hostabi.Type, vals ...string) *hostabi.StructValue {
	fields := make([]hostabi.Value, len(vals))
	for i, v := range vals {
		fields[i] = hostabi.StrValue(v)
	}
	return &hostabi.StructValue{T: t, Fields: fields}
}
