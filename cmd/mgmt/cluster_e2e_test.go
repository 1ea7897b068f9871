package main

// Clusters of three mgmt processes on 127.0.0.1, each with its own ports,
// prefix and hostname.

import (
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/mgmt-wasm/mgmt/etcd"
)

// freeAddr returns a loopback URL whose port was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	u, err := etcd.FreeLoopbackURL()
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// node is one mgmt of a test cluster.
type node struct {
	host, client, server, prefix string
	args                         []string
	p                            *proc
}

// startNodes starts n nodes running args (after the cluster flags); the
// first starts the cluster and the others join it.
func startNodes(t *testing.T, n int, args ...string) []*node {
	t.Helper()
	var nodes []*node
	for i := range n {
		nd := &node{host: fmt.Sprintf("h%d", i+1), client: freeAddr(t), server: freeAddr(t), prefix: t.TempDir(), args: args}
		if i > 0 {
			nd.args = append([]string{"--seeds", nodes[0].client}, args...)
		}
		nd.start(t)
		nodes = append(nodes, nd)
	}
	for _, nd := range nodes {
		waitLog(t, nd.p, "cluster: joined")
	}
	return nodes
}

// start runs the node (again).
func (nd *node) start(t *testing.T) {
	t.Helper()
	args := append([]string{"run", "--hostname", nd.host, "--prefix", nd.prefix,
		"--client-urls", nd.client, "--server-urls", nd.server}, nd.args...)
	nd.p = start(t, args...)
}

// fileHas returns "" when path holds content.
func fileHas(path, content string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if string(b) != content {
		return fmt.Sprintf("%s holds %q, want %q", path, b, content)
	}
	return ""
}

// The origin's scheduling program, with a file per host that shows the
// schedule it sees.
const scheduleProgram = `import "sys"
import "world"
import "fmt"
$opts = struct{strategy => "rr", max => 2, ttl => 10,}
$set = world.schedule("xsched", $opts)
if sys.hostname() in $set {
	print "i got scheduled" {}
}
file "{{D}}/set-${hostname}" {
	state => "exists",
	content => fmt.printf("%v", $set),
}
`

func TestClusterScheduleGivesTwoNodesAndFailsOver(t *testing.T) {
	dir := t.TempDir()
	prog := writeMCL(t, dir, "sched.mcl", scheduleProgram)
	nodes := startNodes(t, 3, "lang", prog)
	// The nodes ask in the order their programs run; whatever it is,
	// every node must see the same two hosts.
	var set []string
	eventually(t, nodes[0].p, "every node sees the same schedule of two", func() string {
		var first string
		for _, nd := range nodes {
			b, err := os.ReadFile(filepath.Join(dir, "set-"+nd.host))
			if err != nil {
				return err.Error()
			}
			if first == "" {
				first = string(b)
			} else if string(b) != first {
				return fmt.Sprintf("h1 sees %s, %s sees %s", first, nd.host, b)
			}
		}
		set = hostList(first)
		if len(set) != 2 {
			return "the schedule is " + first
		}
		return ""
	})
	byHost := map[string]*node{}
	for _, nd := range nodes {
		byHost[nd.host] = nd
	}
	var out *node
	for _, nd := range nodes {
		if slices.Contains(set, nd.host) {
			waitLog(t, nd.p, "print[i got scheduled]")
		} else {
			out = nd
		}
	}
	if strings.Contains(out.p.stderr.String(), "print[i got scheduled]") {
		t.Fatalf("%s printed although the schedule is %v", out.host, set)
	}
	// A scheduled node leaves (the first node when it is scheduled): its
	// slot moves to the one that was out.
	leaving := byHost[set[0]]
	leaving.p.stop()
	want := []string{set[1], out.host}
	slices.Sort(want)
	for _, nd := range nodes {
		if nd == leaving {
			continue
		}
		eventually(t, nd.p, nd.host+" sees the new schedule", func() string {
			b, _ := os.ReadFile(filepath.Join(dir, "set-"+nd.host))
			if got := hostList(string(b)); !slices.Equal(got, want) {
				return fmt.Sprintf("the schedule is %s, want %v", b, want)
			}
			return ""
		})
	}
	waitLog(t, out.p, "print[i got scheduled]")
	for _, nd := range nodes {
		if nd != leaving {
			nd.p.stop()
		}
	}
}

// hostList reads a printed []str such as ["h1", "h2"].
func hostList(s string) []string {
	s = strings.Trim(strings.TrimSpace(s), "[]")
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.Trim(strings.TrimSpace(f), `"`); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func TestClusterKVSurvivesTheFirstNodeDying(t *testing.T) {
	dir := t.TempDir()
	input := filepath.Join(dir, "input")
	if err := os.WriteFile(input, []byte("one"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Every node publishes the input file of h3 through the kv store
	// (only h3 writes it) and writes what it reads back to a file.
	prog := writeMCL(t, dir, "kv.mcl", `import "os"
import "sys"
import "world"
if sys.hostname() == "h3" {
	kv "shared" {
		key => "shared",
		value => os.readfile("{{D}}/input"),
	}
}
$v = world.getval("shared")
file "{{D}}/seen-${hostname}" {
	state => "exists",
	content => $v->value,
}
`)
	nodes := startNodes(t, 3, "lang", prog)
	for _, nd := range nodes {
		eventually(t, nd.p, nd.host+" reads the value", func() string { return fileHas(filepath.Join(dir, "seen-"+nd.host), "one") })
	}
	nodes[0].p.signal(syscall.SIGKILL) // the first node dies without leaving
	nodes[0].p.wait(exitGuard)
	if err := os.WriteFile(input, []byte("two"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, nd := range nodes[1:] {
		eventually(t, nd.p, nd.host+" reads the value written after h1 died", func() string {
			return fileHas(filepath.Join(dir, "seen-"+nd.host), "two")
		})
	}
	for _, nd := range nodes[1:] {
		nd.p.stop()
	}
}

func TestClusterExportsAreCollectedAndWithdrawn(t *testing.T) {
	dir := t.TempDir()
	// h1 exports a file to every host (hidden on h1 itself); every node
	// collects it and writes how many file resources it can collect.
	prog := writeMCL(t, dir, "export.mcl", `import "sys"
import "fmt"
import "world/collect"
if sys.hostname() == "h1" {
	file "{{D}}/shared" {
		state => "exists",
		content => "from h1",
		Meta:export => ["*"],
		Meta:hidden => true,
	}
}
if sys.hostname() != "h1" {
	collect file ["{{D}}/shared"] {
		mode => "0640",
	}
}
file "{{D}}/collectable-${hostname}" {
	state => "exists",
	content => fmt.printf("%d", len(collect.res("file"))),
}
`)
	nodes := startNodes(t, 3, "lang", prog)
	for _, nd := range nodes {
		eventually(t, nd.p, nd.host+" can collect the export", func() string { return fileHas(filepath.Join(dir, "collectable-"+nd.host), "1") })
	}
	eventually(t, nodes[1].p, "the collected file, with the collector's mode", func() string {
		return fileIs(filepath.Join(dir, "shared"), "from h1", 0o640)
	})
	nodes[0].p.stop()
	for _, nd := range nodes[1:] {
		eventually(t, nd.p, nd.host+" sees the export withdrawn", func() string { return fileHas(filepath.Join(dir, "collectable-"+nd.host), "0") })
	}
	for _, nd := range nodes[1:] {
		nd.p.stop()
	}
}

func TestClusterDeploySwitchesEveryNode(t *testing.T) {
	dir := t.TempDir()
	nodes := startNodes(t, 3, "empty")
	prog := writeMCL(t, dir, "deploy.mcl", `import "sys"
file "{{D}}/deployed-${hostname}" {
	state => "exists",
	content => "v1",
}
`)
	seeds := "--seeds=" + nodes[1].client
	r := runMgmt(t, "deploy", seeds, "lang", prog)
	if r.code != 0 || !strings.Contains(r.stdout, "deploy 1 stored") {
		t.Fatalf("deploy: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for _, nd := range nodes {
		eventually(t, nd.p, nd.host+" runs the deploy", func() string { return fileHas(filepath.Join(dir, "deployed-"+nd.host), "v1") })
	}
	// A program that does not type-check is refused before it is stored.
	bad := writeMCL(t, dir, "bad.mcl", `file "{{D}}/x" { content => 42, }`+"\n")
	r = runMgmt(t, "deploy", seeds, "lang", bad)
	if r.code == 0 || !strings.Contains(r.stderr, "deploy refused") {
		t.Fatalf("a broken deploy: exit %d, stderr %q", r.code, r.stderr)
	}
	// The next good deploy gets id 2: the broken one took no id.
	prog2 := writeMCL(t, dir, "deploy2.mcl", strings.Replace(expand(dir, `import "sys"
file "{{D}}/deployed-${hostname}" {
	state => "exists",
	content => "v1",
}
`), "v1", "v2", 1))
	r = runMgmt(t, "deploy", seeds, "lang", prog2)
	requireExit(t, r, 0)
	if !strings.Contains(r.stdout, "deploy 2 stored") {
		t.Fatalf("second deploy said %q", r.stdout)
	}
	for _, nd := range nodes {
		eventually(t, nd.p, nd.host+" runs deploy 2", func() string { return fileHas(filepath.Join(dir, "deployed-"+nd.host), "v2") })
	}
	// A clean stop frees the node's ports and lock; the node restarts
	// with the same prefix, rejoins and runs the newest deploy.
	h3 := nodes[2]
	h3.p.stop()
	for _, u := range []string{h3.client, h3.server} {
		l, err := net.Listen("tcp", strings.TrimPrefix(u, "http://"))
		if err != nil {
			t.Fatalf("after a clean stop %s is still taken: %v", u, err)
		}
		l.Close()
	}
	if err := os.Remove(filepath.Join(dir, "deployed-h3")); err != nil {
		t.Fatal(err)
	}
	h3.start(t)
	eventually(t, h3.p, "h3 rejoined and runs deploy 2", func() string { return fileHas(filepath.Join(dir, "deployed-h3"), "v2") })
	// A deploy that compiles but fails on the nodes (its file is not
	// there) leaves them on deploy 2, and they say why.
	prog3 := writeMCL(t, dir, "deploy3.mcl", `import "os"
file "{{D}}/never" {
	content => os.readfile("{{D}}/missing"),
}
`)
	r = runMgmt(t, "deploy", seeds, "lang", prog3)
	if r.code != 0 || !strings.Contains(r.stdout, "deploy 3 stored") {
		t.Fatalf("third deploy: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
	for _, nd := range nodes {
		waitLog(t, nd.p, "deploy cannot be run; the running graph stays", "deploy=3")
	}
	for _, nd := range nodes {
		if why := fileHas(filepath.Join(dir, "deployed-"+nd.host), "v2"); why != "" {
			t.Fatal(why)
		}
	}
	requireAbsent(t, filepath.Join(dir, "never"))
	for _, nd := range nodes {
		nd.p.stop()
	}
	if leftovers := etcdProcesses(t); len(leftovers) > 0 {
		t.Fatalf("processes left behind: %v", leftovers)
	}
}

// etcdProcesses lists running processes named etcd (an embedded etcd is
// not a process of its own; a leftover one would be a bug).
func etcdProcesses(t *testing.T) []string {
	t.Helper()
	entries, _ := os.ReadDir("/proc")
	var out []string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
		if err == nil && slices.Contains([]string{"etcd"}, strings.TrimSpace(string(b))) {
			out = append(out, e.Name())
		}
	}
	return out
}
