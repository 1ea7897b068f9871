package langrun

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/eval"
)

// WorldWait is how long a world function waits for the cluster to come up
// before its call fails (and is tried again a second later).
const WorldWait = 30 * time.Second

// ClusterWorld is the cluster as a program sees it (eval.World), over the
// node's etcd.World, which may still be starting. It is also the watcher
// of the kv watches its reads return (Sources uses it) and it withdraws
// this host from the schedules the program no longer asks for (Retain).
type ClusterWorld struct {
	get func(context.Context) (*etcd.World, error)

	mu sync.Mutex
	// revs is the revision each watched prefix was last read at: its
	// watch starts after it, so no change in between is missed.
	revs map[string]int64
	// joined are this host's schedule requests by namespace.
	joined map[string]*joined
}

// joined is one schedule request.
type joined struct {
	opts    etcd.ScheduleOptions
	release func()
}

// NewClusterWorld returns the program's view of the cluster; get returns
// the node's World once the node has joined.
func NewClusterWorld(get func(context.Context) (*etcd.World, error)) *ClusterWorld {
	return &ClusterWorld{get: get, revs: map[string]int64{}, joined: map[string]*joined{}}
}

// world waits for the cluster.
func (c *ClusterWorld) world() (*etcd.World, error) {
	ctx, cancel := context.WithTimeout(context.Background(), WorldWait)
	defer cancel()
	return c.get(ctx)
}

// read records the revision of a read of prefix and returns its watch.
func (c *ClusterWorld) read(prefix string, rev int64) []hostabi.WatchSpec {
	c.mu.Lock()
	c.revs[prefix] = rev
	c.mu.Unlock()
	return []hostabi.WatchSpec{{Kind: hostabi.WatchKV, Key: prefix}}
}

// GetVal implements eval.World.
func (c *ClusterWorld) GetVal(key string) (string, bool, []hostabi.WatchSpec, error) {
	w, err := c.world()
	if err != nil {
		return "", false, nil, err
	}
	v, ok, rev, err := w.GetVal(key)
	if err != nil {
		return "", false, nil, err
	}
	return v, ok, c.read(etcd.WatchStrings+key, rev), nil
}

// KVLookup implements eval.World.
func (c *ClusterWorld) KVLookup(ns string) (map[string]string, []hostabi.WatchSpec, error) {
	w, err := c.world()
	if err != nil {
		return nil, nil, err
	}
	m, rev, err := w.KVLookup(ns)
	if err != nil {
		return nil, nil, err
	}
	return m, c.read(etcd.WatchStrMap+ns+"/", rev), nil
}

// Schedule implements eval.World: with options this host asks to be
// scheduled (once per namespace and options), then it reads the schedule.
func (c *ClusterWorld) Schedule(ns string, opts map[string]hostabi.Value) ([]string, []hostabi.WatchSpec, error) {
	w, err := c.world()
	if err != nil {
		return nil, nil, err
	}
	if opts != nil {
		o, err := scheduleOptions(opts)
		if err != nil {
			return nil, nil, err
		}
		if err := c.join(w, ns, o); err != nil {
			return nil, nil, err
		}
	}
	hosts, rev, err := w.Scheduled(ns)
	if err != nil {
		return nil, nil, err
	}
	return hosts, c.read(etcd.WatchSchedule+ns+"/", rev), nil
}

// join asks for this host in ns with o unless it already does.
func (c *ClusterWorld) join(w *etcd.World, ns string, o etcd.ScheduleOptions) error {
	o, err := o.Normalize()
	if err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if j := c.joined[ns]; j != nil && j.opts == o {
		return nil
	}
	release, err := w.Join(ns, o)
	if err != nil {
		return err
	}
	if old := c.joined[ns]; old != nil {
		old.release()
	}
	c.joined[ns] = &joined{opts: o, release: release}
	return nil
}

// scheduleOptions reads world.schedule's struct of options.
func scheduleOptions(m map[string]hostabi.Value) (etcd.ScheduleOptions, error) {
	var o etcd.ScheduleOptions
	for name, v := range m {
		switch x := v.(type) {
		case hostabi.StrValue:
			if name != "strategy" {
				return o, fmt.Errorf("world.schedule: unknown option %s (options: strategy str, max int, ttl int)", name)
			}
			o.Strategy = string(x)
		case hostabi.IntValue:
			switch name {
			case "max":
				o.Max = int(x)
			case "ttl":
				o.TTL = int(x)
			default:
				return o, fmt.Errorf("world.schedule: unknown option %s (options: strategy str, max int, ttl int)", name)
			}
		default:
			return o, fmt.Errorf("world.schedule: option %s is a %s (options: strategy str, max int, ttl int)", name, v.Type())
		}
	}
	return o, nil
}

// scheduleCall is the start of the memo key of a world.schedule call.
const scheduleCall = "\x00world.schedule\x00"

// Retain withdraws this host from the namespaces that no two-argument
// world.schedule call among sources (the engine's live calls) asks for.
func (c *ClusterWorld) Retain(sources []eval.Source) {
	want := map[string]bool{}
	for _, s := range sources {
		if rest, ok := strings.CutPrefix(s.Key, scheduleCall); ok {
			if ns, _, two := strings.Cut(rest, "\x00"); two {
				want[ns] = true
			}
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for ns, j := range c.joined {
		if !want[ns] {
			j.release()
			delete(c.joined, ns)
		}
	}
}

// Close withdraws every schedule request.
func (c *ClusterWorld) Close() { c.Retain(nil) }

// Collect implements eval.World.
func (c *ClusterWorld) Collect(kind string) ([]eval.Collected, []hostabi.WatchSpec, error) {
	w, err := c.world()
	if err != nil {
		return nil, nil, err
	}
	res, rev, err := w.Collect(kind)
	if err != nil {
		return nil, nil, err
	}
	out := make([]eval.Collected, 0, len(res))
	for _, e := range res {
		params := make(map[string]hostabi.Value, len(e.Params))
		for name, b := range e.Params {
			v, err := hostabi.DecodeValue(b)
			if err != nil {
				return nil, nil, fmt.Errorf("collect %s[%s] from %s: param %s: %w", e.Kind, e.Name, e.Host, name, err)
			}
			params[name] = v
		}
		out = append(out, eval.Collected{Kind: e.Kind, Name: e.Name, Host: e.Host, Params: params})
	}
	return out, c.read(etcd.WatchExported, rev), nil
}

// Watch calls fn when a key under prefix changes after it was last read
// (langrun.KVWatcher).
func (c *ClusterWorld) Watch(prefix string, fn func()) (cancel func(), err error) {
	w, err := c.world()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	rev := c.revs[prefix]
	c.mu.Unlock()
	return w.Watch(prefix, rev, fn), nil
}

// Exports are the resources of out exported with Meta:export, as the
// cluster stores them.
func Exports(out *eval.Output) ([]etcd.Exported, error) {
	if out == nil {
		return nil, nil
	}
	var res []etcd.Exported
	for _, r := range out.Resources {
		l, ok := r.Meta["export"].(*hostabi.ListValue)
		if !ok || len(l.Items) == 0 {
			continue
		}
		e := etcd.Exported{Kind: r.Kind, Name: r.Name, Params: make(map[string][]byte, len(r.Params))}
		for _, it := range l.Items {
			if s, ok := it.(hostabi.StrValue); ok {
				e.To = append(e.To, string(s))
			}
		}
		sort.Strings(e.To)
		for name, v := range r.Params {
			b, err := hostabi.EncodeValue(v)
			if err != nil {
				return nil, fmt.Errorf("export %s: param %s: %w", r.ID(), name, err)
			}
			e.Params[name] = b
		}
		res = append(res, e)
	}
	return res, nil
}
