package wasmres

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// traitChecks test each trait interface, in trait bit order.
var traitChecks = []struct {
	name string
	has  func(hostabi.Resource) bool
}{
	{"AutoEdger", func(r hostabi.Resource) bool { _, ok := r.(hostabi.AutoEdger); return ok }},
	{"Groupable", func(r hostabi.Resource) bool { _, ok := r.(hostabi.Groupable); return ok }},
	{"Sender", func(r hostabi.Resource) bool { _, ok := r.(hostabi.Sender); return ok }},
	{"Recver", func(r hostabi.Resource) bool { _, ok := r.(hostabi.Recver); return ok }},
	{"Refreshable", func(r hostabi.Resource) bool { _, ok := r.(hostabi.Refreshable); return ok }},
	{"Reversible", func(r hostabi.Resource) bool { _, ok := r.(hostabi.Reversible); return ok }},
}

// kindWithTraits is a kind "k" (param p str) with the traits of bits.
func kindWithTraits(bits int) *hostabi.KindInfo {
	return &hostabi.KindInfo{
		Kind:   "k",
		Params: []hostabi.ParamInfo{{Name: "p", Type: hostabi.TypeStr}},
		Traits: hostabi.Traits{
			AutoEdge: bits&bitAutoEdge != 0, Groupable: bits&bitGroupable != 0, Send: bits&bitSend != 0,
			Recv: bits&bitRecv != 0, Refresh: bits&bitRefresh != 0, Reverse: bits&bitReverse != 0,
		},
	}
}

// A resource satisfies a trait interface exactly when its kind declares
// the trait, for every combination of the six.
func TestEveryTraitCombination(t *testing.T) {
	p := &Plugin{}
	for bits := range numCombos {
		k := kindWithTraits(bits)
		if traitBits(k) != bits {
			t.Fatalf("traitBits(%+v) = %d, want %d", k.Traits, traitBits(k), bits)
		}
		full, unset, err := fillParams(k, nil)
		if err != nil {
			t.Fatal(err)
		}
		r := p.newResource(k, hostabi.ResourceSpec{Kind: "k", Name: "x", Params: full, Unset: unset})
		for i, c := range traitChecks {
			if got, want := c.has(r), bits&(1<<i) != 0; got != want {
				t.Errorf("traits %+v: %s is %v, want %v", k.Traits, c.name, got, want)
			}
		}
		if _, ok := r.(hostabi.Initer); !ok {
			t.Errorf("traits %+v: not an Initer", k.Traits)
		}
		if r.Kind() != "k" || r.Name() != "x" || !r.Equal(r) {
			t.Errorf("traits %+v: identity %s[%s], or not equal to itself", k.Traits, r.Kind(), r.Name())
		}
	}
}

// recvPlugin is a plugin without a module that provides kind "k" with
// params p str, n int (default 7) and the recv trait.
func recvPlugin() *Plugin {
	k := &hostabi.KindInfo{
		Kind:   "k",
		Params: []hostabi.ParamInfo{{Name: "p", Type: hostabi.TypeStr}, {Name: "n", Type: hostabi.TypeInt, Default: hostabi.IntValue(7)}},
		Traits: hostabi.Traits{Recv: true, Groupable: true},
	}
	return &Plugin{kinds: map[string]*hostabi.KindInfo{"k": k}}
}

func TestRecv(t *testing.T) {
	tests := []struct {
		name        string
		field       string
		v           hostabi.Value
		wantChanged bool
		wantErr     string
		wantN       hostabi.Value
		wantUnset   []string
	}{
		{"a new value", "n", hostabi.IntValue(8), true, "", hostabi.IntValue(8), nil},
		{"the default of an unset param", "n", hostabi.IntValue(7), true, "", hostabi.IntValue(7), nil},
		{"another param", "p", hostabi.StrValue("x"), true, "", hostabi.IntValue(7), []string{"n"}},
		{"the value it has", "p", hostabi.StrValue("a"), false, "", hostabi.IntValue(7), []string{"n"}},
		{"an unknown param", "q", hostabi.StrValue("x"), false, `k[x]: no param "q"`, hostabi.IntValue(7), []string{"n"}},
		{"a value of another type", "n", hostabi.StrValue("8"), false, "k[x]: param n", hostabi.IntValue(7), []string{"n"}},
		{"no value", "n", nil, false, "k[x]: param n", hostabi.IntValue(7), []string{"n"}},
	}
	for _, tt := range tests {
		res, err := recvPlugin().New("k", "x", map[string]hostabi.Value{"p": hostabi.StrValue("a")})
		if err != nil {
			t.Fatal(err)
		}
		before := res.(wasm).base().snapshot()
		changed, err := res.(hostabi.Recver).Recv(tt.field, tt.v)
		if changed != tt.wantChanged || (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
			t.Errorf("%s: Recv = %v, %v; want %v, an error containing %q", tt.name, changed, err, tt.wantChanged, tt.wantErr)
		}
		if err != nil && tt.v != nil && !errors.Is(err, hostabi.ErrType) && tt.field == "n" {
			t.Errorf("%s: %v does not wrap ErrType", tt.name, err)
		}
		after := res.(wasm).base().snapshot()
		if n, _ := after.Params.Field("n"); !n.Equal(tt.wantN) || !slices.Equal(after.Unset, tt.wantUnset) {
			t.Errorf("%s: n = %v, unset %v; want %v, %v", tt.name, n, after.Unset, tt.wantN, tt.wantUnset)
		}
		if n, _ := before.Params.Field("n"); !n.Equal(hostabi.IntValue(7)) || !slices.Equal(before.Unset, []string{"n"}) {
			t.Errorf("%s: Recv modified the params struct in place", tt.name)
		}
		if _, err := after.MarshalBinary(); err != nil {
			t.Errorf("%s: the spec after Recv does not encode: %v", tt.name, err)
		}
	}
}

// New names the params the user did not set; Equal tells a param set to
// its default from an unset one.
func TestNewFillsUnset(t *testing.T) {
	p := recvPlugin()
	unset, err := p.New("k", "x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := unset.(wasm).base().snapshot().Unset; !slices.Equal(got, []string{"n", "p"}) {
		t.Errorf("unset %v, want [n p]", got)
	}
	set, err := p.New("k", "x", map[string]hostabi.Value{"n": hostabi.IntValue(7), "p": hostabi.StrValue("")})
	if err != nil {
		t.Fatal(err)
	}
	if got := set.(wasm).base().snapshot().Unset; got != nil {
		t.Errorf("unset %v, want none", got)
	}
	again, _ := p.New("k", "x", nil)
	if unset.Equal(set) || !unset.Equal(again) {
		t.Error("Equal does not follow the unset names")
	}
}

func TestGroupCmp(t *testing.T) {
	p, other := recvPlugin(), recvPlugin()
	a, _ := p.New("k", "a", nil)
	b, _ := p.New("k", "b", nil)
	elsewhere, _ := other.New("k", "c", nil)
	g := a.(hostabi.Groupable)
	if !g.GroupCmp(b) || g.GroupCmp(a) || g.GroupCmp(elsewhere) {
		t.Errorf("GroupCmp: b %v, itself %v, another plugin's %v; want true, false, false", g.GroupCmp(b), g.GroupCmp(a), g.GroupCmp(elsewhere))
	}
	g.SetGroup([]hostabi.Resource{elsewhere})
	if _, err := a.(wasm).base().groupSpecs(); err == nil {
		t.Error("a child of another plugin was accepted")
	}
}
