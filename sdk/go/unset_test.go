package mgmt

import (
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// optRes is a resource of the test kind "opt" (params content str, mode
// str with default "0644"): it remembers the Params it was built from and
// reverses to the changes it is given.
type optRes struct {
	p       Params
	changes map[string]hostabi.Value
}

func (*optRes) Validate() error                              { return nil }
func (*optRes) Watch() []hostabi.WatchSpec                   { return nil }
func (*optRes) CheckApply(*Context, bool) (bool, error)      { return true, nil }
func (r *optRes) Reverse() (map[string]hostabi.Value, error) { return r.changes, nil }

// setupOpt registers "opt" and returns where its constructor records the
// last Params; reverse answers with *changes.
func setupOpt(t *testing.T, changes *map[string]hostabi.Value) *Params {
	t.Helper()
	setup(t)
	var last Params
	Register(hostabi.KindInfo{
		Kind: "opt",
		Params: []hostabi.ParamInfo{
			{Name: "content", Type: hostabi.TypeStr},
			{Name: "mode", Type: hostabi.TypeStr, Default: hostabi.StrValue("0644")},
		},
		Traits: hostabi.Traits{Reverse: true},
	}, func(name string, p Params) (Resource, error) {
		last = p
		return &optRes{p: p, changes: *changes}, nil
	})
	return &last
}

var optType = hostabi.NewStruct(hostabi.Field{Name: "content", Type: hostabi.TypeStr}, hostabi.Field{Name: "mode", Type: hostabi.TypeStr})

// optSpec is an opt resource with both params and the given unset names.
func optSpec(content, mode string, unset ...string) hostabi.ResourceSpec {
	return hostabi.ResourceSpec{Kind: "opt", Name: "o", Unset: unset, Params: &hostabi.StructValue{
		T: optType, Fields: []hostabi.Value{hostabi.StrValue(content), hostabi.StrValue(mode)}}}
}

// The unset names of a request reach the constructor's Params, on every
// verb that builds the resource: a param set to "" is set, one holding its
// default is not.
func TestUnsetReachesParams(t *testing.T) {
	onlyContent := hostabi.ResourceSpec{Kind: "opt", Name: "o", Params: &hostabi.StructValue{
		T:      hostabi.NewStruct(hostabi.Field{Name: "content", Type: hostabi.TypeStr}),
		Fields: []hostabi.Value{hostabi.StrValue("")}}}
	tests := []struct {
		name                string
		spec                hostabi.ResourceSpec
		contentSet, modeSet bool
		mode                string
	}{
		{"content set to empty, mode unset", optSpec("", "0644", "mode"), true, false, "0644"},
		{"both unset", optSpec("", "0644", "content", "mode"), false, false, "0644"},
		{"no unset names: all set", optSpec("", "0600"), true, true, "0600"},
		{"a param the request leaves out is unset", onlyContent, true, false, "0644"},
	}
	var none map[string]hostabi.Value
	last := setupOpt(t, &none)
	for _, tt := range tests {
		for _, verb := range []string{"validate", "check", "apply"} {
			*last = Params{}
			var resp hostabi.ValidateResponse // every response's error is tag 15
			if verb == "validate" {
				roundTrip(t, verb, &tt.spec, &resp)
			} else {
				roundTrip(t, verb, &hostabi.CheckRequest{ResourceSpec: tt.spec, Refresh: true}, &resp)
			}
			if resp.Error != nil {
				t.Fatalf("%s %s: %v", tt.name, verb, resp.Error)
			}
			if last.IsSet("content") != tt.contentSet || last.IsSet("mode") != tt.modeSet || last.Str("mode") != tt.mode {
				t.Errorf("%s %s: IsSet(content) %v, IsSet(mode) %v, mode %q; want %v, %v, %q", tt.name, verb,
					last.IsSet("content"), last.IsSet("mode"), last.Str("mode"), tt.contentSet, tt.modeSet, tt.mode)
			}
		}
	}
}

func TestReverse(t *testing.T) {
	tests := []struct {
		name    string
		changes map[string]hostabi.Value
		want    []hostabi.Value // content, mode
		code    hostabi.Code
		inMsg   string
	}{
		{"changes replace params", map[string]hostabi.Value{"content": hostabi.StrValue("")}, []hostabi.Value{hostabi.StrValue(""), hostabi.StrValue("0600")}, 0, ""},
		{"no changes keep the params", nil, []hostabi.Value{hostabi.StrValue("x"), hostabi.StrValue("0600")}, 0, ""},
		{"an undeclared param", map[string]hostabi.Value{"size": hostabi.IntValue(1)}, nil, hostabi.CodeInternal, `param "size"`},
		{"a value of the wrong type", map[string]hostabi.Value{"mode": hostabi.IntValue(1)}, nil, hostabi.CodeInternal, "want str"},
		{"a nil value", map[string]hostabi.Value{"mode": nil}, nil, hostabi.CodeInternal, "param mode"},
	}
	for _, tt := range tests {
		changes := tt.changes
		setupOpt(t, &changes)
		var resp hostabi.ReverseResponse
		s := optSpec("x", "0600", "content")
		roundTrip(t, "reverse", &s, &resp)
		if tt.code != 0 {
			if resp.Error == nil || resp.Error.Code != tt.code || !strings.Contains(resp.Error.Message, tt.inMsg) {
				t.Errorf("%s: error %v, want code %v mentioning %q", tt.name, resp.Error, tt.code, tt.inMsg)
			}
			continue
		}
		want := &hostabi.StructValue{T: optType, Fields: tt.want}
		if resp.Error != nil || resp.Params == nil || !resp.Params.Equal(want) {
			t.Errorf("%s: params %v, error %v; want %v", tt.name, resp.Params, resp.Error, want)
		}
	}
}

// ParamsOf gives a group member's params as a constructor would get them.
func TestParamsOf(t *testing.T) {
	var none map[string]hostabi.Value
	setupOpt(t, &none)
	s := optSpec("", "0644", "mode")
	p, err := ParamsOf(&s)
	if err != nil || !p.IsSet("content") || p.IsSet("mode") || p.Str("mode") != "0644" {
		t.Errorf("ParamsOf = %+v, %v", p, err)
	}
	s.Kind = "nope"
	if _, err := ParamsOf(&s); hostabi.CodeOf(err) != hostabi.CodeUnsupported {
		t.Errorf("ParamsOf of an unknown kind: %v", err)
	}
}
