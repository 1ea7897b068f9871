package exec

import (
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// Watch watches the mtimes, the watchfiles and creates (a path ending in
// / recursively), as upstream: a change makes the engine apply the
// resource again, which runs the command unless a guard skips it.
func (r *res) Watch() []hostabi.WatchSpec {
	var paths []string
	paths = append(paths, r.mtimes...)
	paths = append(paths, r.watchFiles...)
	if r.creates != "" {
		paths = append(paths, r.creates)
	}
	seen := map[hostabi.WatchSpec]bool{}
	var out []hostabi.WatchSpec
	for _, p := range paths {
		w := hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: path.Clean(p), Recursive: strings.HasSuffix(p, "/") && p != "/"}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}

// AutoEdges asks, for each command that names its program (or shell) by
// absolute path, for an edge from the file resource managing that path,
// as upstream (which also asks the pkg owning it; there is no pkg kind
// here). The resource manages only itself.
func (r *res) AutoEdges() ([]hostabi.UID, [][]hostabi.UID, error) {
	uids := []hostabi.UID{{Kind: "exec", Key: r.name}}
	var edges [][]hostabi.UID
	seen := map[string]bool{}
	for _, c := range []command{r.main, r.ifCmd, r.nifCmd, r.doneCmd} {
		p := c.program()
		if p == "" || seen[p] {
			continue
		}
		seen[p] = true
		edges = append(edges, []hostabi.UID{{Kind: "file", Key: p}})
	}
	return uids, edges, nil
}
