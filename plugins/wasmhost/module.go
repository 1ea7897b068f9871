package wasmhost

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// minRequestBuffer is the smallest request buffer the host allocates in
// a guest, so that the usual requests fit one buffer for the instance's
// life.
const minRequestBuffer = 16 << 10

// MaxResponse is the largest response a guest may return (64 MiB, the
// ABI's limit).
const MaxResponse = 64 << 20

// Module is a compiled plugin module with its pool of instances.
type Module struct {
	h      *Host
	name   string
	code   atomic.Pointer[tier] // what new instances are made from
	tiers  []*tier              // every tier made, closed by Close; guarded by mu
	mu     sync.Mutex
	ready  chan struct{} // closed when the compiler's tier is in place (or failed)
	initFn bool          // the module is a reactor with _initialize

	idle  idleStack     // ready instances, most recently used on top
	slots chan struct{} // one token per live instance
	once  sync.Once     // closes the pool
	done  chan struct{} // closed by Close
	stats struct{ Calls, Errors, Restarts atomic.Int64 }
	// lastBack is when an instance last came back to the pool or was
	// made (Unix ns), for mayGrow; watching is held by the one waiting
	// caller that watches for a stall.
	lastBack  atomic.Int64
	watching  atomic.Bool
	watchFree chan struct{} // a token when the watcher leaves
}

// instance is one instantiated module, its functions (looked up once:
// wazero builds a call engine per lookup) and what its guest wrote to
// stderr. One call at a time uses an instance.
type instance struct {
	tier *tier // the code it runs
	// reqPtr and reqCap are the request buffer the host allocated in the
	// guest and reuses for every request that fits (see call).
	reqPtr, reqCap uint32
	mod            api.Module
	fns            map[string]api.Function
	stderr         *bytes.Buffer
	mem            *guestMemory // its linear memory (guestmem.go)
}

// fn returns the exported function called name, or nil.
func (i *instance) fn(name string) api.Function {
	f, ok := i.fns[name]
	if !ok {
		f = i.mod.ExportedFunction(name)
		i.fns[name] = f
	}
	return f
}

// Load compiles a module (through the compilation cache) and checks that it
// exports the calling convention's alloc and dealloc. Instances are made on
// demand. When the compiler takes longer than Config.QuickStart (a cold
// cache), the module starts on the interpreter and moves to the compiled
// code when the compiler is done (see quickStart).
func (h *Host) Load(ctx context.Context, name string, wasm []byte) (*Module, error) {
	m := &Module{
		h: h, name: name,
		ready:     make(chan struct{}),
		idle:      newIdleStack(h.cfg.PoolSize),
		watchFree: make(chan struct{}, 1),
		slots:     make(chan struct{}, h.cfg.PoolSize),
		done:      make(chan struct{}),
	}
	first, err := m.quickStart(ctx, wasm)
	if err != nil {
		return nil, err
	}
	exports := first.cm.ExportedFunctions()
	bad := ""
	if _, ok := exports["_start"]; ok {
		bad = "it is a WASI command (it exports _start); plugins must be reactor modules"
	}
	for _, want := range []string{"alloc", "dealloc"} {
		if _, ok := exports[want]; !ok && bad == "" {
			bad = fmt.Sprintf("it does not export %q, which the host ABI requires", want)
		}
	}
	if bad != "" {
		m.Close(ctx)
		return nil, fmt.Errorf("plugin %s: %s", name, bad)
	}
	_, m.initFn = exports["_initialize"]
	h.mu.Lock()
	h.mods = append(h.mods, m)
	h.mu.Unlock()
	return m, nil
}

// beforeCompile runs before each compiler compilation; tests hold it to
// see the interpreter tier.
var beforeCompile = func() {}

// tier is one compilation of a module: by the compiler, or by the
// interpreter while the compiler works.
type tier struct {
	cm     wazero.CompiledModule
	rt     wazero.Runtime
	interp bool
}

// quickStart compiles wasm with the compiler and returns its tier if it is
// done within Config.QuickStart. Otherwise it returns an interpreter tier
// (which compiles several times faster and runs Go guests a few times
// slower) and installs the compiler's tier when it is done: instances made
// from then on run compiled code, and interpreter instances are retired
// as they come back to the pool.
func (m *Module) quickStart(ctx context.Context, wasm []byte) (*tier, error) {
	type result struct {
		cm  wazero.CompiledModule
		err error
	}
	compiled := make(chan result, 1)
	go func() {
		beforeCompile()
		cm, err := m.h.rt.CompileModule(context.WithoutCancel(ctx), wasm)
		compiled <- result{cm, err}
	}()
	install := func(r result) (*tier, error) {
		defer close(m.ready)
		if r.err != nil {
			return nil, fmt.Errorf("plugin %s: compile: %w", m.name, r.err)
		}
		m.h.markCached(wasm)
		return m.addTier(&tier{cm: r.cm, rt: m.h.rt}), nil
	}
	wait := m.h.cfg.QuickStart
	if wait < 0 || m.h.cached(wasm) {
		return install(<-compiled)
	}
	timer := time.NewTimer(wait)
	defer timer.Stop()
	select {
	case r := <-compiled:
		return install(r)
	case <-timer.C:
	}
	interp, err := m.h.interpreter(ctx)
	var cm wazero.CompiledModule
	if err == nil {
		cm, err = interp.CompileModule(ctx, wasm)
	}
	if err != nil { // the compiler may still succeed
		return install(<-compiled)
	}
	first := m.addTier(&tier{cm: cm, rt: interp, interp: true})
	go func() {
		r := <-compiled
		defer close(m.ready)
		if r.err == nil {
			m.addTier(&tier{cm: r.cm, rt: m.h.rt})
			m.h.markCached(wasm)
		}
		// On a compiler error the interpreter tier stays: slower, not broken.
	}()
	return first, nil
}

// addTier records t and makes it the code of new instances, unless the
// module was closed meanwhile (then t is closed).
func (m *Module) addTier(t *tier) *tier {
	m.mu.Lock()
	defer m.mu.Unlock()
	select {
	case <-m.done:
		t.cm.Close(context.Background())
		return t
	default:
	}
	m.tiers = append(m.tiers, t)
	m.code.Store(t)
	return t
}

// Compiled reports whether new instances run the optimizing compiler's
// code (false while the module runs on the interpreter after a cold start).
func (m *Module) Compiled() bool { return !m.code.Load().interp }

// WaitCompiled waits until the compiler's code is in place (or failed) or
// ctx ends.
func (m *Module) WaitCompiled(ctx context.Context) error {
	select {
	case <-m.ready:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Name is the module's name, used in errors.
func (m *Module) Name() string { return m.name }

// Exports lists the functions the module exports.
func (m *Module) Exports() map[string]api.FunctionDefinition {
	return m.code.Load().cm.ExportedFunctions()
}

// Stats reports the module's calls, failed calls and replaced instances.
func (m *Module) Stats() (calls, errs, restarts int64) {
	return m.stats.Calls.Load(), m.stats.Errors.Load(), m.stats.Restarts.Load()
}

// Call calls a verb export with request bytes and returns the response
// bytes, under the host's deadline. A failed call discards its instance.
// Responses may be up to MaxResponse bytes; CallMax sets a tighter cap.
func (m *Module) Call(ctx context.Context, export string, req []byte) ([]byte, error) {
	return m.CallMax(ctx, export, req, MaxResponse)
}

// CallMax is Call with a cap on the response size: a verb whose answers
// are small (describe, validate, watch) should not get to hand the host a
// 64 MiB message to decode.
func (m *Module) CallMax(ctx context.Context, export string, req []byte, maxResp uint32) (_ []byte, err error) {
	m.stats.Calls.Add(1)
	if o := m.h.cfg.Observer; o != nil {
		defer observe(o, m.name, export, time.Now(), &err)
	}
	ctx, cancel := context.WithTimeout(ctx, m.h.cfg.CallTimeout)
	defer cancel()
	inst, err := m.get(ctx)
	if err != nil {
		m.stats.Errors.Add(1)
		return nil, err
	}
	inst.mem.enter()
	resp, err := m.call(withAlloc(ctx, inst), inst, export, req, min(maxResp, MaxResponse))
	inst.mem.leave()
	if err != nil {
		m.stats.Errors.Add(1)
		m.discard(inst)
		return nil, m.explain(ctx, inst, export, err)
	}
	m.put(inst)
	return resp, nil
}

// Invoke calls an export that is not a verb (such as mgmt_abi_version)
// with plain integer arguments, under the same deadline and pool as Call.
func (m *Module) Invoke(ctx context.Context, export string, args ...uint64) (_ []uint64, err error) {
	m.stats.Calls.Add(1)
	if o := m.h.cfg.Observer; o != nil {
		defer observe(o, m.name, export, time.Now(), &err)
	}
	ctx, cancel := context.WithTimeout(ctx, m.h.cfg.CallTimeout)
	defer cancel()
	inst, err := m.get(ctx)
	if err != nil {
		m.stats.Errors.Add(1)
		return nil, err
	}
	fn := inst.fn(export)
	if fn == nil {
		m.put(inst)
		m.stats.Errors.Add(1)
		return nil, fmt.Errorf("plugin %s: no export %q", m.name, export)
	}
	inst.mem.enter()
	out, err := fn.Call(withAlloc(ctx, inst), args...)
	inst.mem.leave()
	if err != nil {
		m.stats.Errors.Add(1)
		m.discard(inst)
		return nil, m.explain(ctx, inst, export, err)
	}
	m.put(inst)
	return out, nil
}

// call runs the calling convention on one instance.
func (m *Module) call(ctx context.Context, inst *instance, export string, req []byte, maxResp uint32) ([]byte, error) {
	fn := inst.fn(export)
	if fn == nil {
		return nil, fmt.Errorf("no export %q", export)
	}
	alloc, dealloc := inst.fn("alloc"), inst.fn("dealloc")
	mem := inst.mod.Memory()
	if mem == nil {
		return nil, errors.New("the module has no memory")
	}
	var ptr uint32 // an empty request is passed as (0, 0), allocating nothing
	if len(req) > 0 {
		// The request buffer is the host's (ABI §2): it is kept and
		// reused for the next requests that fit, which saves two guest
		// calls (alloc and dealloc) per verb. It is replaced when a
		// request is larger.
		if uint32(len(req)) > inst.reqCap {
			if inst.reqCap > 0 {
				if _, err := dealloc.Call(ctx, uint64(inst.reqPtr), uint64(inst.reqCap)); err != nil {
					return nil, fmt.Errorf("dealloc of the request buffer: %w", err)
				}
				inst.reqPtr, inst.reqCap = 0, 0
			}
			size := max(uint32(len(req)), minRequestBuffer)
			res, err := alloc.Call(ctx, uint64(size))
			if err != nil {
				return nil, fmt.Errorf("alloc(%d): %w", size, err)
			}
			if uint32(res[0]) == 0 {
				return nil, fmt.Errorf("alloc(%d) returned an unusable pointer 0", size)
			}
			inst.reqPtr, inst.reqCap = uint32(res[0]), size
		}
		ptr = inst.reqPtr
		if !mem.Write(ptr, req) {
			inst.reqPtr, inst.reqCap = 0, 0
			return nil, fmt.Errorf("alloc returned an unusable pointer %#x", ptr)
		}
	}
	out, err := fn.Call(ctx, uint64(ptr), uint64(len(req)))
	if err != nil {
		return nil, err
	}
	rptr, rlen := uint32(out[0]>>32), uint32(out[0])
	if rlen > maxResp {
		return nil, fmt.Errorf("%w: a response of %d bytes exceeds the %d-byte limit", ErrLimit, rlen, maxResp)
	}
	buf, ok := mem.Read(rptr, rlen)
	if !ok {
		return nil, fmt.Errorf("response [%#x, +%d) is outside guest memory", rptr, rlen)
	}
	resp := bytes.Clone(buf)
	// The response is freed; the request buffer is kept for the next
	// call. A guest that answers with its request buffer itself gets it
	// freed once, and the host allocates a new one next time.
	switch {
	case rlen > 0 && rptr == ptr:
		size := inst.reqCap
		inst.reqPtr, inst.reqCap = 0, 0
		if _, err := dealloc.Call(ctx, uint64(rptr), uint64(size)); err != nil {
			return nil, fmt.Errorf("dealloc of the response: %w", err)
		}
	case rlen > 0:
		if _, err := dealloc.Call(ctx, uint64(rptr), uint64(rlen)); err != nil {
			return nil, fmt.Errorf("dealloc of the response: %w", err)
		}
	}
	return resp, nil
}

// explain wraps a call error with the plugin, the export, the limit that
// stopped it if any, and the tail of the guest's stderr.
func (m *Module) explain(ctx context.Context, inst *instance, export string, err error) error {
	if ctx.Err() != nil {
		err = fmt.Errorf("%w: the call exceeded its %v deadline: %w", ErrLimit, m.h.cfg.CallTimeout, err)
	}
	if tail := lastLine(inst.stderr.Bytes()); tail != "" {
		err = fmt.Errorf("%w (guest stderr: %s)", err, tail)
	}
	return fmt.Errorf("plugin %s: %s: %w", m.name, export, err)
}

// get returns an idle instance, or a new one while the pool may grow (see
// mayGrow), or waits for one to come back. Of the callers waiting, one at
// a time watches for a stall (the others would only add wakeups that
// delay the calls they wait for).
func (m *Module) get(ctx context.Context) (*instance, error) {
	select {
	case <-m.idle.ready:
		return m.idle.pop(), nil
	default:
	}
	var recheck *time.Timer // set while this caller is the watcher
	defer func() {
		if recheck != nil {
			recheck.Stop()
			m.watching.Store(false)
			select { // hand the watch to a caller still waiting
			case m.watchFree <- struct{}{}:
			default:
			}
		}
	}()
	for {
		grow := m.slots
		var stalled <-chan time.Time
		var free <-chan struct{}
		if !m.mayGrow() {
			grow = nil // a nil channel is never ready
			if recheck == nil && m.watching.CompareAndSwap(false, true) {
				recheck = time.NewTimer(stallAfter)
			} else if recheck != nil {
				recheck.Reset(stallAfter)
			}
			if recheck != nil {
				stalled = recheck.C
			} else {
				free = m.watchFree
			}
		}
		select {
		case <-m.idle.ready:
			return m.idle.pop(), nil
		case grow <- struct{}{}:
			inst, err := m.instantiate(ctx)
			if err != nil {
				<-m.slots
				return nil, err
			}
			m.lastBack.Store(time.Now().UnixNano())
			return inst, nil
		case <-stalled:
		case <-free: // the watcher left: take over
		case <-m.done:
			return nil, fmt.Errorf("plugin %s: closed", m.name)
		case <-ctx.Done():
			return nil, fmt.Errorf("plugin %s: no instance free before the deadline: %w", m.name, ctx.Err())
		}
	}
}

// stallAfter is how long every instance of a module must have been busy,
// none coming back, before the pool grows past one instance per CPU.
const stallAfter = 20 * time.Millisecond

// mayGrow reports whether a caller finding no idle instance may make one
// (the pool's size still caps it): while there are fewer instances than
// CPUs, or when none has come back for stallAfter (they are blocked in
// long host calls, such as exec). Otherwise waiting for the next one to
// come back is cheaper than a new instance, its memory and its cold
// caches: a burst of short calls (a graph's validations) runs on one
// instance per CPU.
func (m *Module) mayGrow() bool {
	if len(m.slots) < min(cap(m.slots), runtime.GOMAXPROCS(0)) {
		return true
	}
	return time.Since(time.Unix(0, m.lastBack.Load())) >= stallAfter
}

// instantiate makes a new instance, initialising a reactor module.
func (m *Module) instantiate(ctx context.Context) (*instance, error) {
	stderr := &bytes.Buffer{}
	cfg := wazero.NewModuleConfig().
		WithName("").
		WithStderr(&capped{b: stderr, max: 4096}).
		WithSysWalltime().WithSysNanotime().WithSysNanosleep().
		WithRandSource(rand.Reader)
	for _, kv := range m.h.env {
		cfg = cfg.WithEnv(kv[0], kv[1])
	}
	if m.initFn {
		cfg = cfg.WithStartFunctions("_initialize")
	} else {
		cfg = cfg.WithStartFunctions()
	}
	t := m.code.Load()
	mem := &guestMemory{}
	mem.enter() // _initialize runs in InstantiateModule
	mod, err := t.rt.InstantiateModule(experimental.WithMemoryAllocator(ctx, mem.allocator()), t.cm, cfg)
	mem.leave()
	if err != nil {
		mem.Free() // a failed instantiation may have mapped it
		return nil, fmt.Errorf("plugin %s: instantiate: %w", m.name, err)
	}
	return &instance{tier: t, mod: mod, fns: map[string]api.Function{}, stderr: stderr, mem: mem}, nil
}

// put returns a healthy instance to the pool; one of a tier that has been
// replaced is retired instead (not counted as a restart).
func (m *Module) put(inst *instance) {
	if inst.tier != m.code.Load() {
		inst.mod.Close(context.Background())
		<-m.slots
		return
	}
	m.lastBack.Store(time.Now().UnixNano())
	select {
	case <-m.done:
		m.discard(inst)
	default:
		m.idle.push(inst)
	}
}

// discard closes a broken instance and frees its slot.
func (m *Module) discard(inst *instance) {
	m.stats.Restarts.Add(1)
	if o := m.h.cfg.Observer; o != nil {
		o.ObserveRestart(m.name)
	}
	inst.mod.Close(context.Background())
	<-m.slots
}

// Close closes the idle instances and the compiled module. Calls in flight
// finish first on their own instances. A compilation still running after
// a quick start is waited for (until ctx ends), so that its code reaches
// the compilation cache and the next start is a cache hit.
func (m *Module) Close(ctx context.Context) error {
	compiling := false
	select {
	case <-m.ready:
	case <-ctx.Done():
		compiling = true
	}
	m.once.Do(func() { close(m.done) })
	err := m.closeIdle(ctx)
	if compiling {
		err = errors.Join(err, errStillCompiling)
	}
	return err
}

// errStillCompiling is joined to the error of a Close that gave up waiting
// for the module's background compilation.
var errStillCompiling = errors.New("the module was still compiling; its runtime is left to the compiler")

// closeIdle closes the idle instances and every tier.
func (m *Module) closeIdle(ctx context.Context) error {
	for {
		select {
		case <-m.idle.ready:
			m.idle.pop().mod.Close(ctx)
			<-m.slots
		default:
			m.mu.Lock()
			defer m.mu.Unlock()
			var err error
			for _, t := range m.tiers {
				err = errors.Join(err, t.cm.Close(ctx))
			}
			m.tiers = nil
			return err
		}
	}
}

// capped is a writer that keeps at most max bytes (the latest).
type capped struct {
	mu  sync.Mutex
	b   *bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.b.Write(p)
	if over := c.b.Len() - c.max; over > 0 {
		c.b.Next(over)
	}
	return len(p), nil
}

// lastLine returns the last non-empty line of b.
func lastLine(b []byte) string {
	lines := bytes.Split(bytes.TrimSpace(b), []byte("\n"))
	return string(lines[len(lines)-1])
}
