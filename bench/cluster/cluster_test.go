// Package cluster benchmarks the cluster on real embedded etcd members in
// one process, on loopback ports: forming a 3-node cluster, moving a
// schedule slot when a scheduled node leaves, and a kv write on one node
// reaching a watch on another. Run with
//
//	go test -run '^$' -bench . -benchtime 5x ./bench/cluster/
package cluster

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/etcd"
)

// urls returns two loopback URLs on ports free a moment ago.
func urls(b *testing.B) (string, string) {
	b.Helper()
	var out [2]string
	for i := range out {
		u, err := etcd.FreeLoopbackURL()
		if err != nil {
			b.Fatal(err)
		}
		out[i] = u
	}
	return out[0], out[1]
}

// start starts node host, joining seeds.
func start(b *testing.B, host string, seeds []string) (*etcd.Node, string) {
	b.Helper()
	c, s := urls(b)
	n, err := etcd.Start(context.Background(), etcd.Config{Hostname: host, DataDir: b.TempDir(), Seeds: seeds,
		ClientURLs: []string{c}, ServerURLs: []string{s}, PromoteInterval: 100 * time.Millisecond})
	if err != nil {
		b.Fatal(err)
	}
	return n, c
}

// three starts a 3-node cluster.
func three(b *testing.B) []*etcd.Node {
	b.Helper()
	n1, c := start(b, "h1", nil)
	n2, _ := start(b, "h2", []string{c})
	n3, _ := start(b, "h3", []string{c})
	return []*etcd.Node{n1, n2, n3}
}

func closeAll(nodes []*etcd.Node) {
	for i := len(nodes) - 1; i >= 0; i-- {
		if nodes[i] != nil {
			nodes[i].Close()
		}
	}
}

// BenchmarkForm3 is the time from nothing to three etcd members that
// all answer.
func BenchmarkForm3(b *testing.B) {
	for b.Loop() {
		nodes := three(b)
		for _, n := range nodes {
			if !n.IsMember() {
				b.Fatalf("%s is not a member", n.Hostname())
			}
		}
		b.StopTimer()
		closeAll(nodes)
		b.StartTimer()
	}
}

// BenchmarkScheduleFailover is the time from a scheduled node leaving
// (max 2 of 3) to another node seeing the third host scheduled.
func BenchmarkScheduleFailover(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		nodes := three(b)
		ns := fmt.Sprintf("s%d", i)
		for _, n := range nodes {
			if _, err := n.World().Join(ns, etcd.ScheduleOptions{Max: 2, TTL: 10}); err != nil {
				b.Fatal(err)
			}
		}
		moved := make(chan struct{}, 1)
		w3 := nodes[2].World()
		cancel := w3.Watch(etcd.WatchSchedule+ns+"/", 0, func() {
			if hosts, _, _ := w3.Scheduled(ns); slices.Contains(hosts, "h3") {
				select {
				case moved <- struct{}{}:
				default:
				}
			}
		})
		b.StartTimer()
		closed := make(chan struct{})
		go func() { nodes[0].Close(); close(closed) }()
		<-moved
		b.StopTimer()
		<-closed
		cancel()
		nodes[0] = nil
		closeAll(nodes)
		b.StartTimer()
	}
}

// BenchmarkKVWriteToOtherNode is the time from a kv write on h1 to a
// watch on h3 reading the new value.
func BenchmarkKVWriteToOtherNode(b *testing.B) {
	nodes := three(b)
	defer closeAll(nodes)
	w1, w3 := nodes[0].World(), nodes[2].World()
	seen := make(chan string, 16)
	cancel := w3.Watch(etcd.WatchStrings+"bench", 0, func() {
		v, _, _, _ := w3.GetVal("bench")
		seen <- v
	})
	defer cancel()
	for i := 0; b.Loop(); i++ {
		want := fmt.Sprint(i)
		if err := w1.SetVal("bench", want); err != nil {
			b.Fatal(err)
		}
		for v := range seen {
			if v == want {
				break
			}
		}
	}
}
