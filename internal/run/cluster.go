package run

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/mgmt-wasm/mgmt/etcd"
)

// ClusterOptions are the cluster flags of `mgmt run`.
type ClusterOptions struct {
	// Seeds, the listen URLs and the advertised URLs are etcd.Config's.
	Seeds                                    []string
	ClientURLs, ServerURLs                   []string
	AdvertiseClientURLs, AdvertiseServerURLs []string
	// NoServer makes the node a client only; NoNetwork a single node on
	// loopback ports of its own choosing.
	NoServer, NoNetwork bool
	// IdealClusterSize is how many nodes become etcd members.
	IdealClusterSize int
	// NoDeployWatch keeps the node on its own program when deploys
	// arrive.
	NoDeployWatch bool
}

// given reports whether any address was set (else the defaults apply and
// a busy default port falls back to free ones).
func (c *ClusterOptions) given() bool {
	return len(c.Seeds)+len(c.ClientURLs)+len(c.ServerURLs)+len(c.AdvertiseClientURLs)+len(c.AdvertiseServerURLs) > 0
}

// cluster is the node's membership, started in the background so that the
// graph does not wait for etcd; World starts it if need be and waits for
// it.
type cluster struct {
	ready  chan struct{}
	cancel context.CancelFunc
	node   *etcd.Node
	err    error
	once   sync.Once
	// begin starts joining, once.
	begin     func()
	beginOnce sync.Once
}

// lazyStart is how long after the first graph a node without --seeds
// starts its etcd when nothing asked for the cluster before: starting it
// at once costs a short run (a converge to exit) 20 MB, and on a disk the
// WAL's fsyncs slow the run's own writes (docs/benchmarks.md).
const lazyStart = 2 * time.Second

// start begins joining the cluster (once).
func (c *cluster) start() { c.beginOnce.Do(c.begin) }

// startCluster prepares the node's membership with its data under the
// prefix; start (or World) begins joining (or starting) the cluster.
func startCluster(o Options, varDir string, log *slog.Logger) (*cluster, error) {
	co := o.ClusterOptions
	if co.NoNetwork && len(co.Seeds) > 0 {
		return nil, errors.New("--no-network is a single node: it cannot take --seeds")
	}
	cfg := etcd.Config{
		Hostname:            o.Hostname,
		DataDir:             filepath.Join(varDir, "etcd"),
		Seeds:               co.Seeds,
		ClientURLs:          co.ClientURLs,
		ServerURLs:          co.ServerURLs,
		AdvertiseClientURLs: co.AdvertiseClientURLs,
		AdvertiseServerURLs: co.AdvertiseServerURLs,
		NoServer:            co.NoServer,
		IdealClusterSize:    co.IdealClusterSize,
		Log:                 log,
	}
	ctx, cancel := context.WithCancel(context.Background())
	c := &cluster{ready: make(chan struct{}), cancel: cancel}
	c.begin = func() { go c.join(ctx, cfg, co, log) }
	return c, nil
}

// join starts the node.
func (c *cluster) join(ctx context.Context, cfg etcd.Config, co ClusterOptions, log *slog.Logger) {
	defer close(c.ready)
	if co.NoNetwork {
		if err := freePorts(&cfg); err != nil {
			c.err = err
			return
		}
	}
	n, err := etcd.Start(ctx, cfg)
	if err != nil && !co.given() && !co.NoNetwork && strings.Contains(err.Error(), "address already in use") {
		// Another node has the default ports (several nodes on one
		// machine, tests): this single node takes free ones.
		if err = freePorts(&cfg); err == nil {
			log.Info("cluster: the default etcd ports are in use; using free loopback ports", "clients", cfg.ClientURLs[0])
			n, err = etcd.Start(ctx, cfg)
		}
	}
	if err != nil {
		c.err = err
		log.Error("cluster: the node could not join; world functions, kv, schedule, exports and deploys will fail", "err", err)
		return
	}
	c.node = n
}

// freePorts gives cfg loopback ports that were free a moment ago.
func freePorts(cfg *etcd.Config) error {
	var urls [2]string
	for i := range urls {
		u, err := etcd.FreeLoopbackURL()
		if err != nil {
			return err
		}
		urls[i] = u
	}
	cfg.ClientURLs, cfg.ServerURLs = []string{urls[0]}, []string{urls[1]}
	cfg.AdvertiseClientURLs, cfg.AdvertiseServerURLs = nil, nil
	return nil
}

// World starts the node if it has not started, waits for it and returns
// its World.
func (c *cluster) World(ctx context.Context) (*etcd.World, error) {
	c.start()
	return c.wait(ctx)
}

// wait waits for the node without starting it.
func (c *cluster) wait(ctx context.Context) (*etcd.World, error) {
	select {
	case <-c.ready:
	case <-ctx.Done():
		return nil, fmt.Errorf("cluster: not joined yet: %w", ctx.Err())
	}
	if c.err != nil {
		return nil, c.err
	}
	return c.node.World(), nil
}

// close leaves the cluster cleanly (or stops joining).
func (c *cluster) close(log *slog.Logger) {
	c.once.Do(func() {
		c.cancel()
		c.beginOnce.Do(func() { // never started: nothing to wait for
			c.err = errors.New("cluster: the node stopped before it joined")
			close(c.ready)
		})
		<-c.ready
		if c.node != nil {
			if err := c.node.Close(); err != nil {
				log.Warn("cluster: leaving", "err", err)
			}
		}
	})
}

// clusterKV is the cluster's kv store for the plugins' kv imports and kv
// watches (hostfuncs.KV); it starts the node on first use.
type clusterKV struct{ c *cluster }

func (k clusterKV) Get(ctx context.Context, key string) (string, bool, error) {
	w, err := k.c.World(ctx)
	if err != nil {
		return "", false, err
	}
	v, ok, _, err := w.GetVal(key)
	return v, ok, err
}

func (k clusterKV) Put(ctx context.Context, key, value string) error {
	w, err := k.c.World(ctx)
	if err != nil {
		return err
	}
	return w.SetVal(key, value)
}

func (k clusterKV) Delete(ctx context.Context, key string) error {
	w, err := k.c.World(ctx)
	if err != nil {
		return err
	}
	return w.DelVal(key)
}

func (k clusterKV) Watch(prefix string, fn func()) (func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	w, err := k.c.World(ctx)
	if err != nil {
		return nil, err
	}
	return w.Watch(etcd.WatchStrings+prefix, 0, fn), nil
}
