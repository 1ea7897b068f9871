package pluginset

import (
	"context"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// observe makes the calls of a plugin of another flavour (an Extism
// module, a process plugin) reach the observer, as a native module's
// reach it through its wasmhost.Host. It returns m itself for a native
// module or without an observer.
func observe(m wasmres.Module, o wasmhost.Observer) wasmres.Module {
	if _, native := m.(*wasmhost.Module); native || o == nil {
		return m
	}
	om := observed{Module: m, o: o}
	if s, ok := m.(wasmres.Streamer); ok {
		return observedStreamer{observed: om, s: s}
	}
	return om
}

// observed tells o of each of its module's calls.
type observed struct {
	wasmres.Module
	o wasmhost.Observer
}

func (m observed) Invoke(ctx context.Context, export string, args ...uint64) ([]uint64, error) {
	start := time.Now()
	out, err := m.Module.Invoke(ctx, export, args...)
	m.o.ObserveCall(m.Name(), export, time.Since(start), err)
	return out, err
}

func (m observed) CallMax(ctx context.Context, export string, req []byte, maxResp uint32) ([]byte, error) {
	start := time.Now()
	out, err := m.Module.CallMax(ctx, export, req, maxResp)
	m.o.ObserveCall(m.Name(), export, time.Since(start), err)
	return out, err
}

// observedStreamer is observed for a module with event streams of its
// own (a wrapper must not hide the Streamer, nor add one).
type observedStreamer struct {
	observed
	s wasmres.Streamer
}

func (m observedStreamer) Stream(ctx context.Context, spec []byte, event func()) (func(), error) {
	return m.s.Stream(ctx, spec, event)
}
