package wasmres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/hostfuncs"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
)

// resource is a hostabi.Resource whose verbs are calls into its plugin.
// The guest keeps no state between calls: everything it needs is in each
// request. A resource is always handed out wrapped by withTraits, so that
// it satisfies the trait interfaces of its kind and no others; the trait
// methods live in the files named after the traits.
type resource struct {
	p    *Plugin
	info *hostabi.KindInfo

	mu      sync.Mutex
	spec    hostabi.ResourceSpec // replaced, never modified in place, by Recv
	gen     uint64               // counts the changes of spec
	init    *hostabi.Init
	pending []string // log lines from before Init, for Init.Logf
	refresh bool
	sends   map[string]hostabi.Value
	group   []hostabi.Resource // the children SetGroup gave
	cancels []func()           // the host-owned watches of the current Watch

	// checkReq is the last check request encoded for an ungrouped
	// resource, and what it was encoded from: each drift repair sends
	// the same bytes.
	checkReq encodedCheck

	aeMu  sync.Mutex // held while the autoedges verb runs
	edges *edgeCache // its answer for spec generation edges.gen
	// prepared is the watch answer of the last prepare, for the next
	// Watch of the same spec generation (prepare.go).
	prepared *preparedWatch
}

var (
	_ hostabi.Resource = (*resource)(nil)
	_ hostabi.Initer   = (*resource)(nil)
)

// wasm is implemented by every wrapped resource: base is the resource
// under the trait methods.
type wasm interface{ base() *resource }

func (r *resource) base() *resource { return r }

// Kind is the resource's kind (it never changes).
func (r *resource) Kind() string { return r.spec.Kind }

// Name is the resource's name (it never changes).
func (r *resource) Name() string { return r.spec.Name }

// id is the resource as users write it, kind[name].
func (r *resource) id() string { return r.spec.Kind + "[" + r.spec.Name + "]" }

// snapshot returns the current spec. Its params and unset names are never
// modified in place, so the copy stays valid after a Recv.
func (r *resource) snapshot() hostabi.ResourceSpec {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.spec
}

// Init keeps the engine's environment for the calls, and logs what was
// waiting for it.
func (r *resource) Init(init *hostabi.Init) error {
	r.mu.Lock()
	r.init = init
	pending := r.pending
	r.pending = nil
	r.mu.Unlock()
	if init != nil && init.Logf != nil {
		for _, line := range pending {
			init.Logf("%s", line)
		}
	}
	return nil
}

// logf logs through Init.Logf, or keeps the line until Init when the
// engine has not given one yet (autoedges run before Init).
func (r *resource) logf(format string, args ...any) {
	r.mu.Lock()
	var logf func(string, ...any)
	if r.init != nil {
		logf = r.init.Logf
	}
	if logf == nil {
		r.pending = append(r.pending, fmt.Sprintf(format, args...))
	}
	r.mu.Unlock()
	if logf != nil {
		logf(format, args...)
	}
}

// Validate calls the validate verb, or prepare when the module has it.
func (r *resource) Validate() error {
	if r.p.prepare {
		return r.prepare()
	}
	spec := r.snapshot()
	req, err := spec.MarshalBinary()
	if err != nil {
		return err
	}
	resp := &hostabi.ValidateResponse{}
	if err := r.call(context.Background(), hostabi.VerbValidate, req, resp); err != nil {
		return err
	}
	return guestError(resp.Error)
}

// Watch calls the watch verb, for the resource and for each resource
// grouped into it (the engine watches only the group's parent), and sets
// up the watches the guests asked for; the host owns them and calls
// ev.Event when one fires.
func (r *resource) Watch(ctx context.Context, ev hostabi.Events) error {
	r.mu.Lock()
	specs := []hostabi.ResourceSpec{r.spec}
	prepared := r.takePrepared()
	r.mu.Unlock()
	children, err := r.groupSpecs()
	if err != nil {
		return err
	}
	specs = append(specs, children...)
	var watches []hostabi.WatchSpec
	seen := map[hostabi.WatchSpec]bool{}
	for i, spec := range specs {
		var ws []hostabi.WatchSpec
		if i == 0 && prepared != nil {
			ws, err = prepared.watches, guestError(prepared.err)
		} else {
			ws, err = r.watchSpecs(ctx, spec)
		}
		if err != nil && i > 0 {
			return fmt.Errorf("grouped %s[%s]: %w", spec.Kind, spec.Name, err)
		}
		if err != nil {
			return err
		}
		for _, w := range ws {
			if !seen[w] { // a group's members often watch the same thing
				seen[w] = true
				watches = append(watches, w)
			}
		}
	}
	var cancels []func()
	for _, w := range watches {
		cancel, err := r.watch(ctx, w, ev)
		if err != nil {
			for _, c := range cancels {
				c()
			}
			return err
		}
		cancels = append(cancels, cancel)
	}
	if cancel, err := r.stream(ctx, specs[0], ev); err != nil {
		for _, c := range cancels {
			c()
		}
		return err
	} else if cancel != nil {
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

// watchSpecs calls the watch verb for spec.
func (r *resource) watchSpecs(ctx context.Context, spec hostabi.ResourceSpec) ([]hostabi.WatchSpec, error) {
	req, err := spec.MarshalBinary()
	if err != nil {
		return nil, err
	}
	resp := &hostabi.WatchResponse{}
	if err := r.call(ctx, hostabi.VerbWatch, req, resp); err != nil {
		return nil, err
	}
	if err := guestError(resp.Error); err != nil {
		return nil, err
	}
	return resp.Watches, nil
}

// watch sets up one host-owned watch.
func (r *resource) watch(ctx context.Context, w hostabi.WatchSpec, ev hostabi.Events) (func(), error) {
	switch w.Kind {
	case hostabi.WatchPath:
		if r.p.watcher == nil {
			return nil, errors.New("watch: this host has no file watcher")
		}
		if err := hostfuncs.CanRead(r.p.granted, w.Path); err != nil {
			return nil, fmt.Errorf("watch %s: %w", w.Path, err)
		}
		// As the resource's writer, so that the echo of its own writes
		// does not bring it round again (hostwatch.Watcher.WatchAs).
		writer := hostfuncs.WriterID(r.p.mod.Name(), r.id())
		watch := func(path string, fn func()) (func(), error) { return r.p.watcher.WatchAs(writer, path, fn) }
		if w.Recursive {
			watch = func(path string, fn func()) (func(), error) { return watchTree(r.p.watcher, path, fn) }
		}
		cancel, err := watch(w.Path, ev.Event)
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
	case hostabi.WatchKV:
		return hostfuncs.WatchKV(r.p.kv, r.p.granted, w.Key, ev.Event)
	}
	return nil, fmt.Errorf("watch: %s watches are not supported by this host yet", w.Kind)
}

// CheckApply calls check (apply false) or apply (apply true). The request
// carries the resources grouped into this one, which the call serves too,
// and the pending refresh, which is the group's: the engine moved the
// children's edges to the parent.
func (r *resource) CheckApply(ctx context.Context, apply bool) (bool, error) {
	group, err := r.groupSpecs()
	if err != nil {
		return false, err
	}
	b, err := r.checkRequest(group)
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

// encodedCheck is a check request's bytes and what they were encoded from.
type encodedCheck struct {
	b []byte
	checkKey
}

// checkKey is what an ungrouped resource's check request is encoded from:
// the spec's generation, the refresh and the init.
type checkKey struct {
	gen     uint64
	refresh bool
	init    *hostabi.Init
}

// checkRequest encodes the check request of the resource with its grouped
// children; an ungrouped resource reuses its last bytes while its spec,
// refresh and init are the same. The bytes are only read: the call copies
// them into guest memory.
func (r *resource) checkRequest(group []hostabi.ResourceSpec) ([]byte, error) {
	r.mu.Lock()
	key := checkKey{gen: r.gen, refresh: r.refresh, init: r.init}
	if c := r.checkReq; len(group) == 0 && c.b != nil && c.checkKey == key {
		r.mu.Unlock()
		return c.b, nil
	}
	req := hostabi.CheckRequest{ResourceSpec: r.spec, Refresh: r.refresh, Group: group}
	if r.init != nil {
		req.Debug, req.VarDir = r.init.Debug, r.init.VarDir
	}
	r.mu.Unlock()
	b, err := req.MarshalBinary()
	if err != nil {
		return nil, err
	}
	if len(group) == 0 {
		r.mu.Lock()
		r.checkReq = encodedCheck{b: b, checkKey: key}
		r.mu.Unlock()
	}
	return b, nil
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

// Equal reports whether other is a resource of the same plugin with the
// same kind, name, params and unset names (a param set to its default is
// not the same as one left unset).
func (r *resource) Equal(other hostabi.Resource) bool {
	w, ok := other.(wasm)
	if !ok {
		return false
	}
	o := w.base()
	if o == r {
		return true
	}
	a, b := r.snapshot(), o.snapshot()
	if o.p != r.p || a.Kind != b.Kind || a.Name != b.Name || !slices.Equal(a.Unset, b.Unset) {
		return false
	}
	if a.Params == nil || b.Params == nil {
		return a.Params == b.Params
	}
	return a.Params.Equal(b.Params)
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
	maxResp := uint32(wasmhost.MaxResponse)
	if verb == hostabi.VerbValidate || verb == hostabi.VerbWatch {
		maxResp = smallResponse
	}
	return r.p.call(ctx, r.spec.Kind+"["+r.spec.Name+"]", verb, req, maxResp, resp)
}

// call calls a verb on behalf of who (a resource's kind[name], or "" for
// a function) and decodes its response of at most maxResp bytes. The host
// imports the guest calls meanwhile check the plugin's grants.
func (p *Plugin) call(ctx context.Context, who, verb string, req []byte, maxResp uint32, resp message) error {
	ctx = hostfuncs.WithCaller(ctx, hostfuncs.Caller{
		Plugin:   p.mod.Name(),
		Resource: who,
		Granted:  p.granted,
	})
	out, err := p.mod.CallMax(ctx, verb, req, maxResp)
	if err != nil {
		return err
	}
	if err := resp.UnmarshalBinary(out); err != nil {
		return fmt.Errorf("plugin %s: %s: the response does not decode: %w", p.mod.Name(), verb, err)
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
