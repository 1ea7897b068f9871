// Package worldkinds holds the core's cluster kinds: kv (a key of the
// cluster's kv store, read by world.getval and world.kvlookup) and
// schedule (this host asks to be scheduled in a namespace, read by
// world.schedule). They are views of the node's own etcd session (its
// leases and watches), so they live in the core beside the World API
// rather than in a plugin.
package worldkinds

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/hostabi"
)

// WorldFunc returns the node's World once the node has joined the
// cluster; it fails when there is no cluster.
type WorldFunc func(context.Context) (*etcd.World, error)

// Source is the source of the cluster kinds (a registry.Source).
type Source struct {
	world WorldFunc
}

// New returns the source of the cluster kinds; world may be nil where
// nothing runs (mgmt check, mgmt graph).
func New(world WorldFunc) *Source {
	if world == nil {
		world = func(context.Context) (*etcd.World, error) {
			return nil, errors.New("no cluster here: the cluster kinds run under mgmt run")
		}
	}
	return &Source{world: world}
}

// The kinds' descriptions, with upstream's params.
var (
	// KVInfo describes kv: key (default: the name), value (unset: the key
	// is removed), mapped (the value is this host's in the namespace
	// key), skiplessthan and skipcmpstyle (0: compare as str, 1: as
	// int; a stored value greater than value is kept).
	KVInfo = hostabi.KindInfo{Kind: "kv", Params: []hostabi.ParamInfo{
		{Name: "key", Type: hostabi.TypeStr},
		{Name: "value", Type: hostabi.TypeStr},
		{Name: "mapped", Type: hostabi.TypeBool},
		{Name: "skiplessthan", Type: hostabi.TypeBool},
		{Name: "skipcmpstyle", Type: hostabi.TypeInt},
	}}
	// ScheduleInfo describes schedule: namespace (default: the name),
	// strategy, max, ttl (see etcd.ScheduleOptions), persist (accepted,
	// no effect) and withdraw (ask not to be scheduled).
	ScheduleInfo = hostabi.KindInfo{Kind: "schedule", Params: []hostabi.ParamInfo{
		{Name: "namespace", Type: hostabi.TypeStr},
		{Name: "strategy", Type: hostabi.TypeStr},
		{Name: "max", Type: hostabi.TypeInt},
		{Name: "persist", Type: hostabi.TypeBool},
		{Name: "ttl", Type: hostabi.TypeInt},
		{Name: "withdraw", Type: hostabi.TypeBool},
	}}
)

// Kinds lists the kinds.
func (s *Source) Kinds() []string { return []string{KVInfo.Kind, ScheduleInfo.Kind} }

// Lookup describes a kind.
func (s *Source) Lookup(kind string) (*hostabi.KindInfo, bool) {
	switch kind {
	case KVInfo.Kind:
		return &KVInfo, true
	case ScheduleInfo.Kind:
		return &ScheduleInfo, true
	}
	return nil, false
}

// New builds a resource.
func (s *Source) New(kind, name string, params map[string]hostabi.Value) (hostabi.Resource, error) {
	info, ok := s.Lookup(kind)
	if !ok {
		return nil, fmt.Errorf("unknown resource kind %q", kind)
	}
	for p, v := range params {
		i := slices.IndexFunc(info.Params, func(pi hostabi.ParamInfo) bool { return pi.Name == p })
		if i < 0 || !info.Params[i].Type.Equal(v.Type()) {
			return nil, fmt.Errorf("%s has no param %q of type %s", kind, p, v.Type())
		}
	}
	str := func(p, def string) string {
		if v, ok := params[p].(hostabi.StrValue); ok {
			return string(v)
		}
		return def
	}
	boolean := func(p string) bool { v, _ := params[p].(hostabi.BoolValue); return bool(v) }
	integer := func(p string) int64 { v, _ := params[p].(hostabi.IntValue); return int64(v) }
	if kind == KVInfo.Kind {
		r := &kvRes{name: name, world: s.world, key: str("key", name), mapped: boolean("mapped"),
			skipLess: boolean("skiplessthan"), cmpStyle: integer("skipcmpstyle")}
		if v, ok := params["value"].(hostabi.StrValue); ok {
			r.value, r.set = string(v), true
		}
		return r, nil
	}
	return &scheduleRes{name: name, world: s.world, ns: str("namespace", name), withdraw: boolean("withdraw"),
		opts: etcd.ScheduleOptions{Strategy: str("strategy", ""), Max: int(integer("max")), TTL: int(integer("ttl"))}}, nil
}

// kvRes is a kv resource.
type kvRes struct {
	name     string
	world    WorldFunc
	key      string
	value    string
	set      bool // a value was given; without one the key is removed
	mapped   bool
	skipLess bool
	cmpStyle int64
}

func (r *kvRes) Kind() string { return KVInfo.Kind }
func (r *kvRes) Name() string { return r.name }

// Validate checks the key and the comparison style.
func (r *kvRes) Validate() error {
	if r.key == "" {
		return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "key", Message: "the key is empty"}
	}
	if r.cmpStyle != 0 && r.cmpStyle != 1 {
		return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "skipcmpstyle", Message: fmt.Sprintf("%d is not a style: 0 compares as str, 1 as int", r.cmpStyle)}
	}
	if r.skipLess && r.cmpStyle == 1 && r.set {
		if _, err := strconv.ParseInt(r.value, 10, 64); err != nil {
			return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "value", Message: fmt.Sprintf("%q is not an int (skipcmpstyle 1)", r.value)}
		}
	}
	return nil
}

// Watch follows the key in the cluster.
func (r *kvRes) Watch(ctx context.Context, ev hostabi.Events) error {
	w, err := r.world(ctx)
	if err != nil {
		return err
	}
	prefix := etcd.WatchStrings + r.key
	if r.mapped {
		prefix = etcd.WatchStrMap + r.key + "/" + w.Hostname()
	}
	cancel := w.Watch(prefix, 0, ev.Event)
	go func() { <-ctx.Done(); cancel() }()
	return nil
}

// CheckApply makes the stored value the resource's.
func (r *kvRes) CheckApply(ctx context.Context, apply bool) (bool, error) {
	w, err := r.world(ctx)
	if err != nil {
		return false, err
	}
	var have string
	var ok bool
	if r.mapped {
		have, ok, err = w.GetMapped(r.key)
	} else {
		have, ok, _, err = w.GetVal(r.key)
	}
	if err != nil {
		return false, err
	}
	switch {
	case !r.set && !ok, r.set && ok && have == r.value:
		return true, nil
	case r.set && ok && r.skipLess && !r.less(have):
		return true, nil // the stored value is greater: it stays
	case !apply:
		return false, nil
	case !r.set && r.mapped:
		return false, w.DelMapped(r.key)
	case !r.set:
		return false, w.DelVal(r.key)
	case r.mapped:
		return false, w.SetMapped(r.key, r.value)
	}
	return false, w.SetVal(r.key, r.value)
}

// less reports whether the stored value have is less than the
// resource's.
func (r *kvRes) less(have string) bool {
	if r.cmpStyle == 1 {
		h, err := strconv.ParseInt(have, 10, 64)
		v, _ := strconv.ParseInt(r.value, 10, 64)
		return err != nil || h < v
	}
	return have < r.value
}

// Close keeps the key: the kv store outlives the resource.
func (r *kvRes) Close() error { return nil }

// Equal compares every param.
func (r *kvRes) Equal(other hostabi.Resource) bool {
	o, ok := other.(*kvRes)
	return ok && o.name == r.name && o.key == r.key && o.value == r.value && o.set == r.set &&
		o.mapped == r.mapped && o.skipLess == r.skipLess && o.cmpStyle == r.cmpStyle
}

// scheduleRes is a schedule resource: while it is in the graph, this host
// asks to be scheduled in its namespace.
type scheduleRes struct {
	name     string
	world    WorldFunc
	ns       string
	opts     etcd.ScheduleOptions
	withdraw bool
	release  func()
}

func (r *scheduleRes) Kind() string { return ScheduleInfo.Kind }
func (r *scheduleRes) Name() string { return r.name }

// Validate checks the options.
func (r *scheduleRes) Validate() error {
	if r.ns == "" {
		return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "namespace", Message: "the namespace is empty"}
	}
	if _, err := r.opts.Normalize(); err != nil {
		return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "strategy", Message: err.Error()}
	}
	if r.opts.Max < 0 || r.opts.TTL < 0 {
		return &hostabi.ABIError{Code: hostabi.CodeInvalid, Param: "max", Message: "max and ttl must not be negative"}
	}
	return nil
}

// Watch has nothing to watch: the request lives in the host's lease.
func (r *scheduleRes) Watch(context.Context, hostabi.Events) error { return nil }

// CheckApply asks to be scheduled once (or not, with withdraw).
func (r *scheduleRes) CheckApply(ctx context.Context, apply bool) (bool, error) {
	if r.withdraw || r.release != nil {
		return true, nil
	}
	if !apply {
		return false, nil
	}
	w, err := r.world(ctx)
	if err != nil {
		return false, err
	}
	release, err := w.Join(r.ns, r.opts)
	if err != nil {
		return false, err
	}
	r.release = release
	return false, nil
}

// Close withdraws the request.
func (r *scheduleRes) Close() error {
	if r.release != nil {
		r.release()
		r.release = nil
	}
	return nil
}

// Equal compares every param.
func (r *scheduleRes) Equal(other hostabi.Resource) bool {
	o, ok := other.(*scheduleRes)
	return ok && o.name == r.name && o.ns == r.ns && o.opts == r.opts && o.withdraw == r.withdraw
}
