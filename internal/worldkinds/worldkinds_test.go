package worldkinds

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/hostabi"
)

// node starts a single-node cluster on free loopback ports.
func node(t *testing.T) *etcd.Node {
	t.Helper()
	var urls []string
	for range 2 {
		u, err := etcd.FreeLoopbackURL()
		if err != nil {
			t.Fatal(err)
		}
		urls = append(urls, u)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	n, err := etcd.Start(ctx, etcd.Config{Hostname: "h1", DataDir: t.TempDir(), ClientURLs: urls[:1], ServerURLs: urls[1:]})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { n.Close() })
	return n
}

// events counts Event calls.
type events chan struct{}

func (e events) Event() {
	select {
	case e <- struct{}{}:
	default:
	}
}
func (e events) Fail(error) {}

func newRes(t *testing.T, s *Source, kind, name string, params map[string]hostabi.Value) hostabi.Resource {
	t.Helper()
	r, err := s.New(kind, name, params)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	return r
}

// converge runs check then apply and reports whether the check was OK.
func converge(t *testing.T, r hostabi.Resource) bool {
	t.Helper()
	ok, err := r.CheckApply(t.Context(), false)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		if _, err := r.CheckApply(t.Context(), true); err != nil {
			t.Fatal(err)
		}
	}
	return ok
}

func TestKVConvergesAndRepairsDrift(t *testing.T) {
	n := node(t)
	w := n.World()
	s := New(func(context.Context) (*etcd.World, error) { return w, nil })
	r := newRes(t, s, "kv", "greeting", map[string]hostabi.Value{"value": hostabi.StrValue("hello")})
	ev := make(events, 1)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	if err := r.Watch(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if converge(t, r) {
		t.Fatal("a missing key checked as converged")
	}
	if v, ok, _, _ := w.GetVal("greeting"); !ok || v != "hello" {
		t.Fatalf("after apply the key holds %q, %v", v, ok)
	}
	if !converge(t, r) {
		t.Fatal("the written key did not check as converged")
	}
	// Drift from outside: the watch fires and the next apply repairs it.
	for len(ev) > 0 {
		<-ev
	}
	if err := w.SetVal("greeting", "changed"); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ev:
	case <-time.After(30 * time.Second):
		t.Fatal("no event after the key changed")
	}
	if converge(t, r) {
		t.Fatal("the drifted key checked as converged")
	}
	if v, _, _, _ := w.GetVal("greeting"); v != "hello" {
		t.Fatalf("drift not repaired: %q", v)
	}
}

func TestKVMappedSkipAndDelete(t *testing.T) {
	w := node(t).World()
	s := New(func(context.Context) (*etcd.World, error) { return w, nil })
	converge(t, newRes(t, s, "kv", "m", map[string]hostabi.Value{"key": hostabi.StrValue("ns"), "value": hostabi.StrValue("x"), "mapped": hostabi.BoolValue(true)}))
	if m, _, _ := w.KVLookup("ns"); m["h1"] != "x" {
		t.Fatalf("mapped value: %v", m)
	}
	if err := w.SetVal("n", "10"); err != nil {
		t.Fatal(err)
	}
	skip := newRes(t, s, "kv", "n", map[string]hostabi.Value{"value": hostabi.StrValue("9"), "skiplessthan": hostabi.BoolValue(true), "skipcmpstyle": hostabi.IntValue(1)})
	if !converge(t, skip) {
		t.Fatal("a greater stored int was not kept")
	}
	if v, _, _, _ := w.GetVal("n"); v != "10" {
		t.Fatalf("skiplessthan overwrote: %q", v)
	}
	converge(t, newRes(t, s, "kv", "n", nil)) // no value: the key goes
	if _, ok, _, _ := w.GetVal("n"); ok {
		t.Fatal("a kv without value left its key")
	}
	if _, err := s.New("kv", "x", map[string]hostabi.Value{"nope": hostabi.StrValue("")}); err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("an unknown param: %v", err)
	}
	bad, _ := s.New("kv", "x", map[string]hostabi.Value{"skipcmpstyle": hostabi.IntValue(5)})
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "skipcmpstyle") {
		t.Fatalf("a bad style: %v", err)
	}
}

func TestScheduleJoinsUntilClosed(t *testing.T) {
	w := node(t).World()
	s := New(func(context.Context) (*etcd.World, error) { return w, nil })
	r := newRes(t, s, "schedule", "xsched", map[string]hostabi.Value{"max": hostabi.IntValue(2)})
	converge(t, r)
	if hosts, _, _ := w.Scheduled("xsched"); !slices.Equal(hosts, []string{"h1"}) {
		t.Fatalf("scheduled %v, want [h1]", hosts)
	}
	if !converge(t, r) {
		t.Fatal("a joined schedule did not check as converged")
	}
	r.Close()
	if hosts, _, _ := w.Scheduled("xsched"); len(hosts) != 0 {
		t.Fatalf("after Close still scheduled: %v", hosts)
	}
	bad, _ := s.New("schedule", "y", map[string]hostabi.Value{"strategy": hostabi.StrValue("nope")})
	if err := bad.Validate(); err == nil {
		t.Fatal("an unknown strategy validated")
	}
	none := New(nil)
	k, _ := none.New("kv", "z", map[string]hostabi.Value{"value": hostabi.StrValue("v")})
	if _, err := k.CheckApply(t.Context(), false); err == nil {
		t.Fatal("a kv without a cluster checked")
	}
}
