// Package testkind is the first-party test kind: upstream's mostly harmless
// resource for testing the language and the engine. It holds params of
// every shape upstream's TestRes has, logs them on each check, sends two
// values and fails validation on request.
//
// Params (mcl types; upstream's Go types in parentheses where they differ):
// bool, str, int, int8, int16, int32, int64, uint, uint8, uint16, uint32,
// uint64, byte, rune (all int, range-checked in Validate as the Go type
// would be), float32, float64 (float), boolptr (bool), stringptr (str),
// int64ptr, int8ptr, uint8ptr, int8ptrptrptr (int: a pointer is its
// element, unset is told apart), slicestring ([]str), mapintfloat
// (map{int: float}), mixedstruct (struct{somebool bool; somestr str;
// someint int; somefloat float}), interface (str: the ABI has no value of
// any type yet), anotherstr (str), validatebool (bool: true fails
// Validate), validateerror (str: non-empty fails Validate with it),
// alwaysgroup, comparefail (bool, see below), sendvalue (str: sent as
// hello), expectrecv ([]str: params that must hold a value when checked),
// onlyshow ([]str: the params to log; empty logs all), waitforerror (int,
// see below), comment (str).
//
// Sends: hello (str, the sendvalue) and answer (int, always 42). Traits:
// groupable, refresh, send, recv.
//
// Differences from upstream: complex64, complex128 and func1 are left out,
// as mcl has no such types. alwaysgroup and comparefail are accepted and
// logged, but grouping and the comparison of old and new resources are
// decided by the host for every wasm kind (same kind groups; equal params
// compare equal), so they have no effect yet. The guest is not told which
// params were received, only that a param is set, so expectrecv checks
// that each named param is set (in the graph or by a send) rather than
// that it was received. waitforerror is accepted and has no effect.
package testkind

import (
	"fmt"
	"math"
	"slices"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// answer is the value of the answer field the kind sends, as upstream.
const answer = 42

// Info describes the test kind (see the package doc for its params).
var Info = hostabi.KindInfo{
	Kind:   "test",
	Params: params,
	Sends: []hostabi.ParamInfo{
		{Name: "hello", Type: hostabi.TypeStr},
		{Name: "answer", Type: hostabi.TypeInt},
	},
	Traits: hostabi.Traits{Groupable: true, Refresh: true, Send: true, Recv: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &res{name: name, p: p}, nil
	})
}

// res is a test resource.
type res struct {
	name string
	p    mgmt.Params
}

// Validate fails when asked to (validatebool, validateerror), and on a
// sized integer out of the range of its upstream Go type, a float32 out
// of range, a negative waitforerror, or an expectrecv or onlyshow entry
// that names no param.
func (r *res) Validate() error {
	if r.p.Bool("validatebool") {
		return mgmt.ParamError("validatebool", "the validate param was set to true")
	}
	if s := r.p.Str("validateerror"); s != "" {
		return mgmt.ParamError("validateerror", "the validate error param was set to: %s", s)
	}
	for _, p := range params {
		rg, ok := ranges[p.Name]
		if !ok {
			continue
		}
		if v := r.p.Int(p.Name); v < rg.min || v > rg.max {
			return mgmt.ParamError(p.Name, "%d is out of range for %s [%d, %d]", v, rg.goType, rg.min, rg.max)
		}
	}
	if f := r.p.Float("float32"); math.Abs(f) > math.MaxFloat32 {
		return mgmt.ParamError("float32", "%g is out of range for float32", f)
	}
	if n := r.p.Int("waitforerror"); n < 0 {
		return mgmt.ParamError("waitforerror", "must not be negative, not %d", n)
	}
	for _, list := range []string{"expectrecv", "onlyshow"} {
		for _, name := range r.p.Strs(list) {
			if !declared(name) {
				return mgmt.ParamError(list, "kind test has no param %q", name)
			}
		}
	}
	return nil
}

// Watch watches nothing: the state is always right.
func (*res) Watch() []hostabi.WatchSpec { return nil }

// CheckApply logs a pending notification and the params (all, or those
// in onlyshow), then those of each resource grouped into this one. It
// fails when a param named in expectrecv holds no value. The state is
// always right.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	if ctx.Refresh() {
		ctx.Log("received a notification")
	}
	if err := expectRecv(r.p); err != nil {
		return false, err
	}
	show(ctx, "", r.p)
	for _, g := range ctx.Group() {
		gp, err := mgmt.ParamsOf(&g)
		if err != nil {
			return false, fmt.Errorf("grouped test[%s]: %w", g.Name, err)
		}
		if err := expectRecv(gp); err != nil {
			return false, fmt.Errorf("grouped test[%s]: %w", g.Name, err)
		}
		show(ctx, "test["+g.Name+"]: ", gp)
	}
	return true, nil
}

// Sends returns hello (the sendvalue) and answer (42).
func (r *res) Sends() map[string]hostabi.Value {
	return map[string]hostabi.Value{
		"hello":  hostabi.StrValue(r.p.Str("sendvalue")),
		"answer": hostabi.IntValue(answer),
	}
}

// expectRecv checks that each param named in expectrecv holds a value.
func expectRecv(p mgmt.Params) error {
	if !p.IsSet("expectrecv") {
		return nil
	}
	for _, name := range p.Strs("expectrecv") {
		if !p.IsSet(name) {
			return mgmt.ParamError("expectrecv", "expected to receive %s, but it holds no value", name)
		}
	}
	return nil
}

// show logs the params of p, one per line after prefix: all of them, or
// those onlyshow names. An unset pointer param shows as <unset>.
func show(ctx *mgmt.Context, prefix string, p mgmt.Params) {
	only := p.Strs("onlyshow")
	for _, decl := range params {
		if len(only) > 0 && !slices.Contains(only, decl.Name) {
			continue
		}
		val := "<unset>"
		if v, ok := p.Values[decl.Name]; ok && (!pointers[decl.Name] || p.IsSet(decl.Name)) {
			val = v.String()
		}
		ctx.Log("%s%s: %s", prefix, decl.Name, val)
	}
}
