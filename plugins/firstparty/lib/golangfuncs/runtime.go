package golangfuncs

import (
	"errors"
	"runtime"
	"strconv"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo"
)

// runtimeEntries wraps package runtime. What describes the machine (CPUs,
// GOROOT, GOMAXPROCS) comes from the host; what only a Go runtime can tell
// (goroutines, cgo calls, stacks, the mutex profile rate) is the module's
// own, since the host's runtime is out of the sandbox's reach.
func runtimeEntries() []entry {
	return []entry{
		// runtime.CPUProfile was removed from Go: it only panics.
		{"cpu_profile", "func() str", e0(func() (string, error) {
			return "", errors.New("runtime.CPUProfile was removed from Go; use runtime/pprof")
		})},
		{"gomaxprocs", "func(n int) int", h1(gomaxprocs)},
		{"goroot", "func() str", h0(func(h lib.Host) (string, error) {
			if root, _ := hostinfo.Getenv(h, "GOROOT"); root != "" {
				return root, nil
			}
			return runtime.GOROOT(), nil //nolint:staticcheck // upstream wraps the deprecated GOROOT
		})},
		{"num_cgo_call", "func() int", f0(runtime.NumCgoCall)},
		{"num_cpu", "func() int", h0(hostinfo.UsableCPUs)},
		{"num_goroutine", "func() int", f0(runtime.NumGoroutine)},
		// Tracing is never on in the module, so ReadTrace has no data.
		{"read_trace", "func() str", f0(func() string { return "" })},
		{"set_mutex_profile_fraction", "func(rate int) int", f1(runtime.SetMutexProfileFraction)},
		// Stack formats into a copy of buf and returns the bytes written.
		{"stack", "func(buf str, all bool) int", f2(func(buf string, all bool) int {
			return runtime.Stack([]byte(buf), all)
		})},
		{"version", "func() str", f0(runtime.Version)},
	}
}

// gomaxprocs reports the mgmt process's GOMAXPROCS as the Go runtime sets
// it by default: $GOMAXPROCS when it is a positive number, else the CPUs
// the process may use (Go 1.25's cgroup limit is not applied). The module
// cannot change the host's setting, so n is ignored.
func gomaxprocs(h lib.Host, _ int64) (int64, error) {
	if s, ok := hostinfo.Getenv(h, "GOMAXPROCS"); ok {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil && n > 0 {
			return n, nil
		}
	}
	return hostinfo.UsableCPUs(h)
}
