package runtime

import (
	"context"
	"fmt"
	goruntime "runtime"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// benchRes is the cheapest possible resource: it applies once, then its
// state is good. It measures the engine, not the resource.
type benchRes struct {
	name    string
	applied bool
}

func (r *benchRes) Kind() string                                { return "bench" }
func (r *benchRes) Name() string                                { return r.name }
func (r *benchRes) Validate() error                             { return nil }
func (r *benchRes) Watch(context.Context, hostabi.Events) error { return nil }
func (r *benchRes) Close() error                                { return nil }
func (r *benchRes) Equal(o hostabi.Resource) bool {
	x, ok := o.(*benchRes)
	return ok && x.name == r.name
}
func (r *benchRes) CheckApply(_ context.Context, apply bool) (bool, error) {
	if r.applied {
		return true, nil
	}
	r.applied = apply
	return false, nil
}

// benchGraph returns n resources shaped as a fan (one root before all
// others) or a chain (each before the next).
func benchGraph(n int, shape string) *Graph {
	g := &Graph{Nodes: make([]*Node, 0, n), Edges: make([]Edge, 0, n)}
	for i := 0; i < n; i++ {
		g.Add(&Node{Res: &benchRes{name: fmt.Sprintf("r%d", i)}, Meta: DefaultMeta()})
		switch {
		case i == 0:
		case shape == "fan":
			g.Edges = append(g.Edges, Edge{From: 0, To: i})
		case shape == "chain":
			g.Edges = append(g.Edges, Edge{From: i - 1, To: i})
		}
	}
	return g
}

func heapInUse() uint64 {
	goruntime.GC()
	goruntime.GC()
	var m goruntime.MemStats
	goruntime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkConverge measures the engine time from Commit until every
// resource has run once and the engine is converged, and the engine's
// memory per resource once converged (the graph itself excluded).
func BenchmarkConverge(b *testing.B) {
	for _, shape := range []string{"fan", "chain"} {
		for _, n := range []int{1000, 10000, 100000} {
			b.Run(fmt.Sprintf("%s/%d", shape, n), func(b *testing.B) {
				var perRes float64
				var steps int64
				for i := 0; i < b.N; i++ {
					b.StopTimer()
					g := benchGraph(n, shape)
					base := heapInUse()
					e := New(Config{ConvergerTimeout: 0})
					b.StartTimer()
					if err := e.Commit(g); err != nil {
						b.Fatal(err)
					}
					select {
					case <-e.Converged():
					case <-time.After(5 * time.Minute):
						b.Fatal("never converged")
					}
					b.StopTimer()
					if got := e.Stats().CheckApply.Load(); got != int64(n) {
						b.Fatalf("%d CheckApply calls, want %d", got, n)
					}
					perRes = float64(heapInUse()-base) / float64(n)
					steps = e.Stats().Steps.Load()
					goruntime.KeepAlive(g)
					e.Close()
					b.StartTimer()
				}
				b.ReportMetric(perRes, "engineB/res")
				b.ReportMetric(float64(steps)/float64(n), "steps/res")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/res")
			})
		}
	}
}

// BenchmarkSwapUnchanged measures a Commit of a graph equal to the running
// one: every resource is kept with its watch.
func BenchmarkSwapUnchanged(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			e := New(Config{ConvergerTimeout: 0})
			defer e.Close()
			if err := e.Commit(benchGraph(n, "fan")); err != nil {
				b.Fatal(err)
			}
			<-e.Converged()
			steps := e.Stats().Steps.Load()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				g := benchGraph(n, "fan")
				b.StartTimer()
				if err := e.Commit(g); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if e.Stats().CheckApply.Load() != int64(n) {
				b.Fatalf("a swap of unchanged resources ran CheckApply again")
			}
			b.ReportMetric(float64(e.Stats().Steps.Load()-steps)/float64(b.N), "steps/op")
		})
	}
}
