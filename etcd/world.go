package etcd

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	clientv3 "go.etcd.io/etcd/client/v3"
	"go.uber.org/zap"
)

// opTimeout bounds one World read or write.
const opTimeout = 10 * time.Second

// World is the World API of one node over etcd: the kv store (StrWorld
// upstream), the scheduler, exported resources and deploys. Its methods
// are safe for concurrent use.
type World struct {
	c    *clientv3.Client
	host string
	// lease is the node's lease, which exports are bound to.
	lease func() clientv3.LeaseID
	log   *slog.Logger

	ctx    context.Context
	cancel context.CancelFunc

	mu        sync.Mutex
	schedules map[string]*scheduleReg
	// exported is what Export was last given, exported again when the
	// node's lease is renewed.
	exported []Exported
}

// newWorld returns the World of a node; session is the node's lease.
func newWorld(c *clientv3.Client, host string, lease func() clientv3.LeaseID, log *slog.Logger) *World {
	ctx, cancel := context.WithCancel(context.Background())
	return &World{c: c, host: host, lease: lease, log: log, ctx: ctx, cancel: cancel, schedules: map[string]*scheduleReg{}}
}

// Hostname is the node's name.
func (w *World) Hostname() string { return w.host }

// close withdraws the node's schedules and stops its watches.
func (w *World) close() {
	w.mu.Lock()
	regs := w.schedules
	w.schedules = map[string]*scheduleReg{}
	w.mu.Unlock()
	for _, r := range regs {
		r.withdraw()
	}
	w.cancel()
}

// op returns a context for one operation.
func (w *World) op() (context.Context, context.CancelFunc) {
	return context.WithTimeout(w.ctx, opTimeout)
}

// GetVal reads the kv store's key: its value, whether it exists, and the
// revision of the read (watch from the next one to miss nothing).
func (w *World) GetVal(key string) (value string, exists bool, rev int64, err error) {
	ctx, cancel := w.op()
	defer cancel()
	resp, err := w.c.Get(ctx, stringsPrefix+key)
	if err != nil {
		return "", false, 0, fmt.Errorf("world: get %q: %w", key, err)
	}
	if len(resp.Kvs) == 0 {
		return "", false, resp.Header.Revision, nil
	}
	return string(resp.Kvs[0].Value), true, resp.Header.Revision, nil
}

// SetVal writes the kv store's key.
func (w *World) SetVal(key, value string) error {
	ctx, cancel := w.op()
	defer cancel()
	if _, err := w.c.Put(ctx, stringsPrefix+key, value); err != nil {
		return fmt.Errorf("world: set %q: %w", key, err)
	}
	return nil
}

// DelVal removes the kv store's key.
func (w *World) DelVal(key string) error {
	ctx, cancel := w.op()
	defer cancel()
	if _, err := w.c.Delete(ctx, stringsPrefix+key); err != nil {
		return fmt.Errorf("world: delete %q: %w", key, err)
	}
	return nil
}

// KVLookup reads a namespace of the per-host kv store: each host's value.
func (w *World) KVLookup(ns string) (map[string]string, int64, error) {
	ctx, cancel := w.op()
	defer cancel()
	resp, err := w.c.Get(ctx, strmapPrefix+ns+"/", clientv3.WithPrefix())
	if err != nil {
		return nil, 0, fmt.Errorf("world: lookup %q: %w", ns, err)
	}
	out := make(map[string]string, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		host := strings.TrimPrefix(string(kv.Key), strmapPrefix+ns+"/")
		if host != "" && !strings.Contains(host, "/") {
			out[host] = string(kv.Value)
		}
	}
	return out, resp.Header.Revision, nil
}

// SetMapped writes this host's value in a namespace.
func (w *World) SetMapped(ns, value string) error {
	ctx, cancel := w.op()
	defer cancel()
	if _, err := w.c.Put(ctx, strmapKey(ns, w.host), value); err != nil {
		return fmt.Errorf("world: set %q for %s: %w", ns, w.host, err)
	}
	return nil
}

// DelMapped removes this host's value from a namespace.
func (w *World) DelMapped(ns string) error {
	ctx, cancel := w.op()
	defer cancel()
	if _, err := w.c.Delete(ctx, strmapKey(ns, w.host)); err != nil {
		return fmt.Errorf("world: delete %q for %s: %w", ns, w.host, err)
	}
	return nil
}

// GetMapped reads this host's value in a namespace.
func (w *World) GetMapped(ns string) (string, bool, error) {
	ctx, cancel := w.op()
	defer cancel()
	resp, err := w.c.Get(ctx, strmapKey(ns, w.host))
	if err != nil {
		return "", false, fmt.Errorf("world: get %q for %s: %w", ns, w.host, err)
	}
	if len(resp.Kvs) == 0 {
		return "", false, nil
	}
	return string(resp.Kvs[0].Value), true, nil
}

// Keys of the World's areas, for Watch.
const (
	// WatchStrings is the kv store (GetVal); add the key.
	WatchStrings = stringsPrefix
	// WatchStrMap is the per-host kv store (KVLookup); add NAMESPACE/.
	WatchStrMap = strmapPrefix
	// WatchSchedule is the scheduler (Scheduled); add NAMESPACE/.
	WatchSchedule = schedulePrefix
	// WatchExported is the exported resources (Collect).
	WatchExported = exportPrefix
	// WatchDeploy is the deploys.
	WatchDeploy = deployPrefix
)

// Watch calls fn after each change of a key starting with prefix (a full
// key: one of the Watch constants and its suffix) made after revision
// rev (0: from now), until cancel is called. A watch that breaks (the
// revision was compacted, the connection was lost for long) calls fn once
// and watches again from then.
func (w *World) Watch(prefix string, rev int64, fn func()) (cancel func()) {
	ctx, stop := context.WithCancel(w.ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			opts := []clientv3.OpOption{clientv3.WithPrefix()}
			if rev > 0 {
				opts = append(opts, clientv3.WithRev(rev+1))
			}
			wc := w.c.Watch(clientv3.WithRequireLeader(ctx), prefix, opts...)
			for resp := range wc {
				if err := resp.Err(); err != nil {
					break
				}
				rev = resp.Header.Revision
				if len(resp.Events) > 0 {
					fn()
				}
			}
			if ctx.Err() != nil {
				return
			}
			rev = 0
			fn() // something may have changed while the watch was down
			select {
			case <-ctx.Done():
			case <-time.After(200 * time.Millisecond):
			}
		}
	}()
	return func() { stop(); <-done }
}

// Connect reaches a running cluster as a plain client (mgmt deploy): a
// World without a node of its own, for the kv store and deploys. close
// ends the connection.
func Connect(ctx context.Context, seeds []string) (w *World, close func(), err error) {
	if _, err := parseURLs(seeds); err != nil {
		return nil, nil, err
	}
	c, err := clientv3.New(clientv3.Config{Endpoints: seeds, DialTimeout: 5 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		return nil, nil, fmt.Errorf("cluster: connect to %s: %w", strings.Join(seeds, ","), err)
	}
	// A seed that is still a learner (a node joining this moment)
	// refuses the member list; try again for a while.
	sctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	for {
		err := c.Sync(sctx)
		if err == nil {
			break
		}
		select {
		case <-sctx.Done():
			c.Close()
			return nil, nil, fmt.Errorf("cluster: reach %s: %w (is mgmt running there?)", strings.Join(seeds, ","), err)
		case <-time.After(200 * time.Millisecond):
		}
	}
	w = newWorld(c, "", func() clientv3.LeaseID { return clientv3.NoLease }, slog.New(slog.DiscardHandler))
	return w, func() { w.cancel(); c.Close() }, nil
}
