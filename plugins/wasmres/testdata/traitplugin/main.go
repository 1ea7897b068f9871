// Command traitplugin is the wasmres tests' plugin, built with sdk/go. Kind
// "full" has every trait: it writes its content to the file dir/NAME (and
// those of the resources grouped into it), manages the UID {full, NAME},
// depends on {full, needs} (failing for "fail"), sends what it wrote and whether its content was
// set, reverses to an empty file and, with watch, watches its file. Kind "bare" has no trait and does
// nothing. Each check and apply logs one line saying what it saw. Its
// functions are in funcs.go.
package main

import (
	"errors"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

func init() {
	mgmt.SetPlugin("traitplugin", "1")
	mgmt.RequireCapabilities("fs.read:/", "fs.write:/")
	mgmt.Register(hostabi.KindInfo{
		Kind: "full",
		Params: []hostabi.ParamInfo{
			{Name: "dir", Type: hostabi.TypeStr},
			{Name: "content", Type: hostabi.TypeStr, Default: hostabi.StrValue("default")},
			{Name: "needs", Type: hostabi.TypeStr},
			{Name: "watch", Type: hostabi.TypeBool},
		},
		Sends:  []hostabi.ParamInfo{{Name: "out", Type: hostabi.TypeStr}, {Name: "content_set", Type: hostabi.TypeBool}},
		Traits: hostabi.Traits{AutoEdge: true, Groupable: true, Send: true, Recv: true, Refresh: true, Reverse: true},
	}, newFull)
	mgmt.Register(hostabi.KindInfo{
		Kind:   "bare",
		Params: []hostabi.ParamInfo{{Name: "content", Type: hostabi.TypeStr}},
	}, func(string, mgmt.Params) (mgmt.Resource, error) { return bare{}, nil })
}

// full is a resource of kind full.
type full struct {
	name, dir, content, needs string
	contentSet, watch         bool
}

func newFull(name string, p mgmt.Params) (mgmt.Resource, error) {
	return &full{name: name, dir: p.Str("dir"), content: p.Str("content"), needs: p.Str("needs"), contentSet: p.IsSet("content"), watch: p.Bool("watch")}, nil
}

// Validate wants an absolute dir.
func (f *full) Validate() error {
	if !strings.HasPrefix(f.dir, "/") {
		return mgmt.ParamError("dir", "%q is not absolute", f.dir)
	}
	return nil
}

// Watch watches dir/NAME when watch is set.
func (f *full) Watch() []hostabi.WatchSpec {
	if !f.watch {
		return nil
	}
	return []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: f.dir + "/" + f.name}}
}

// CheckApply makes dir/NAME hold content, for f and each grouped member.
func (f *full) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	members := []*full{f}
	var names []string
	for _, g := range ctx.Group() {
		p, err := mgmt.ParamsOf(&g)
		if err != nil {
			return false, err
		}
		r, _ := newFull(g.Name, p)
		members = append(members, r.(*full))
		names = append(names, g.Name)
	}
	verb := map[bool]string{false: "check", true: "apply"}[apply]
	ctx.Log("%s %s group=%s refresh=%v content_set=%v content=%q", verb, f.name, strings.Join(names, ","), ctx.Refresh(), f.contentSet, f.content)
	ok := true
	for _, m := range members {
		path := m.dir + "/" + m.name
		data, err := ctx.ReadFile(path)
		if err != nil && !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
			return false, err
		}
		if err == nil && string(data) == m.content {
			continue
		}
		ok = false
		if apply {
			if err := ctx.WriteFile(path, []byte(m.content), 0); err != nil {
				return false, err
			}
		}
	}
	return ok, nil
}

// Sends says what f writes and whether its content was set.
func (f *full) Sends() map[string]hostabi.Value {
	return map[string]hostabi.Value{"out": hostabi.StrValue(f.content), "content_set": hostabi.BoolValue(f.contentSet)}
}

// AutoEdges: f manages {full, NAME} and depends on {full, needs}. It
// fails when needs is "fail".
func (f *full) AutoEdges() ([]hostabi.UID, [][]hostabi.UID, error) {
	if f.needs == "fail" {
		return nil, nil, errors.New("cannot depend on fail")
	}
	var edges [][]hostabi.UID
	if f.needs != "" {
		edges = [][]hostabi.UID{{{Kind: "full", Key: f.needs}}}
	}
	return []hostabi.UID{{Kind: "full", Key: f.name}}, edges, nil
}

// Reverse empties the file.
func (f *full) Reverse() (map[string]hostabi.Value, error) {
	return map[string]hostabi.Value{"content": hostabi.StrValue("")}, nil
}

// bare is a resource of kind bare.
type bare struct{}

func (bare) Validate() error                              { return nil }
func (bare) Watch() []hostabi.WatchSpec                   { return nil }
func (bare) CheckApply(*mgmt.Context, bool) (bool, error) { return true, nil }

// main is not run: the plugin is a reactor, driven through its exports.
func main() {}
