package eval

import (
	"errors"
	"sort"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// World is the cluster as the world.* functions and the collect statement
// see it. Each read returns what to watch to learn that its answer
// changed.
type World interface {
	// GetVal reads the kv store's key.
	GetVal(key string) (value string, exists bool, watches []hostabi.WatchSpec, err error)
	// KVLookup reads each host's value in a namespace.
	KVLookup(namespace string) (map[string]string, []hostabi.WatchSpec, error)
	// Schedule returns the hosts scheduled in a namespace. With opts
	// (world.schedule's older two-argument form) this host also asks to
	// be scheduled there; opts holds the fields the program gave
	// (strategy, max, ttl).
	Schedule(namespace string, opts map[string]hostabi.Value) ([]string, []hostabi.WatchSpec, error)
	// Collect returns the resources of a kind exported to this host.
	Collect(kind string) ([]Collected, []hostabi.WatchSpec, error)
}

// Collected is a resource another host (or this one) exported.
type Collected struct {
	Kind, Name, Host string
	Params           map[string]hostabi.Value
}

// ErrNoWorld is the error of a world function where there is no cluster
// (mgmt graph, mgmt check).
var ErrNoWorld = errors.New("no cluster here: the world functions run under mgmt run")

// worldFuncs read the cluster.
var worldFuncs = map[string]coreFunc{
	"world.getval":      worldGetval,
	"world.kvlookup":    worldKVLookup,
	"world.schedule":    worldSchedule,
	"world/collect.res": worldCollectRes,
}

// retryWatch is what a failed cluster read watches: it is tried again a
// second later.
var retryWatch = []hostabi.WatchSpec{{Kind: hostabi.WatchInterval, IntervalMS: 1000}}

// worldRead memoizes a cluster read under mkey as a source with its
// watches; a failed read is a catchable error that is tried again.
func (r *run) worldRead(at ast.Node, mkey string, read func(World) (any, []hostabi.WatchSpec, error)) any {
	e := r.e
	m := e.memo[mkey]
	if m == nil || m.stale {
		e.reading(mkey)
		m = &memoEntry{}
		if e.opts.World == nil {
			m.err = ErrNoWorld
		} else {
			m.data, m.watches, m.err = read(e.opts.World)
			if m.err != nil {
				m.watches = retryWatch
			}
		}
		e.memo[mkey] = m
	}
	m.used = e.gen
	if m.err != nil {
		fail(at, m.err)
	}
	return m.data
}

func worldGetval(r *run, at ast.Node, a []hostabi.Value, out *hostabi.Type) hostabi.Value {
	key := strArg(at, "world.getval", a[0])
	return r.worldRead(at, "\x00world.getval\x00"+key, func(w World) (any, []hostabi.WatchSpec, error) {
		v, ok, watches, err := w.GetVal(key)
		if err != nil {
			return nil, nil, err
		}
		t := hostabi.NewStruct(hostabi.Field{Name: "value", Type: hostabi.TypeStr}, hostabi.Field{Name: "exists", Type: hostabi.TypeBool})
		return &hostabi.StructValue{T: t, Fields: []hostabi.Value{hostabi.StrValue(v), hostabi.BoolValue(ok)}}, watches, nil
	}).(hostabi.Value)
}

func worldKVLookup(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	ns := strArg(at, "world.kvlookup", a[0])
	return r.worldRead(at, "\x00world.kvlookup\x00"+ns, func(w World) (any, []hostabi.WatchSpec, error) {
		m, watches, err := w.KVLookup(ns)
		if err != nil {
			return nil, nil, err
		}
		hosts := make([]string, 0, len(m))
		for h := range m {
			hosts = append(hosts, h)
		}
		sort.Strings(hosts)
		keys := make([]hostabi.Value, len(hosts))
		vals := make([]hostabi.Value, len(hosts))
		for i, h := range hosts {
			keys[i], vals[i] = hostabi.StrValue(h), hostabi.StrValue(m[h])
		}
		v, err := newMap(hostabi.NewMap(hostabi.TypeStr, hostabi.TypeStr), keys, vals)
		return v, watches, err
	}).(hostabi.Value)
}

func worldSchedule(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	ns := strArg(at, "world.schedule", a[0])
	var opts map[string]hostabi.Value
	mkey := "\x00world.schedule\x00" + ns
	if len(a) > 1 {
		s, ok := a[1].(*hostabi.StructValue)
		if !ok {
			fatalf(at, "world.schedule: the options are a struct, not %s", typeOf(a[1]))
		}
		opts = make(map[string]hostabi.Value, len(s.Fields))
		for i, f := range s.T.Fields {
			opts[f.Name] = s.Fields[i]
		}
		mkey += "\x00" + s.String()
	}
	return r.worldRead(at, mkey, func(w World) (any, []hostabi.WatchSpec, error) {
		hosts, watches, err := w.Schedule(ns, opts)
		if err != nil {
			return nil, nil, err
		}
		return strList(hosts), watches, nil
	}).(hostabi.Value)
}

// collectedType is the type of world/collect.res's elements.
var collectedType = hostabi.NewStruct(hostabi.Field{Name: "name", Type: hostabi.TypeStr}, hostabi.Field{Name: "host", Type: hostabi.TypeStr})

func worldCollectRes(r *run, at ast.Node, a []hostabi.Value, _ *hostabi.Type) hostabi.Value {
	kind := strArg(at, "world/collect.res", a[0])
	var items []hostabi.Value
	for _, c := range r.collected(at, kind) {
		items = append(items, &hostabi.StructValue{T: collectedType, Fields: []hostabi.Value{hostabi.StrValue(c.Name), hostabi.StrValue(c.Host)}})
	}
	return newList(hostabi.NewList(collectedType), items)
}

// collected reads the resources of kind exported to this host, through
// the memo (as a source).
func (r *run) collected(at ast.Node, kind string) []Collected {
	return r.worldRead(at, "\x00world.collect\x00"+kind, func(w World) (any, []hostabi.WatchSpec, error) {
		return w.Collect(kind)
	}).([]Collected)
}

// strList is a []str of ss.
func strList(ss []string) hostabi.Value {
	items := make([]hostabi.Value, len(ss))
	for i, s := range ss {
		items[i] = hostabi.StrValue(s)
	}
	return newList(hostabi.NewList(hostabi.TypeStr), items)
}
