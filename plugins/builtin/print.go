package builtin

import (
	"context"
	"fmt"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// printInfo describes the print kind, which logs a message. Params: msg
// (str), refresh_only (bool: print only when a refresh is pending).
func printInfo() *hostabi.KindInfo {
	return &hostabi.KindInfo{
		Kind: "print",
		Params: []hostabi.ParamInfo{
			{Name: "msg", Type: hostabi.TypeStr},
			{Name: "refresh_only", Type: hostabi.TypeBool},
		},
		Traits: hostabi.Traits{Groupable: true, Recv: true, Refresh: true},
	}
}

// printRes is a print resource. It prints its message once, again whenever
// the message changes, and on every refresh.
type printRes struct {
	*base
	group   []hostabi.Resource // guarded by mu
	refresh bool               // guarded by mu: a refresh is pending
	printed bool               // guarded by mu: last was printed
	last    string             // guarded by mu: the message printed last
}

// newPrint builds a print resource.
func newPrint(_ *Registry, b *base) hostabi.Resource { return &printRes{base: b} }

// Validate accepts any print.
func (r *printRes) Validate() error { return nil }

// Watch has no event sources: it returns at once.
func (r *printRes) Watch(context.Context, hostabi.Events) error { return nil }

// CheckApply prints "print[name]: msg" through Init.Logf when the message
// was not printed yet or a refresh is pending (with refresh_only, only the
// latter), and reports false when it printed (or would, when apply is
// false). Grouped prints are checked and applied likewise, each with the
// group's pending refresh.
func (r *printRes) CheckApply(ctx context.Context, apply bool) (bool, error) {
	p := r.snapshot()
	msg, _ := str(p, "msg")
	refreshOnly := boolean(p, "refresh_only")

	r.mu.Lock()
	refresh := r.refresh
	need := refresh || (!refreshOnly && (!r.printed || r.last != msg))
	group := r.group
	if need && apply {
		r.printed, r.last, r.refresh = true, msg, false
	}
	r.mu.Unlock()

	checkOK := !need
	if need && apply {
		r.logf("%s", msg)
	}
	for _, c := range group {
		child, ok := c.(*printRes)
		if !ok {
			return false, fmt.Errorf("grouped resource %s[%s] is not a print", c.Kind(), c.Name())
		}
		child.SetRefresh(refresh)
		ok, err := child.CheckApply(ctx, apply)
		if err != nil {
			return false, fmt.Errorf("grouped %s: %w", child, err)
		}
		checkOK = checkOK && ok
	}
	return checkOK, nil
}

// Close releases nothing.
func (r *printRes) Close() error { return nil }

// Equal reports whether other is a print with the same name and params.
func (r *printRes) Equal(other hostabi.Resource) bool {
	o, ok := other.(*printRes)
	return ok && r.equalParams(o.base)
}

// GroupCmp accepts any other print.
func (r *printRes) GroupCmp(other hostabi.Resource) bool {
	o, ok := other.(*printRes)
	return ok && o != r
}

// SetGroup records the prints grouped into this one; CheckApply serves them.
func (r *printRes) SetGroup(children []hostabi.Resource) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.group = children
}

// SetRefresh records whether a refresh is pending for the next CheckApply.
func (r *printRes) SetRefresh(refresh bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refresh = refresh
}

// Recv sets msg from a received value.
func (r *printRes) Recv(field string, v hostabi.Value) (bool, error) {
	return r.recvStr(field, v, "msg")
}
