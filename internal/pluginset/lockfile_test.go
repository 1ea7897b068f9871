package pluginset

import (
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/store"
)

// rewriteSum sets the sum recorded for name in st's lock file, as someone
// who can write the store could.
func rewriteSum(t *testing.T, st *store.Store, name string, sum [32]byte) {
	t.Helper()
	lock := filepath.Join(st.Dir(), store.LockFile)
	b, err := os.ReadFile(lock)
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	for _, e := range list {
		if e["name"] == name {
			e["sha256"] = hex.EncodeToString(sum[:])
		}
	}
	if b, err = json.Marshal(list); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(lock, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
