package builtin

import (
	"fmt"
	"log"
	"maps"
	"sync"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// base is what every built-in resource shares: identity, the params the
// user set (set-ness matters: a file's content is managed only when set),
// and the engine's Init.
type base struct {
	kind, name string

	mu     sync.Mutex
	params map[string]hostabi.Value // guarded by mu; replaced, never modified
	init   *hostabi.Init            // guarded by mu
}

// Kind returns the resource kind.
func (b *base) Kind() string { return b.kind }

// Name returns the resource name.
func (b *base) Name() string { return b.name }

// String returns kind[name].
func (b *base) String() string { return b.kind + "[" + b.name + "]" }

// Init stores the engine's environment.
func (b *base) Init(init *hostabi.Init) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.init = init
	return nil
}

// logf logs through Init.Logf (which names the resource), or the standard
// logger, prefixed with kind[name], before Init.
func (b *base) logf(format string, args ...any) {
	b.mu.Lock()
	init := b.init
	b.mu.Unlock()
	if init != nil && init.Logf != nil {
		init.Logf(format, args...)
		return
	}
	log.Printf(b.String()+": "+format, args...)
}

// snapshot returns the current params; the map must not be modified.
func (b *base) snapshot() map[string]hostabi.Value {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.params
}

// str returns string param name and whether the user set it.
func str(params map[string]hostabi.Value, name string) (string, bool) {
	v, ok := params[name].(hostabi.StrValue)
	return string(v), ok
}

// boolean returns bool param name, false when unset.
func boolean(params map[string]hostabi.Value, name string) bool {
	v, _ := params[name].(hostabi.BoolValue)
	return bool(v)
}

// equalParams reports whether two resources of one Go type have the same
// identity and the same params set to equal values.
func (b *base) equalParams(o *base) bool {
	if b == o {
		return true
	}
	if b.kind != o.kind || b.name != o.name {
		return false
	}
	return maps.EqualFunc(b.snapshot(), o.snapshot(), hostabi.Value.Equal)
}

// recvStr sets str param field from a received value, for the fields in
// allowed, and reports whether it changed.
func (b *base) recvStr(field string, v hostabi.Value, allowed ...string) (bool, error) {
	ok := false
	for _, a := range allowed {
		ok = ok || a == field
	}
	if !ok {
		return false, fmt.Errorf("recv: %w %q (receivable: %v)", ErrUnknownParam, field, allowed)
	}
	if _, isStr := v.(hostabi.StrValue); !isStr {
		return false, fmt.Errorf("recv %s: %w: want str, got %s", field, hostabi.ErrType, typeOf(v))
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if old, set := b.params[field]; set && old.Equal(v) {
		return false, nil
	}
	next := maps.Clone(b.params)
	if next == nil {
		next = make(map[string]hostabi.Value)
	}
	next[field] = v
	b.params = next
	return true, nil
}
