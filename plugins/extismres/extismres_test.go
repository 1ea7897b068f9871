package extismres

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
	"github.com/mgmt-wasm/mgmt/runtime"
)

var (
	exampleOnce sync.Once
	exampleWasm []byte
	exampleErr  error
)

// example returns the Extism-Go example plugin: the module make built
// (mk/proc.mk), or one built here when make did not run.
func example(t testing.TB) []byte {
	t.Helper()
	dir := filepath.Join("..", "..", "examples", "plugins", "extism-go")
	if b, err := os.ReadFile(filepath.Join(dir, "extism-go.wasm")); err == nil {
		return b
	}
	exampleOnce.Do(func() {
		out := filepath.Join(os.TempDir(), "mgmt-extismres-test-extism-go.wasm")
		if exampleErr = testwasm.Build(dir, out); exampleErr == nil {
			exampleWasm, exampleErr = os.ReadFile(out)
			os.Remove(out)
		}
	})
	if exampleErr != nil {
		t.Fatal(exampleErr)
	}
	return exampleWasm
}

func TestReadSectionsOfTheExample(t *testing.T) {
	s, err := ReadSections(example(t))
	if err != nil {
		t.Fatal(err)
	}
	if !s.IsExtism() {
		t.Errorf("the Extism example is not detected as one; imports %v", s.Imports)
	}
	for _, verb := range []string{hostabi.ExportVersion, hostabi.VerbDescribe, hostabi.VerbValidate, hostabi.VerbWatch, hostabi.VerbCheck, hostabi.VerbApply} {
		if !slices.Contains(s.Exports, verb) {
			t.Errorf("export %s not found in %v", verb, s.Exports)
		}
	}
}

func TestReadSectionsOfANativePlugin(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "firstparty", "dist", "core.wasm"))
	if err != nil {
		t.Skip("core.wasm is not built (make wasm)")
	}
	s, err := ReadSections(b)
	if err != nil {
		t.Fatal(err)
	}
	if s.IsExtism() {
		t.Error("core.wasm is detected as an Extism module")
	}
	if !slices.Contains(s.Exports, hostabi.ExportAlloc) {
		t.Errorf("core.wasm's exports %v lack alloc", s.Exports)
	}
	if !slices.ContainsFunc(s.Imports, func(i Import) bool { return i.Module == hostabi.Namespace }) {
		t.Errorf("core.wasm's imports %v lack %s", s.Imports, hostabi.Namespace)
	}
}

// module builds a wasm binary from sections (id, body).
func module(sections ...[]byte) []byte {
	b := []byte("\x00asm\x01\x00\x00\x00")
	for _, s := range sections {
		b = append(b, s...)
	}
	return b
}

func TestReadSectionsHandWritten(t *testing.T) {
	// import section: 2 imports, "extism:host/env"."input_length" func 0,
	// "m"."mem" memory {min 1, max 2}; export section: "f" func 0, "g" memory 0.
	imp := []byte{0x02}
	imp = append(imp, byte(len(KernelModule)))
	imp = append(imp, KernelModule...)
	imp = append(imp, 12)
	imp = append(imp, "input_length"...)
	imp = append(imp, 0x00, 0x00)
	imp = append(imp, 1, 'm', 3, 'm', 'e', 'm', 0x02, 0x01, 0x01, 0x02)
	exp := []byte{0x02, 1, 'f', 0x00, 0x00, 1, 'g', 0x02, 0x00}
	good := module(append([]byte{2, byte(len(imp))}, imp...), append([]byte{7, byte(len(exp))}, exp...))
	s, err := ReadSections(good)
	if err != nil {
		t.Fatal(err)
	}
	want := []Import{{KernelModule, "input_length"}, {"m", "mem"}}
	if !slices.Equal(s.Imports, want) || !slices.Equal(s.Exports, []string{"f"}) || !s.IsExtism() {
		t.Errorf("got %+v", s)
	}
	bad := []struct {
		name string
		wasm []byte
	}{
		{"empty", nil},
		{"no magic", []byte("\x00wat\x01\x00\x00\x00")},
		{"version 2", []byte("\x00asm\x02\x00\x00\x00")},
		{"section longer than the module", module([]byte{2, 10, 0})},
		{"count beyond the section", module([]byte{2, 1, 5})},
		{"unknown import kind", module([]byte{2, 6, 1, 1, 'a', 1, 'b', 9})},
		{"u32 of six bytes", module([]byte{2, 6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01})},
		{"u32 overflow", module([]byte{2, 5, 0xff, 0xff, 0xff, 0xff, 0x7f})},
		{"truncated good module", good[:len(good)-1]},
	}
	for _, c := range bad {
		if _, err := ReadSections(c.wasm); err == nil {
			t.Errorf("%s: no error", c.name)
		}
	}
}

func FuzzReadSections(f *testing.F) {
	f.Add(module())
	f.Add(module([]byte{2, 6, 1, 1, 'a', 1, 'b', 0}))
	f.Add(module([]byte{7, 4, 1, 1, 'f', 0}))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, err := ReadSections(b)
		if err == nil && s == nil {
			t.Fatal("nil sections without an error")
		}
	})
}

func TestAllowedHosts(t *testing.T) {
	caps, err := hostabi.ParseCapabilities([]string{"fs.read:/srv/app", "fs.write:/srv/app", "exec:*", "net"})
	if err != nil {
		t.Fatal(err)
	}
	if hosts := allowedHosts(caps); !slices.Equal(hosts, []string{"*"}) {
		t.Errorf("hosts %v, want * for net", hosts)
	}
	if hosts := allowedHosts(caps[:2]); hosts != nil {
		t.Errorf("hosts %v without net", hosts)
	}
	if fsOf(caps[2:]) != nil || fsOf(caps[:1]) == nil {
		t.Error("a file system without fs grants, or none with one")
	}
}

// The Extism example runs in the engine like a native plugin: the
// resource in its granted folder converges (the file is written, the
// hostname reaches it through the config, its log line reaches slog with
// the plugin's name); one outside the grant, directly or through a
// symlink that leads out of it, fails alone.
func TestExtismPluginInTheEngine(t *testing.T) {
	ctx := context.Background()
	var logs fptest.Log
	dir := t.TempDir()
	ok, other := filepath.Join(dir, "granted"), filepath.Join(dir, "other")
	os.MkdirAll(ok, 0o755)
	os.MkdirAll(other, 0o755)
	granted, err := hostabi.ParseCapabilities([]string{"fs.read:" + ok, "fs.write:" + ok})
	if err != nil {
		t.Fatal(err)
	}
	m, err := Load(ctx, "extism-go", example(t), Config{Hostname: "node-7", CacheDir: filepath.Join(dir, "cache"), Log: slog.New(slog.NewTextHandler(&logs, nil))}, granted)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(ctx)
	w, err := hostwatch.New()
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	p, err := wasmres.Load(ctx, m, w, granted)
	if err != nil {
		t.Fatal(err)
	}
	if got := p.Kinds(); !slices.Equal(got, []string{"extism_file", "extism_noop"}) {
		t.Fatalf("kinds %v", got)
	}
	// A symlink in the granted folder that leads out of it.
	if err := os.Symlink(other, filepath.Join(ok, "escape")); err != nil {
		t.Fatal(err)
	}
	g := &runtime.Graph{}
	for name, path := range map[string]string{"in": filepath.Join(ok, "f"), "out": filepath.Join(other, "f"), "link": filepath.Join(ok, "escape", "f")} {
		r, err := p.New("extism_file", name, map[string]hostabi.Value{"path": hostabi.StrValue(path), "content": hostabi.StrValue("from extism\n")})
		if err != nil {
			t.Fatal(err)
		}
		g.Add(&runtime.Node{Res: r, Meta: runtime.DefaultMeta()})
	}
	e := runtime.New(runtime.Config{})
	defer e.Close()
	if err := e.Commit(g); err != nil {
		t.Fatal(err)
	}
	select {
	case <-e.Converged():
	case <-time.After(60 * time.Second):
		t.Fatal("never converged")
	}
	if got, err := os.ReadFile(filepath.Join(ok, "f")); err != nil || string(got) != "from extism\n" {
		t.Errorf("the granted write: %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(other, "f")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the write outside the grant happened (%v)", err)
	}
	failures := e.Failures()
	if len(failures) != 2 || failures["extism_file[out]"] == nil || failures["extism_file[link]"] == nil {
		t.Errorf("failures %v, want extism_file[out] and extism_file[link] (through a symlink out of the grant)", failures)
	}
	line := "extism_file[in]: wrote " + filepath.Join(ok, "f") + " on node-7"
	if s := logs.String(); !strings.Contains(s, line) || !strings.Contains(s, "plugin=extism-go") {
		t.Errorf("log %q lacks %q with the plugin's name", s, line)
	}
	if calls, errs, _ := m.Stats(); calls == 0 || errs != 0 {
		t.Errorf("stats: %d calls, %d errors", calls, errs)
	}
	// Drift: the host-owned watch the plugin asked for brings it back.
	if err := os.WriteFile(filepath.Join(ok, "f"), []byte("changed"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, _ := os.ReadFile(filepath.Join(ok, "f"))
		if string(got) == "from extism\n" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the changed file was not repaired: %q", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Validate errors, an unknown export and a module that is not Extism's.
func TestExtismErrors(t *testing.T) {
	ctx := context.Background()
	m, err := Load(ctx, "extism-go", example(t), Config{PoolSize: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(ctx)
	p, err := wasmres.Load(ctx, m, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	r, err := p.New("extism_file", "rel", map[string]hostabi.Value{"path": hostabi.StrValue("relative")})
	if err != nil {
		t.Fatal(err)
	}
	var ae *hostabi.ABIError
	if err := r.Validate(); !errors.As(err, &ae) || ae.Param != "path" {
		t.Errorf("validate of a relative path: %v", err)
	}
	if _, err := m.CallMax(ctx, "nope", nil, 1<<20); err == nil || !strings.Contains(err.Error(), "no export") {
		t.Errorf("unknown export: %v", err)
	}
	if _, err := m.CallMax(ctx, hostabi.VerbDescribe, nil, 4); !errors.Is(err, wasmhostErrLimit) {
		t.Errorf("a response over the cap: %v", err)
	}
	if b, err := os.ReadFile(filepath.Join("..", "firstparty", "dist", "core.wasm")); err == nil {
		if _, err := Load(ctx, "core", b, Config{}, nil); err == nil || !strings.Contains(err.Error(), "not an Extism module") {
			t.Errorf("a native module: %v", err)
		}
	}
}

// The native limits hold: a memory cap below what the guest needs fails
// its load (or at the latest its instantiation), and a call past its deadline fails as a limit.
func TestExtismLimits(t *testing.T) {
	ctx := context.Background()
	w := example(t)
	if m, err := Load(ctx, "small", w, Config{MemoryLimitMiB: 1}, nil); err == nil {
		defer m.Close(ctx)
		if _, err := m.Invoke(ctx, hostabi.ExportVersion); err == nil {
			t.Error("a Go guest ran in 1 MiB of memory")
		}
	} else if !strings.Contains(err.Error(), "over limit") {
		t.Errorf("the memory cap: %v", err)
	}
	m2, err := Load(ctx, "slow", w, Config{CallTimeout: time.Nanosecond}, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer m2.Close(ctx)
	if _, err := m2.CallMax(ctx, hostabi.VerbDescribe, nil, 1<<20); !errors.Is(err, wasmhostErrLimit) {
		t.Errorf("a call past its deadline: %v", err)
	}
	if _, errs, restarts := m2.Stats(); errs == 0 || restarts == 0 {
		t.Errorf("the failed call was not counted or its instance kept: %d errors, %d restarts", errs, restarts)
	}
}
