package etcd

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Scheduler defaults, as upstream's.
const (
	DefaultScheduleStrategy = "rr"
	DefaultScheduleMax      = 1
	DefaultScheduleTTL      = 10
)

// ScheduleOptions are what a host asks of a namespace's schedule.
type ScheduleOptions struct {
	// Strategy picks the hosts: "rr" (the default) takes them in the
	// order they asked, so a host keeps its place while it lives and a
	// newcomer never displaces one.
	Strategy string `json:"strategy"`
	// Max is how many hosts are scheduled (default 1).
	Max int `json:"max"`
	// TTL is how many seconds a host that stopped without withdrawing (a
	// crash) keeps its place (default 10; etcd's minimum lease applies).
	TTL int `json:"ttl"`
}

// strategies are the known strategies.
var strategies = map[string]bool{"rr": true, "default": true}

// Normalize fills in the defaults and checks the strategy.
func (o ScheduleOptions) Normalize() (ScheduleOptions, error) {
	if o.Strategy == "" {
		o.Strategy = DefaultScheduleStrategy
	}
	if !strategies[o.Strategy] {
		return o, fmt.Errorf("schedule: unknown strategy %q (known: rr, default)", o.Strategy)
	}
	if o.Max <= 0 {
		o.Max = DefaultScheduleMax
	}
	if o.TTL <= 0 {
		o.TTL = DefaultScheduleTTL
	}
	return o, nil
}

// scheduleReg is this host's request in one namespace.
type scheduleReg struct {
	w    *World
	ns   string
	opts ScheduleOptions
	stop context.CancelFunc
	done chan struct{}
	refs int // under w.mu

	mu    sync.Mutex
	lease clientv3.LeaseID
}

// Join asks for this host to be scheduled in namespace ns, until the
// returned release is called as often as Join was. Joining again with
// other options replaces the request.
func (w *World) Join(ns string, opts ScheduleOptions) (release func(), err error) {
	if ns == "" || strings.Contains(ns, "/") {
		return nil, fmt.Errorf("schedule: namespace %q: want a non-empty name without /", ns)
	}
	if opts, err = opts.Normalize(); err != nil {
		return nil, err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	r := w.schedules[ns]
	if r != nil && r.opts != opts {
		r.withdraw()
		r = nil
	}
	if r == nil {
		if r, err = w.register(ns, opts); err != nil {
			return nil, err
		}
		w.schedules[ns] = r
	}
	r.refs++
	released := false
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		if released {
			return
		}
		released = true
		r.refs--
		if r.refs == 0 && w.schedules[ns] == r {
			delete(w.schedules, ns)
			r.withdraw()
		}
	}, nil
}

// register takes a lease of the namespace's ttl and records the host
// under it, and keeps it alive: a lease lost (its keepalives did not
// reach a quorum in time) is taken again.
func (w *World) register(ns string, opts ScheduleOptions) (*scheduleReg, error) {
	r := &scheduleReg{w: w, ns: ns, opts: opts, done: make(chan struct{})}
	ka, err := r.take()
	if err != nil {
		return nil, err
	}
	ctx, stop := context.WithCancel(w.ctx)
	r.stop = stop
	go r.keep(ctx, ka)
	return r, nil
}

// take grants a lease, records the host under it and starts its
// keepalives.
func (r *scheduleReg) take() (<-chan *clientv3.LeaseKeepAliveResponse, error) {
	w := r.w
	ctx, cancel := w.op()
	defer cancel()
	lease, err := w.c.Grant(ctx, int64(r.opts.TTL))
	if err != nil {
		return nil, fmt.Errorf("schedule %s: lease: %w", r.ns, err)
	}
	b, _ := json.Marshal(r.opts)
	if _, err := w.c.Put(ctx, scheduleNS(r.ns)+w.host, string(b), clientv3.WithLease(lease.ID)); err != nil {
		w.c.Revoke(ctx, lease.ID)
		return nil, fmt.Errorf("schedule %s: register: %w", r.ns, err)
	}
	ka, err := w.c.KeepAlive(w.ctx, lease.ID)
	if err != nil {
		w.c.Revoke(ctx, lease.ID)
		return nil, fmt.Errorf("schedule %s: keepalive: %w", r.ns, err)
	}
	r.mu.Lock()
	r.lease = lease.ID
	r.mu.Unlock()
	return ka, nil
}

// keep drains the keepalives and takes the lease again when it is lost,
// until ctx ends.
func (r *scheduleReg) keep(ctx context.Context, ka <-chan *clientv3.LeaseKeepAliveResponse) {
	defer close(r.done)
	for {
		for ka != nil {
			select {
			case <-ctx.Done():
				return
			case _, ok := <-ka:
				if !ok {
					ka = nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(500 * time.Millisecond):
		}
		var err error
		if ka, err = r.take(); err != nil {
			r.w.log.Warn("schedule: the lease was lost and cannot be taken again yet", "namespace", r.ns, "err", err)
		}
	}
}

// withdraw revokes the request's lease: the host leaves the schedule at
// once.
func (r *scheduleReg) withdraw() {
	r.stop()
	<-r.done
	r.mu.Lock()
	lease := r.lease
	r.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), opTimeout)
	defer cancel()
	if _, err := r.w.c.Revoke(ctx, lease); err != nil {
		r.w.log.Warn("schedule: withdraw", "namespace", r.ns, "err", err)
	}
}

// Scheduled returns the hosts scheduled in namespace ns, sorted, and the
// revision of the read. Every node computes the same answer from the same
// keys: the hosts that asked, in the order they asked, the first Max of
// them under the options of the host that asked first.
func (w *World) Scheduled(ns string) ([]string, int64, error) {
	ctx, cancel := w.op()
	defer cancel()
	resp, err := w.c.Get(ctx, scheduleNS(ns), clientv3.WithPrefix(),
		clientv3.WithSort(clientv3.SortByCreateRevision, clientv3.SortAscend))
	if err != nil {
		return nil, 0, fmt.Errorf("schedule %s: %w", ns, err)
	}
	var hosts []string
	max := DefaultScheduleMax
	for i, kv := range resp.Kvs {
		if i == 0 {
			var o ScheduleOptions
			if json.Unmarshal(kv.Value, &o) == nil {
				if o, err := o.Normalize(); err == nil {
					max = o.Max
				}
			}
		}
		if len(hosts) < max {
			hosts = append(hosts, strings.TrimPrefix(string(kv.Key), scheduleNS(ns)))
		}
	}
	sort.Strings(hosts)
	return hosts, resp.Header.Revision, nil
}
