package pluginset

import (
	"context"
	"errors"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/tetratelabs/wazero/api"
)

// fakeModule is a module of another flavour.
type fakeModule struct{ fail bool }

func (fakeModule) Name() string { return "other" }
func (f fakeModule) Invoke(context.Context, string, ...uint64) ([]uint64, error) {
	if f.fail {
		return nil, errors.New("broken")
	}
	return []uint64{1}, nil
}
func (f fakeModule) CallMax(_ context.Context, _ string, req []byte, _ uint32) ([]byte, error) {
	if f.fail {
		return nil, errors.New("broken")
	}
	return req, nil
}
func (fakeModule) Exports() map[string]api.FunctionDefinition { return nil }

type fakeStreamer struct{ fakeModule }

func (fakeStreamer) Stream(context.Context, []byte, func()) (func(), error) { return func() {}, nil }

// Calls of a module of another flavour reach the observer, and the
// wrapper keeps a Streamer a Streamer and adds none.
func TestObserveOtherFlavours(t *testing.T) {
	obs := &calls{n: map[string]int{}}
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		m      wasmres.Module
		stream bool
	}{
		{"plain", fakeModule{}, false},
		{"failing", fakeModule{fail: true}, false},
		{"streamer", fakeStreamer{}, true},
	} {
		before := obs.count("other")
		m := observe(c.m, obs)
		if _, ok := m.(wasmres.Streamer); ok != c.stream {
			t.Errorf("%s: Streamer %v, want %v", c.name, ok, c.stream)
		}
		_, err1 := m.Invoke(ctx, "mgmt_abi_version")
		out, err2 := m.CallMax(ctx, "check", []byte("req"), 10)
		if (err1 != nil) != c.m.(interface{ isFailing() bool }).isFailing() || (err2 == nil && string(out) != "req") {
			t.Errorf("%s: the calls were not passed through: %v %v %q", c.name, err1, err2, out)
		}
		if got := obs.count("other") - before; got != 2 {
			t.Errorf("%s: %d calls observed, want 2", c.name, got)
		}
	}
	if m := observe(fakeModule{}, nil); m != (fakeModule{}) {
		t.Error("without an observer the module is wrapped")
	}
}

func (f fakeModule) isFailing() bool { return f.fail }
