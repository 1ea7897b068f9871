// Package password is the first-party password kind: a resource that
// generates a random password once, keeps it, and sends it.
//
// Params: length (int, default 64, 1 to 65535 as upstream's uint16: the
// number of letters), saved (bool), check_recovery (bool: a stored
// password that fails the integrity check, such as one of another length,
// is replaced by a new one instead of failing the resource). Sends:
// password (str). Traits: groupable, refresh (a refresh notification
// generates a new password), send.
//
// The password is made of ASCII letters drawn with crypto/rand (through
// WASI random_get) and kept, with mode 0600, in the resource's private
// directory. A resource grouped into another keeps its own password in a
// directory below that resource's.
//
// Differences from upstream: upstream keeps the password in memory and,
// unless saved is true, stores only an empty token on disk. The guest
// keeps nothing between calls and must send the password on every check,
// so the password is always stored in the private directory, and saved
// has no effect. The stored file is not watched (the watch verb does not
// know the private directory): a change to it is seen at the next check.
// Upstream's alphabet leaves out "Z" by an off-by-one; here all 52
// letters are used.
package password

import (
	"math"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// defaultLength is upstream's default length.
const defaultLength = 64

// Info describes the password kind.
var Info = hostabi.KindInfo{
	Kind: "password",
	Params: []hostabi.ParamInfo{
		{Name: "length", Type: hostabi.TypeInt, Default: hostabi.IntValue(defaultLength)},
		{Name: "saved", Type: hostabi.TypeBool},
		{Name: "check_recovery", Type: hostabi.TypeBool},
	},
	Sends:  []hostabi.ParamInfo{{Name: "password", Type: hostabi.TypeStr}},
	Traits: hostabi.Traits{Groupable: true, Refresh: true, Send: true},
}

func init() {
	mgmt.Register(Info, func(name string, p mgmt.Params) (mgmt.Resource, error) {
		return &res{spec: specOf(p)}, nil
	})
}

// spec is what a password resource asks for.
type spec struct {
	length   int64
	recovery bool
}

// specOf returns the spec that params p give.
func specOf(p mgmt.Params) spec {
	return spec{length: p.Int("length"), recovery: p.Bool("check_recovery")}
}

// res is a password resource.
type res struct {
	spec spec
	sent *string // the password to send after the call, if known
}

// Validate requires a length from 1 to 65535.
func (r *res) Validate() error {
	if r.spec.length < 1 || r.spec.length > math.MaxUint16 {
		return mgmt.ParamError("length", "must be from 1 to %d, not %d", math.MaxUint16, r.spec.length)
	}
	return nil
}

// Watch watches nothing.
func (*res) Watch() []hostabi.WatchSpec { return nil }

// CheckApply keeps a valid password stored: it generates one when none
// is stored, on a refresh, or when the stored one fails the integrity
// check and check_recovery is true. It does the same for the resources
// grouped into this one.
func (r *res) CheckApply(ctx *mgmt.Context, apply bool) (bool, error) {
	k := keeper{ctx: ctx}
	pw, ok, err := k.sync(ctx.VarDir(), "", r.spec, ctx.Refresh(), apply)
	if err != nil {
		return false, err
	}
	r.sent = pw
	for _, g := range ctx.Group() {
		gp, err := mgmt.ParamsOf(&g)
		if err != nil {
			return false, err
		}
		_, gok, err := k.sync(memberDir(ctx.VarDir(), g.Name), "password["+g.Name+"]: ", specOf(gp), ctx.Refresh(), apply)
		if err != nil {
			return false, err
		}
		ok = ok && gok
	}
	return ok, nil
}

// Sends returns the password, once the call knows a valid one.
func (r *res) Sends() map[string]hostabi.Value {
	if r.sent == nil {
		return nil
	}
	return map[string]hostabi.Value{"password": hostabi.StrValue(*r.sent)}
}
