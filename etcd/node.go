package etcd

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"go.etcd.io/etcd/api/v3/etcdserverpb"
	clientv3 "go.etcd.io/etcd/client/v3"
	"go.etcd.io/etcd/client/v3/concurrency"
	"go.etcd.io/etcd/server/v3/embed"
	"go.uber.org/zap"
)

// Default URLs of a node given no cluster flags, as upstream's.
const (
	DefaultClientURL = "http://127.0.0.1:2379"
	DefaultServerURL = "http://127.0.0.1:2380"
)

// Config is a node's place in the cluster.
type Config struct {
	// Hostname names the node; it must be unique in the cluster. It is
	// also the node's etcd member name.
	Hostname string
	// DataDir is where the node's etcd member keeps its data.
	DataDir string
	// Seeds are client URLs of a running cluster to join; none starts a
	// new single-node cluster.
	Seeds []string
	// ClientURLs and ServerURLs are what the embedded etcd listens on for
	// clients and for peers (default DefaultClientURL, DefaultServerURL);
	// the Advertise ones are what other nodes are told (default: the
	// listen URLs).
	ClientURLs, ServerURLs                   []string
	AdvertiseClientURLs, AdvertiseServerURLs []string
	// NoServer makes the node a client only, never an etcd member.
	NoServer bool
	// IdealClusterSize is how many nodes become etcd members (default 5).
	IdealClusterSize int
	// NodeTTL is the lifetime in seconds of the node's lease when the node
	// stops without leaving (a crash): its registration and its exported
	// resources last that long (default 5).
	NodeTTL int
	// PromoteInterval is how often a node that is only a client checks
	// whether the cluster wants another member (default 1 s).
	PromoteInterval time.Duration
	// Log receives the node's log and etcd's warnings.
	Log *slog.Logger
}

// Node is this process's membership in the cluster: an etcd client, maybe
// an etcd member, and a lease that lives as long as the node.
type Node struct {
	cfg    Config
	client *clientv3.Client
	world  *World

	mu sync.Mutex
	// session is the node's lease: its registration and its exports are
	// bound to it.
	session *concurrency.Session
	server  *embed.Etcd // nil while the node is only a client

	// life ends when the node has closed; the lease's keepalives use it.
	life    context.Context
	endLife context.CancelFunc
	stop    chan struct{}
	done    chan struct{}
}

// nodeInfo is what a node registers about itself under nodesPrefix.
type nodeInfo struct {
	ClientURLs []string `json:"client_urls"`
	ServerURLs []string `json:"server_urls,omitempty"`
	Volunteer  bool     `json:"volunteer"`
}

// Start joins the cluster (or starts one) and returns when the node can
// read and write keys.
func Start(ctx context.Context, cfg Config) (*Node, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	n := &Node{cfg: cfg, stop: make(chan struct{}), done: make(chan struct{})}
	n.life, n.endLife = context.WithCancel(context.Background())
	endpoints := append([]string(nil), cfg.Seeds...)
	switch {
	case !cfg.NoServer && hasMemberData(cfg.DataDir):
		// A member that stopped without leaving: its data knows the
		// cluster, so it starts from it and rejoins.
		if err := n.startServer(embed.ClusterStateFlagExisting, ""); err != nil {
			return nil, err
		}
	case len(cfg.Seeds) == 0:
		if cfg.NoServer {
			return nil, errors.New("cluster: --no-server needs --seeds (the client URLs of a cluster to join)")
		}
		if err := n.startServer(embed.ClusterStateFlagNew, initialCluster(cfg.Hostname, cfg.AdvertiseServerURLs)); err != nil {
			return nil, err
		}
	}
	if n.server != nil {
		endpoints = append(append([]string(nil), cfg.AdvertiseClientURLs...), endpoints...)
	}
	c, err := clientv3.New(clientv3.Config{
		Endpoints:        endpoints,
		DialTimeout:      5 * time.Second,
		AutoSyncInterval: time.Second,
		Logger:           zap.NewNop(),
	})
	if err != nil {
		n.endLife()
		n.closeServer()
		return nil, fmt.Errorf("cluster: connect to %s: %w", strings.Join(endpoints, ","), err)
	}
	n.client = c
	// Learn every member's URL now: a client that knows only its seed
	// would be cut off if the seed left before the first auto-sync.
	sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
	err = c.Sync(sctx)
	scancel()
	if err != nil {
		n.endLife()
		c.Close()
		n.closeServer()
		return nil, fmt.Errorf("cluster: reach %s: %w", strings.Join(endpoints, ","), err)
	}
	if err := n.register(ctx); err != nil {
		n.endLife()
		n.client.Close()
		n.closeServer()
		return nil, err
	}
	if n.server == nil && !cfg.NoServer {
		if _, err := n.volunteer(ctx); err != nil {
			n.cfg.Log.Warn("cluster: could not become an etcd member; staying a client", "err", err)
		}
	}
	n.world = newWorld(n.client, cfg.Hostname, n.lease, cfg.Log)
	go n.promoteLoop()
	cfg.Log.Info("cluster: joined", "member", n.IsMember(), "endpoints", strings.Join(n.client.Endpoints(), ","))
	return n, nil
}

// fill sets the defaults and checks the URLs.
func (c *Config) fill() error {
	if c.Hostname == "" {
		return errors.New("cluster: the node needs a hostname")
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if len(c.ClientURLs) == 0 {
		c.ClientURLs = []string{DefaultClientURL}
	}
	if len(c.ServerURLs) == 0 {
		c.ServerURLs = []string{DefaultServerURL}
	}
	if len(c.AdvertiseClientURLs) == 0 {
		c.AdvertiseClientURLs = c.ClientURLs
	}
	if len(c.AdvertiseServerURLs) == 0 {
		c.AdvertiseServerURLs = c.ServerURLs
	}
	if c.IdealClusterSize <= 0 {
		c.IdealClusterSize = 5
	}
	if c.NodeTTL <= 0 {
		c.NodeTTL = 5
	}
	if c.PromoteInterval <= 0 {
		c.PromoteInterval = time.Second
	}
	for _, set := range [][]string{c.Seeds, c.ClientURLs, c.ServerURLs, c.AdvertiseClientURLs, c.AdvertiseServerURLs} {
		if _, err := parseURLs(set); err != nil {
			return err
		}
	}
	return nil
}

// parseURLs parses a list of URLs.
func parseURLs(ss []string) ([]url.URL, error) {
	out := make([]url.URL, 0, len(ss))
	for _, s := range ss {
		u, err := url.Parse(s)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, fmt.Errorf("cluster: %q is not a URL such as http://127.0.0.1:2379", s)
		}
		out = append(out, *u)
	}
	return out, nil
}

// initialCluster is etcd's initial-cluster string of one member.
func initialCluster(name string, peerURLs []string) string {
	parts := make([]string, len(peerURLs))
	for i, u := range peerURLs {
		parts[i] = name + "=" + u
	}
	return strings.Join(parts, ",")
}

// hasMemberData reports whether dir holds an etcd member's data.
func hasMemberData(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, "member", "wal"))
	return err == nil
}

// startServer starts the embedded etcd member and waits until it is ready.
func (n *Node) startServer(state, initial string) error {
	cfg := embed.NewConfig()
	cfg.Name = n.cfg.Hostname
	cfg.Dir = n.cfg.DataDir
	cfg.ClusterState = state
	if initial != "" {
		cfg.InitialCluster = initial
	}
	cfg.InitialClusterToken = "mgmt"
	var err error
	if cfg.ListenClientUrls, err = parseURLs(n.cfg.ClientURLs); err != nil {
		return err
	}
	if cfg.ListenPeerUrls, err = parseURLs(n.cfg.ServerURLs); err != nil {
		return err
	}
	if cfg.AdvertiseClientUrls, err = parseURLs(n.cfg.AdvertiseClientURLs); err != nil {
		return err
	}
	if cfg.AdvertisePeerUrls, err = parseURLs(n.cfg.AdvertiseServerURLs); err != nil {
		return err
	}
	cfg.Logger = "zap"
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(zapLogger(n.cfg.Log))
	cfg.AutoCompactionMode = "periodic"
	cfg.AutoCompactionRetention = "10m"
	cfg.Metrics = "basic"
	// etcd's strict check refuses a membership change until every member
	// has been connected for 5 s, so a third node could not join a cluster
	// that a second joined a moment ago. New members join as learners
	// (they count for the quorum only once promoted, after catching up)
	// and a node removes only itself, so the check protects nothing here.
	cfg.StrictReconfigCheck = false
	if err := os.MkdirAll(n.cfg.DataDir, 0o700); err != nil {
		return fmt.Errorf("cluster: etcd data dir: %w", err)
	}
	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return fmt.Errorf("cluster: start etcd member %s (clients %s, peers %s): %w", cfg.Name,
			strings.Join(n.cfg.ClientURLs, ","), strings.Join(n.cfg.ServerURLs, ","), err)
	}
	select {
	case <-e.Server.ReadyNotify():
	case err := <-e.Err():
		e.Close()
		return fmt.Errorf("cluster: etcd member %s: %w", cfg.Name, err)
	case <-time.After(60 * time.Second):
		e.Server.Stop()
		e.Close()
		return fmt.Errorf("cluster: etcd member %s did not become ready in 60 s (is a quorum of the cluster up?)", cfg.Name)
	}
	n.mu.Lock()
	n.server = e
	n.mu.Unlock()
	n.cfg.Log.Info("cluster: etcd member started", "name", cfg.Name, "clients", strings.Join(n.cfg.AdvertiseClientURLs, ","), "state", state)
	return nil
}

// register takes the node's lease and records the node under it; a live
// node of the same name is an error.
func (n *Node) register(ctx context.Context) error {
	gctx, gcancel := context.WithTimeout(ctx, 30*time.Second)
	lease, err := n.client.Grant(gctx, int64(n.cfg.NodeTTL))
	gcancel()
	if err != nil {
		return fmt.Errorf("cluster: node lease: %w", err)
	}
	// The session keeps the lease alive for the node's life.
	s, err := concurrency.NewSession(n.client, concurrency.WithLease(lease.ID), concurrency.WithTTL(n.cfg.NodeTTL), concurrency.WithContext(n.life))
	if err != nil {
		return fmt.Errorf("cluster: node lease: %w", err)
	}
	info := nodeInfo{ClientURLs: n.cfg.AdvertiseClientURLs, Volunteer: !n.cfg.NoServer}
	if !n.cfg.NoServer {
		info.ServerURLs = n.cfg.AdvertiseServerURLs
	}
	b, _ := json.Marshal(info)
	key := nodesPrefix + n.cfg.Hostname
	cctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	resp, err := n.client.Txn(cctx).
		If(clientv3.Compare(clientv3.CreateRevision(key), "=", 0)).
		Then(clientv3.OpPut(key, string(b), clientv3.WithLease(s.Lease()))).
		Commit()
	if err != nil {
		s.Close()
		return fmt.Errorf("cluster: register node %s: %w", n.cfg.Hostname, err)
	}
	if !resp.Succeeded {
		s.Close()
		return fmt.Errorf("cluster: a node named %s is already running in the cluster: hostnames must be unique (use --hostname)", n.cfg.Hostname)
	}
	n.mu.Lock()
	n.session = s
	n.mu.Unlock()
	return nil
}

// currentSession is the node's lease now (it changes when a lost lease
// is taken again).
func (n *Node) currentSession() *concurrency.Session {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.session
}

// lease is the id of the node's lease.
func (n *Node) lease() clientv3.LeaseID { return n.currentSession().Lease() }

// renew takes a new lease after the node's was lost (its keepalives did
// not reach a quorum in time), registers the node again and exports its
// resources again.
func (n *Node) renew() {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		err := n.register(ctx)
		cancel()
		if err == nil {
			n.world.reexport()
			n.cfg.Log.Info("cluster: the node's lease was renewed")
			return
		}
		n.cfg.Log.Warn("cluster: the node's lease was lost and cannot be taken again yet", "err", err)
		select {
		case <-n.stop:
			return
		case <-time.After(time.Second):
		}
	}
}

// volunteer makes the node an etcd member if the cluster has fewer than
// the ideal number; it reports whether the node became one.
func (n *Node) volunteer(ctx context.Context) (bool, error) {
	cctx, cancel := context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	mu := concurrency.NewMutex(n.currentSession(), memberLock)
	if err := mu.Lock(cctx); err != nil {
		return false, fmt.Errorf("membership lock: %w", err)
	}
	defer mu.Unlock(context.Background())
	list, err := n.client.MemberList(cctx)
	if err != nil {
		return false, fmt.Errorf("member list: %w", err)
	}
	if len(list.Members) >= n.cfg.IdealClusterSize {
		return false, nil
	}
	// The node joins as a learner and is promoted once it has caught up,
	// so a member that fails to start never costs the cluster its quorum.
	added, err := n.client.MemberAddAsLearner(cctx, n.cfg.AdvertiseServerURLs)
	if err != nil {
		return false, fmt.Errorf("member add: %w", err)
	}
	var parts []string
	for _, m := range added.Members {
		name := m.Name
		if m.ID == added.Member.ID {
			name = n.cfg.Hostname
		}
		if name == "" {
			continue // another member that has not started yet
		}
		for _, u := range m.PeerURLs {
			parts = append(parts, name+"="+u)
		}
	}
	os.RemoveAll(n.cfg.DataDir) // a removed member's old data cannot be reused
	if err := n.startServer(embed.ClusterStateFlagExisting, strings.Join(parts, ",")); err != nil {
		if _, rerr := n.client.MemberRemove(context.Background(), added.Member.ID); rerr != nil {
			err = fmt.Errorf("%w (and removing the member again failed: %v)", err, rerr)
		}
		return false, err
	}
	if err := n.promote(cctx, added.Member.ID); err != nil {
		n.closeServer()
		if _, rerr := n.client.MemberRemove(context.Background(), added.Member.ID); rerr != nil {
			err = fmt.Errorf("%w (and removing the member again failed: %v)", err, rerr)
		}
		return false, err
	}
	n.client.SetEndpoints(append(append([]string(nil), n.cfg.AdvertiseClientURLs...), n.client.Endpoints()...)...)
	return true, nil
}

// promote makes the learner id a voting member once it has caught up
// with the leader (etcd refuses until then).
func (n *Node) promote(ctx context.Context, id uint64) error {
	for {
		_, err := n.client.MemberPromote(ctx, id)
		if err == nil {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("promote the new member: %w", err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// promoteLoop makes a client node a member when the cluster has room, and
// ends the node when its lease is lost for good.
func (n *Node) promoteLoop() {
	defer close(n.done)
	t := time.NewTicker(n.cfg.PromoteInterval)
	defer t.Stop()
	for {
		select {
		case <-n.stop:
			return
		case <-n.currentSession().Done():
			n.cfg.Log.Warn("cluster: the node's lease was lost; taking a new one")
			n.renew()
			continue
		case <-t.C:
		}
		if n.cfg.NoServer || n.IsMember() {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		list, err := n.client.MemberList(ctx)
		cancel()
		if err != nil || len(list.Members) >= n.cfg.IdealClusterSize {
			continue
		}
		if ok, err := n.volunteer(context.Background()); err != nil {
			n.cfg.Log.Warn("cluster: could not become an etcd member", "err", err)
		} else if ok {
			n.cfg.Log.Info("cluster: promoted to etcd member", "members", len(list.Members)+1)
		}
	}
}

// IsMember reports whether this node runs an etcd member.
func (n *Node) IsMember() bool {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.server != nil
}

// Client is the node's etcd client.
func (n *Node) Client() *clientv3.Client { return n.client }

// World is the World API of this node.
func (n *Node) World() *World { return n.world }

// Hostname is the node's name.
func (n *Node) Hostname() string { return n.cfg.Hostname }

// Close leaves the cluster cleanly: the node's lease is revoked (its
// registration, schedules and exports disappear at once), and a member is
// removed from the etcd cluster (unless it is the last one) before its
// server stops, so that another node can take its place.
func (n *Node) Close() error {
	close(n.stop)
	<-n.done
	n.world.close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var errs []error
	if err := n.currentSession().Close(); err != nil {
		errs = append(errs, fmt.Errorf("revoke the node's lease: %w", err))
	}
	removed := false
	n.mu.Lock()
	server := n.server
	n.mu.Unlock()
	if server != nil {
		if list, err := n.client.MemberList(ctx); err != nil {
			errs = append(errs, fmt.Errorf("member list: %w", err))
		} else if id := uint64(server.Server.MemberID()); len(list.Members) > 1 && !n.quorumWithout(ctx, list.Members, id) {
			// Leaving would take the quorum with it (another member is
			// down): stop as a crash would, keeping the member and its
			// data, so that the others keep working and a restart rejoins.
			n.cfg.Log.Warn("cluster: staying an etcd member while stopping: without this node the reachable members would not be a quorum")
		} else if len(list.Members) > 1 {
			if _, err := n.client.MemberRemove(ctx, id); err == nil || n.gone(ctx, list.Members, id) {
				// The member's own server may stop (applying its removal)
				// before it answers: the others say whether it is gone.
				removed = true
			} else {
				errs = append(errs, fmt.Errorf("leave the etcd cluster: %w", err))
			}
		}
	}
	n.endLife()
	n.client.Close()
	n.closeServer()
	if removed {
		// A removed member's data cannot be used again: a restart joins
		// as a new member.
		if err := os.RemoveAll(n.cfg.DataDir); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// quorumWithout reports whether the voting members other than id that
// answer now would be a quorum of the cluster without id.
func (n *Node) quorumWithout(ctx context.Context, members []*etcdserverpb.Member, id uint64) bool {
	voters, up := 0, 0
	for _, m := range members {
		if m.IsLearner || m.ID == id {
			continue
		}
		voters++
		for _, u := range m.ClientURLs {
			sctx, cancel := context.WithTimeout(ctx, time.Second)
			_, err := n.client.Status(sctx, u)
			cancel()
			if err == nil {
				up++
				break
			}
		}
	}
	return voters > 0 && up >= voters/2+1
}

// gone reports whether member id is no longer in the cluster, as the
// other members tell it: they are asked directly, since id's own server
// may be stopping (tried until ctx ends).
func (n *Node) gone(ctx context.Context, members []*etcdserverpb.Member, id uint64) bool {
	var others []string
	for _, m := range members {
		if m.ID != id {
			others = append(others, m.ClientURLs...)
		}
	}
	if len(others) == 0 {
		return false
	}
	c, err := clientv3.New(clientv3.Config{Endpoints: others, DialTimeout: 2 * time.Second, Logger: zap.NewNop()})
	if err != nil {
		return false
	}
	defer c.Close()
	for ctx.Err() == nil {
		if list, err := c.MemberList(ctx); err == nil {
			for _, m := range list.Members {
				if m.ID == id {
					return false
				}
			}
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

// Kill stops the node as a crash would: no lease revoked, no member
// removed. Tests use it.
func (n *Node) Kill() {
	close(n.stop)
	<-n.done
	n.world.close()
	n.currentSession().Orphan()
	n.endLife()
	n.client.Close()
	n.closeServer()
}

// closeServer stops the embedded member, if any.
func (n *Node) closeServer() {
	n.mu.Lock()
	e := n.server
	n.server = nil
	n.mu.Unlock()
	if e != nil {
		e.Close()
	}
}
