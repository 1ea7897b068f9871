package wasmres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// resource is a hostabi.Resource whose verbs are calls into its plugin.
// The guest keeps no state between calls: everything it needs is in each
// request.
type resource struct {
	p    *Plugin
	spec hostabi.ResourceSpec

	mu      sync.Mutex
	init    *hostabi.Init
	refresh bool
	sends   map[string]hostabi.Value
	cancels []func() // the host-owned watches of the current Watch
}

var (
	_ hostabi.Resource    = (*resource)(nil)
	_ hostabi.Initer      = (*resource)(nil)
	_ hostabi.Refreshable = (*resource)(nil)
	_ hostabi.Sender      = (*resource)(nil)
)

func (r *resource) Kind() string { return r.spec.Kind }
func (r *resource) Name() string { return r.spec.Name }

// Init keeps the engine's environment for the calls.
func (r *resource) Init(init *hostabi.Init) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.init = init
	return nil
}

// SetRefresh records a pending refresh for the next CheckApply.
func (r *resource) SetRefresh(b bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refresh = b
}

// Sends returns the values the guest sent on its last check or apply.
func (r *resource) Sends() map[string]hostabi.Value {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.sends
}

// Validate calls the validate verb.
func (r *resource) Validate() error {
	req, err := r.spec.MarshalBinary()
	if err != nil {
		return err
	}
	resp := &hostabi.ValidateResponse{}
	if err := r.call(context.Background(), hostabi.VerbValidate, req, resp); err != nil {
		return err
	}
	return guestError(resp.Error)
}

// Watch calls the watch verb and sets up the watches the guest asked for;
// the host owns them and calls ev.Event when one fires.
func (r *resource) Watch(ctx context.Context, ev hostabi.Events) error {
	req, err := r.spec.MarshalBinary()
	if err != nil {
		return err
	}
	resp := &hostabi.WatchResponse{}
	if err := r.call(ctx, hostabi.VerbWatch, req, resp); err != nil {
		return err
	}
	if err := guestError(resp.Error); err != nil {
		return err
	}
	var cancels []func()
	for _, w := range resp.Watches {
		cancel, err := r.watch(ctx, w, ev)
		if err != nil {
			for _, c := range cancels {
				c()
			}
			return err
		}
		cancels = append(cancels, cancel)
	}
	r.mu.Lock()
	old := r.cancels
	r.cancels = cancels
	r.mu.Unlock()
	for _, c := range old {
		c()
	}
	// The engine cancels ctx to end this watch; no goroutine waits for it.
	context.AfterFunc(ctx, func() {
		for _, c := range cancels {
			c()
		}
	})
	return nil
}

// watch sets up one host-owned watch.
func (r *resource) watch(ctx context.Context, w hostabi.WatchSpec, ev hostabi.Events) (func(), error) {
	switch w.Kind {
	case hostabi.WatchPath:
		if r.p.watcher == nil {
			return nil, errors.New("watch: this host has no file watcher")
		}
		cancel, err := r.p.watcher.Watch(w.Path, ev.Event)
		if err != nil {
			return nil, fmt.Errorf("watch %s: %w", w.Path, err)
		}
		return cancel, nil
	case hostabi.WatchInterval:
		if w.IntervalMS == 0 {
			return nil, errors.New("watch: an interval of 0 ms")
		}
		t := time.NewTicker(time.Duration(w.IntervalMS) * time.Millisecond)
		done := make(chan struct{})
		go func() {
			for {
				select {
				case <-t.C:
					ev.Event()
				case <-done:
					return
				case <-ctx.Done():
					return
				}
			}
		}()
		var once sync.Once
		return func() { once.Do(func() { t.Stop(); close(done) }) }, nil
	}
	return nil, fmt.Errorf("watch: %s watches are not supported by this host yet", w.Kind)
}

// CheckApply calls check (apply false) or apply (apply true).
func (r *resource) CheckApply(ctx context.Context, apply bool) (bool, error) {
	r.mu.Lock()
	req := hostabi.CheckRequest{ResourceSpec: r.spec, Refresh: r.refresh}
	if r.init != nil {
		req.Debug, req.VarDir = r.init.Debug, r.init.VarDir
	}
	r.mu.Unlock()
	b, err := req.MarshalBinary()
	if err != nil {
		return false, err
	}
	verb := hostabi.VerbCheck
	if apply {
		verb = hostabi.VerbApply
	}
	resp := &hostabi.CheckResponse{}
	if err := r.call(ctx, verb, b, resp); err != nil {
		return false, err
	}
	if err := guestError(resp.Error); err != nil {
		return false, err
	}
	r.mu.Lock()
	r.sends = resp.Sends
	r.mu.Unlock()
	return resp.CheckOK, nil
}

// Close ends the watches.
func (r *resource) Close() error {
	r.mu.Lock()
	cancels := r.cancels
	r.cancels = nil
	r.mu.Unlock()
	for _, c := range cancels {
		c()
	}
	return nil
}

// Equal reports whether other is the same kind, name and params of the
// same plugin.
func (r *resource) Equal(other hostabi.Resource) bool {
	o, ok := other.(*resource)
	if !ok || o.p != r.p || o.spec.Kind != r.spec.Kind || o.spec.Name != r.spec.Name {
		return false
	}
	if r.spec.Params == nil || o.spec.Params == nil {
		return r.spec.Params == o.spec.Params
	}
	return r.spec.Params.Equal(o.spec.Params)
}

// message is a response the guest encodes.
type message interface{ UnmarshalBinary([]byte) error }

// smallResponse caps the answers of the verbs that only describe
// (validate, watch): a hostile guest must not make the host decode a
// 64 MiB message there.
const smallResponse = 1 << 20

// call calls a verb and decodes its response. The host imports the guest
// calls meanwhile know the plugin and the resource (hostfuncs.Caller).
func (r *resource) call(ctx context.Context, verb string, req []byte, resp message) error {
	ctx = hostfuncs.WithCaller(ctx, hostfuncs.Caller{
		Plugin:   r.p.mod.Name(),
		Resource: r.spec.Kind + "[" + r.spec.Name + "]",
		Granted:  r.p.granted,
	})
	maxResp := uint32(wasmhost.MaxResponse)
	if verb == hostabi.VerbValidate || verb == hostabi.VerbWatch {
		maxResp = smallResponse
	}
	out, err := r.p.mod.CallMax(ctx, verb, req, maxResp)
	if err != nil {
		return err
	}
	if err := resp.UnmarshalBinary(out); err != nil {
		return fmt.Errorf("plugin %s: %s: the response does not decode: %w", r.p.mod.Name(), verb, err)
	}
	return nil
}

// guestError returns the guest's reported error as an error, or nil: a nil
// *ABIError must not become a non-nil error interface.
func guestError(e *hostabi.ABIError) error {
	if e == nil {
		return nil
	}
	return e
}
