// Package kinds benchmarks the first-party kinds through the real host:
// one verb call each, on real files, as the engine makes them.
package kinds

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// load loads the plugin and waits for its compiled code.
func load(b *testing.B) *fptest.Env {
	env := fptest.New(b)
	if err := env.WaitCompiled(context.Background()); err != nil {
		b.Fatal(err)
	}
	return env
}

// BenchmarkFileCheck is the check of a file that is already right, the
// call every drift event and every startup pays.
func BenchmarkFileCheck(b *testing.B) {
	env := load(b)
	path := filepath.Join(b.TempDir(), "f")
	if err := os.WriteFile(path, []byte("content\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	r, err := env.Plugin.New("file", path, map[string]hostabi.Value{"content": hostabi.StrValue("content\n"), "state": hostabi.StrValue("exists")})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		ok, err := r.CheckApply(context.Background(), false)
		if err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkFileApply rewrites a drifted file each iteration.
func BenchmarkFileApply(b *testing.B) {
	env := load(b)
	path := filepath.Join(b.TempDir(), "f")
	r, err := env.Plugin.New("file", path, map[string]hostabi.Value{"content": hostabi.StrValue("content\n"), "state": hostabi.StrValue("exists")})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(path, fmt.Appendf(nil, "drift %d\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		if _, err := r.CheckApply(context.Background(), true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNoopCheck is the floor: a verb call that does nothing.
func BenchmarkNoopCheck(b *testing.B) {
	env := load(b)
	r, err := env.Plugin.New("noop", "n", nil)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := r.CheckApply(context.Background(), false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDriftRestore is bench_drift.py's setup in-process: one managed
// file under the engine; each iteration overwrites it in place from
// outside and waits until the engine has put the content back. The time is
// from the outside write to the restored content: inotify, engine, apply.
func BenchmarkDriftRestore(b *testing.B) { benchDrift(b, 0) }

// BenchmarkDriftRestoreIdle is BenchmarkDriftRestore with bench_drift.py's
// pause of 200 ms between drifts (not timed). The repair then runs on cold
// caches, host and guest code alike, and takes about twice as long as
// back to back: the figure closer to what a user sees.
func BenchmarkDriftRestoreIdle(b *testing.B) { benchDrift(b, 200*time.Millisecond) }

// benchDrift overwrites a managed file and times its repair, pausing gap
// between drifts.
func benchDrift(b *testing.B, gap time.Duration) {
	env := load(b)
	path := filepath.Join(b.TempDir(), "managed")
	want := "managed content\n"
	env.Run(b, `
graph: drift
resources:
  file:
  - name: `+path+`
    state: exists
    content: "managed content\n"
`)
	var lat []time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if err := os.WriteFile(path, fmt.Appendf(nil, "drift %d\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		for {
			if got, err := os.ReadFile(path); err == nil && string(got) == want {
				break
			}
			if time.Since(start) > 10*time.Second {
				b.Fatal("the drift was not repaired within 10s")
			}
			time.Sleep(20 * time.Microsecond)
		}
		lat = append(lat, time.Since(start))
		if gap > 0 {
			b.StopTimer()
			time.Sleep(gap)
			b.StartTimer()
		}
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds()), "median-µs")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds()), "p95-µs")
}

// BenchmarkFileNewVerbs is what a graph swap pays for a file resource
// whose content changed: a new resource, then validate and the autoedge
// calls (Commit's Prepare and validation), one verb each, the resource new
// every iteration as after each evaluation.
func BenchmarkFileNewVerbs(b *testing.B) {
	env := load(b)
	path := filepath.Join(b.TempDir(), "f")
	for _, verb := range []string{"validate", "autoedges"} {
		b.Run(verb, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				r, err := env.Plugin.New("file", path, map[string]hostabi.Value{"content": hostabi.StrValue(fmt.Sprintf("content %d\n", i)), "state": hostabi.StrValue("exists")})
				if err != nil {
					b.Fatal(err)
				}
				switch verb {
				case "validate":
					err = r.Validate()
				case "autoedges":
					ae := r.(hostabi.AutoEdger)
					_, _ = ae.UIDs(), ae.AutoEdges()
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkFileNewApply is what a changed value costs a file resource
// under mcl (bench_reactive.py in-process): the new resource is prepared
// (validate, with autoedges and watch) and applied, its content new each
// iteration.
func BenchmarkFileNewApply(b *testing.B) {
	env := load(b)
	path := filepath.Join(b.TempDir(), "f")
	for i := 0; b.Loop(); i++ {
		r, err := env.Plugin.New("file", path, map[string]hostabi.Value{"content": hostabi.StrValue(fmt.Sprintf("content %d\n", i)), "state": hostabi.StrValue("exists")})
		if err != nil {
			b.Fatal(err)
		}
		if err := r.Validate(); err != nil {
			b.Fatal(err)
		}
		if _, err := r.CheckApply(context.Background(), true); err != nil {
			b.Fatal(err)
		}
	}
}
