package langrun

import (
	"net/url"
	"os"
	"path/filepath"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// valueStore reads what the value kind stores under the engine's state
// directory: value[KEY] keeps its value in StateDir(varDir, "value", KEY)
// in the file "value"; a value resource grouped into another keeps it in
// the leader's directory under group/KEY (see plugins/firstparty/value).
type valueStore struct{ varDir string }

// Get implements eval.Values.
func (s valueStore) Get(key string) (string, bool, []hostabi.WatchSpec) {
	own := filepath.Join(runtime.StateDir(s.varDir, "value", key), "value")
	watches := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: own}}
	if b, err := os.ReadFile(own); err == nil {
		return string(b), true, watches
	}
	grouped, _ := filepath.Glob(filepath.Join(s.varDir, "value", "*", "group", url.PathEscape(key), "value"))
	for _, p := range grouped {
		if b, err := os.ReadFile(p); err == nil {
			return string(b), true, append(watches, hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: p})
		}
	}
	return "", false, watches
}
