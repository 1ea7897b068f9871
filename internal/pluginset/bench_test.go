package pluginset

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
)

// BenchmarkReadfile is one os.readfile call through the registry, as the
// function engine makes it when the file changed: the call that stands
// between an input file's change and the resource graph that uses it
// (bench_reactive.py).
func BenchmarkReadfile(b *testing.B) { benchReadfile(b, 0) }

// BenchmarkReadfileIdle is the same call after 100 ms of idleness each
// time, as changes come: caches are cold. Run it with -benchtime 50x.
func BenchmarkReadfileIdle(b *testing.B) { benchReadfile(b, 100*time.Millisecond) }

// benchReadfile calls os.readfile on a file that changes between calls,
// sleeping gap (off the clock) before each.
func benchReadfile(b *testing.B, gap time.Duration) {
	home := b.TempDir()
	b.Setenv("XDG_CACHE_HOME", home)
	kinds, lib := modules(b)
	warmKinds(b, home, kinds)
	warm(b, home, firstparty.LibName, lib)
	reg, closeHosts, err := Load(context.Background(), Options{Hostname: "h", StoreDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer closeHosts()
	path := filepath.Join(b.TempDir(), "input")
	sig, err := hostabi.ParseType("func(str) str")
	if err != nil {
		b.Fatal(err)
	}
	args := []hostabi.Value{hostabi.StrValue(path)}
	// One call first, off the clock: a library module starts on its
	// first call (libmod/lazylib).
	if err := os.WriteFile(path, nil, 0o644); err != nil {
		b.Fatal(err)
	}
	if _, _, err := reg.Call(context.Background(), "os.readfile", sig, args); err != nil {
		b.Fatal(err)
	}
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		want := fmt.Sprintf("value %d\n", i)
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			b.Fatal(err)
		}
		time.Sleep(gap)
		b.StartTimer()
		v, watches, err := reg.Call(context.Background(), "os.readfile", sig, args)
		if err != nil || v.(hostabi.StrValue) != hostabi.StrValue(want) || len(watches) != 1 {
			b.Fatalf("os.readfile = %v, %v, %v; want %q and one watch", v, watches, err, want)
		}
	}
}
