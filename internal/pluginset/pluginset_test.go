package pluginset

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty"
	"github.com/mgmt-wasm/mgmt/plugins/store"
)

// The registry holds the functions of the first-party plugin and of an
// installed one, and an installed plugin's function runs with its
// recorded grants only.
func TestLoadFuncs(t *testing.T) {
	if _, err := firstparty.Module(); err != nil {
		t.Fatalf("%v (run make first)", err)
	}
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	wasm := testwasm.BuildGo(t, filepath.Join("..", "..", "plugins", "wasmres", "testdata", "traitplugin"))
	granted := t.TempDir()
	st, err := store.Open(filepath.Join(t.TempDir(), "store"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Install(wasm, "traits", []string{"fs.read:" + granted}); err != nil {
		t.Fatal(err)
	}
	reg, closeHosts, err := Load(context.Background(), Options{Hostname: "h", StoreDir: st.Dir()})
	if err != nil {
		t.Fatal(err)
	}
	defer closeHosts()
	funcs := reg.Funcs()
	for _, want := range []string{"internal.echo", "trait.read", "trait.echo"} {
		if !slices.Contains(funcs, want) {
			t.Errorf("no function %s in %v", want, funcs)
		}
	}
	if _, source, _ := reg.Func("trait.read"); source != "plugin traits" {
		t.Errorf("trait.read comes from %q", source)
	}
	inside, outside := filepath.Join(granted, "f"), filepath.Join(t.TempDir(), "f")
	for _, f := range []string{inside, outside} {
		if err := os.WriteFile(f, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	read := hostabi.NewFunc(hostabi.TypeStr, hostabi.Field{Name: "path", Type: hostabi.TypeStr})
	if v, _, err := reg.Call(context.Background(), "trait.read", read, []hostabi.Value{hostabi.StrValue(inside)}); err != nil || !v.Equal(hostabi.StrValue("x")) {
		t.Errorf("granted read: %v, %v", v, err)
	}
	if _, _, err := reg.Call(context.Background(), "trait.read", read, []hostabi.Value{hostabi.StrValue(outside)}); !errors.Is(err, hostabi.ErrDenied) {
		t.Errorf("read outside the grants: %v, want denied", err)
	}
}
