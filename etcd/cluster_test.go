package etcd

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"testing"
	"time"
)

// testLog is the nodes' log in tests (ETCD_TEST_LOG=1 shows it).
var testLog *slog.Logger

// freeURL returns an http URL on a loopback port that was free a moment
// ago.
func freeURL(t *testing.T) string {
	t.Helper()
	u, err := FreeLoopbackURL()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// testNode is a node of a test cluster with what it needs to restart.
type testNode struct {
	*Node
	cfg Config
}

// startNode starts a node named host; seeds may be empty.
func startNode(t *testing.T, host string, seeds []string, mod func(*Config)) *testNode {
	t.Helper()
	cfg := Config{
		Hostname:        host,
		DataDir:         t.TempDir(),
		Seeds:           seeds,
		ClientURLs:      []string{freeURL(t)},
		ServerURLs:      []string{freeURL(t)},
		NodeTTL:         5,
		PromoteInterval: 100 * time.Millisecond,
		Log:             testLog,
	}
	if mod != nil {
		mod(&cfg)
	}
	return restartNode(t, cfg)
}

// restartNode starts a node with cfg.
func restartNode(t *testing.T, cfg Config) *testNode {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	n, err := Start(ctx, cfg)
	if err != nil {
		t.Fatalf("start %s: %v", cfg.Hostname, err)
	}
	return &testNode{Node: n, cfg: cfg}
}

// cluster starts three nodes: the first without seeds, the others joining
// it.
func cluster(t *testing.T, mod func(*Config)) []*testNode {
	t.Helper()
	first := startNode(t, "h1", nil, mod)
	seeds := first.cfg.ClientURLs
	nodes := []*testNode{first, startNode(t, "h2", seeds, mod), startNode(t, "h3", seeds, mod)}
	t.Cleanup(func() {
		for _, n := range nodes {
			n.closeOnce()
		}
	})
	return nodes
}

// closeOnce closes the node unless it was closed or killed.
func (n *testNode) closeOnce() {
	select {
	case <-n.stop:
	default:
		n.Close()
	}
}

// eventually retries f until it returns nil or the deadline passes.
func eventually(t *testing.T, what string, f func() error) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := f()
		if err == nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %v", what, err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// members lists the names of the started etcd members.
func members(n *Node) ([]string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	list, err := n.Client().MemberList(ctx)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, m := range list.Members {
		if m.IsLearner {
			continue
		}
		names = append(names, m.Name)
	}
	sort.Strings(names)
	return names, nil
}

// wantMembers waits until n sees exactly want as members.
func wantMembers(t *testing.T, n *Node, want ...string) {
	t.Helper()
	eventually(t, fmt.Sprintf("members %v", want), func() error {
		got, err := members(n)
		if err != nil {
			return err
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("members are %v", got)
		}
		return nil
	})
}

func TestThreeNodesBecomeMembersAndShareKeys(t *testing.T) {
	nodes := cluster(t, nil)
	for _, n := range nodes {
		if !n.IsMember() {
			t.Errorf("%s is not an etcd member (ideal size 5, 3 nodes)", n.Hostname())
		}
	}
	wantMembers(t, nodes[2].Node, "h1", "h2", "h3")
	if err := nodes[0].World().SetVal("greeting", "hello"); err != nil {
		t.Fatal(err)
	}
	v, ok, _, err := nodes[2].World().GetVal("greeting")
	if err != nil || !ok || v != "hello" {
		t.Fatalf("h3 reads %q, %v, %v; want hello written on h1", v, ok, err)
	}
	for _, n := range nodes {
		if err := n.World().SetMapped("ns", "v-"+n.Hostname()); err != nil {
			t.Fatal(err)
		}
	}
	m, _, err := nodes[1].World().KVLookup("ns")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"h1": "v-h1", "h2": "v-h2", "h3": "v-h3"}
	if fmt.Sprint(m) != fmt.Sprint(want) {
		t.Fatalf("kvlookup = %v, want %v", m, want)
	}
}

func TestClusterSurvivesLosingTheFirstNode(t *testing.T) {
	nodes := cluster(t, nil)
	wantMembers(t, nodes[1].Node, "h1", "h2", "h3")
	nodes[0].Kill() // a crash: no lease revoked, no member removed
	w2, w3 := nodes[1].World(), nodes[2].World()
	eventually(t, "write on h2 after h1 died", func() error { return w2.SetVal("k", "after") })
	eventually(t, "read on h3", func() error {
		v, ok, _, err := w3.GetVal("k")
		if err != nil {
			return err
		}
		if !ok || v != "after" {
			return fmt.Errorf("got %q, %v", v, ok)
		}
		return nil
	})
	rel2, err := w2.Join("s", ScheduleOptions{Max: 2, TTL: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer rel2()
	rel3, err := w3.Join("s", ScheduleOptions{Max: 2, TTL: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer rel3()
	hosts, _, err := w2.Scheduled("s")
	if err != nil || !slices.Equal(hosts, []string{"h2", "h3"}) {
		t.Fatalf("schedule after h1 died = %v, %v; want [h2 h3]", hosts, err)
	}
	// h2 stops cleanly while h1 is down: removing itself would leave h3
	// alone in a cluster of two that needs both, for good. It stays a
	// member, keeps its data, and its restart brings the quorum back.
	rel2()
	if err := nodes[1].Close(); err != nil {
		t.Fatalf("h2 stopping: %v", err)
	}
	if !hasMemberData(nodes[1].cfg.DataDir) {
		t.Fatal("h2 left the membership (and dropped its data) although the others were no quorum without it")
	}
	back := restartNode(t, nodes[1].cfg)
	eventually(t, "write on h3 once h2 is back", func() error { return w3.SetVal("k", "back") })
	// Stopping the rest of a cluster that lost a member waits out its
	// timeouts; that is not what this test is about.
	back.Kill()
	nodes[2].Kill()
}

func TestLeavingMemberIsRemovedAndAClientPromoted(t *testing.T) {
	nodes := cluster(t, func(c *Config) { c.IdealClusterSize = 2 })
	if nodes[2].IsMember() {
		t.Fatal("h3 became a member of a cluster of ideal size 2 that had 2")
	}
	wantMembers(t, nodes[2].Node, "h1", "h2")
	if err := nodes[0].Close(); err != nil {
		t.Fatalf("h1 leaving: %v", err)
	}
	wantMembers(t, nodes[2].Node, "h2", "h3")
	if !nodes[2].IsMember() {
		t.Fatal("h3 does not run a member after its promotion")
	}
	if hasMemberData(nodes[0].cfg.DataDir) {
		t.Error("h1 left but kept its member data (a restart would try to rejoin as the removed member)")
	}
	// h1 comes back through a seed: it joins as a client (the cluster is
	// at its ideal size).
	cfg := nodes[0].cfg
	cfg.Seeds = nodes[1].cfg.ClientURLs
	back := restartNode(t, cfg)
	defer back.Close()
	if back.IsMember() {
		t.Error("h1 came back as a member of a full cluster")
	}
	if err := back.World().SetVal("x", "1"); err != nil {
		t.Fatal(err)
	}
}

func TestCrashedMemberRestartsFromItsData(t *testing.T) {
	nodes := cluster(t, nil)
	wantMembers(t, nodes[0].Node, "h1", "h2", "h3")
	nodes[1].Kill()
	// The same name while the old lease lives is refused: hostnames are
	// unique.
	if err := nodes[0].World().SetVal("during", "yes"); err != nil {
		t.Fatal(err)
	}
	var back *testNode
	eventually(t, "restart h2 once its old lease expired", func() error {
		n, err := Start(context.Background(), nodes[1].cfg)
		if err != nil {
			return err
		}
		back = &testNode{Node: n, cfg: nodes[1].cfg}
		return nil
	})
	defer back.Close()
	if !back.IsMember() {
		t.Fatal("h2 restarted from its data but is not a member")
	}
	v, ok, _, err := back.World().GetVal("during")
	if err != nil || !ok || v != "yes" {
		t.Fatalf("restarted h2 reads %q, %v, %v", v, ok, err)
	}
	wantMembers(t, nodes[2].Node, "h1", "h2", "h3")
}

func TestDuplicateHostnameIsRefused(t *testing.T) {
	first := startNode(t, "same", nil, nil)
	defer first.Close()
	_, err := Start(context.Background(), Config{Hostname: "same", DataDir: t.TempDir(), Seeds: first.cfg.ClientURLs,
		NoServer: true})
	if err == nil {
		t.Fatal("a second node named same joined")
	}
}

func TestScheduleFailsOverWhenAHostLeaves(t *testing.T) {
	nodes := cluster(t, nil)
	var releases []func()
	for _, n := range nodes {
		rel, err := n.World().Join("xsched", ScheduleOptions{Strategy: "rr", Max: 2, TTL: 10})
		if err != nil {
			t.Fatal(err)
		}
		releases = append(releases, rel)
	}
	defer func() {
		for _, r := range releases[1:] {
			r()
		}
	}()
	var first []string
	for _, n := range nodes {
		hosts, _, err := n.World().Scheduled("xsched")
		if err != nil {
			t.Fatal(err)
		}
		if len(hosts) != 2 {
			t.Fatalf("%s sees %v scheduled, want 2 hosts", n.Hostname(), hosts)
		}
		if first != nil && !slices.Equal(first, hosts) {
			t.Fatalf("nodes disagree: %v and %v", first, hosts)
		}
		first = hosts
	}
	if !slices.Equal(first, []string{"h1", "h2"}) {
		t.Fatalf("scheduled %v, want the first two to ask, [h1 h2]", first)
	}
	changed := make(chan struct{}, 10)
	cancel := nodes[2].World().Watch(WatchSchedule+"xsched/", 0, func() { changed <- struct{}{} })
	defer cancel()
	if err := nodes[0].Close(); err != nil { // a clean stop withdraws at once
		t.Fatal(err)
	}
	select {
	case <-changed:
	case <-time.After(30 * time.Second):
		t.Fatal("no watch event on h3 after h1 left")
	}
	hosts, _, err := nodes[2].World().Scheduled("xsched")
	if err != nil || !slices.Equal(hosts, []string{"h2", "h3"}) {
		t.Fatalf("after h1 left: %v, %v; want [h2 h3]", hosts, err)
	}
	if _, err := nodes[1].World().Join("bad", ScheduleOptions{Strategy: "nope"}); err == nil {
		t.Error("an unknown strategy was accepted")
	}
}

func TestExportsAreCollectedAndWithdrawnWithTheirNode(t *testing.T) {
	nodes := cluster(t, nil)
	w1 := nodes[0].World()
	err := w1.Export([]Exported{
		{Kind: "file", Name: "/tmp/a", To: []string{"*"}, Params: map[string][]byte{"content": []byte("x")}},
		{Kind: "file", Name: "/tmp/only-h2", To: []string{"h2"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	got2, _, err := nodes[1].World().Collect("file")
	if err != nil {
		t.Fatal(err)
	}
	got3, _, err := nodes[2].World().Collect("file")
	if err != nil {
		t.Fatal(err)
	}
	if len(got2) != 2 || len(got3) != 1 || got3[0].Name != "/tmp/a" || got3[0].Host != "h1" || string(got3[0].Params["content"]) != "x" {
		t.Fatalf("h2 collects %v, h3 collects %v", got2, got3)
	}
	// Exporting less withdraws the rest.
	if err := w1.Export([]Exported{{Kind: "file", Name: "/tmp/a", To: []string{"*"}}}); err != nil {
		t.Fatal(err)
	}
	if got2, _, _ = nodes[1].World().Collect("file"); len(got2) != 1 {
		t.Fatalf("after the export shrank h2 collects %v", got2)
	}
	if err := nodes[0].Close(); err != nil {
		t.Fatal(err)
	}
	if got3, _, _ = nodes[2].World().Collect(""); len(got3) != 0 {
		t.Fatalf("h1 left but h3 still collects %v", got3)
	}
}

func TestDeploysGetIncreasingIDs(t *testing.T) {
	nodes := cluster(t, nil)
	d := Deploy{Frontend: "lang", Main: "main.mcl", Files: map[string][]byte{"main.mcl": []byte(`print "a" {}`)}}
	id1, err := nodes[0].World().AddDeploy(d)
	if err != nil {
		t.Fatal(err)
	}
	d.Files["main.mcl"] = []byte(`print "b" {}`)
	id2, err := nodes[1].World().AddDeploy(d)
	if err != nil {
		t.Fatal(err)
	}
	if id1 != 1 || id2 != 2 {
		t.Fatalf("ids %d, %d; want 1, 2", id1, id2)
	}
	got, _, err := nodes[2].World().LatestDeploy()
	if err != nil || got == nil || got.ID != 2 || string(got.Files["main.mcl"]) != `print "b" {}` {
		t.Fatalf("latest deploy on h3 = %+v, %v", got, err)
	}
}
