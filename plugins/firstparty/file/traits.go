package file

import (
	"fmt"
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// The interfaces the kind's traits promise, checked at compile time.
var (
	_ mgmt.Resource  = (*res)(nil)
	_ mgmt.AutoEdger = (*res)(nil)
	_ mgmt.Reverser  = (*res)(nil)
	_ mgmt.Reusable  = (*res)(nil)
)

// Watch watches the path (recursively for a directory tree that recurse
// manages), a copied source (recursively for a directory), and each
// fragment, so that a change made from outside is corrected.
func (r *res) Watch() []hostabi.WatchSpec {
	ws := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: r.clean, Recursive: r.dir && r.recurse}}
	if r.source != "" && !r.symlink {
		ws = append(ws, hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: cleanPath(r.source), Recursive: strings.HasSuffix(r.source, "/")})
	}
	for _, f := range r.fragments {
		ws = append(ws, hostabi.WatchSpec{Kind: hostabi.WatchPath, Path: cleanPath(f), Recursive: strings.HasSuffix(f, "/")})
	}
	return ws
}

// AutoEdges returns the file's UID (its path, "/"-terminated for a
// directory) and what it depends on: each fragment and a copied source
// (each a group of its own), the parent directories (one group, nearest
// first: the nearest one another file resource manages gets the edge), and
// the owner and group, as user and group UIDs.
func (r *res) AutoEdges() ([]hostabi.UID, [][]hostabi.UID, error) {
	if !strings.HasPrefix(r.clean, "/") {
		return nil, nil, mgmt.ParamError("path", "path %q is not absolute", r.path)
	}
	uids := []hostabi.UID{{Kind: Kind, Key: uidKey(r.clean, r.dir)}}
	var edges [][]hostabi.UID
	for _, f := range r.fragments {
		edges = append(edges, []hostabi.UID{{Kind: Kind, Key: uidKey(cleanPath(f), strings.HasSuffix(f, "/"))}})
	}
	if r.source != "" && !r.symlink && strings.HasPrefix(r.source, "/") {
		edges = append(edges, []hostabi.UID{{Kind: Kind, Key: uidKey(cleanPath(r.source), strings.HasSuffix(r.source, "/"))}})
	}
	if parents := parentUIDs(r.clean); len(parents) > 0 {
		edges = append(edges, parents)
	}
	if r.owner != "" {
		edges = append(edges, []hostabi.UID{{Kind: "user", Key: r.owner}})
	}
	if r.group != "" {
		edges = append(edges, []hostabi.UID{{Kind: "group", Key: r.group}})
	}
	return uids, edges, nil
}

// parentUIDs returns the UIDs of the directories above clean, nearest
// first: /a/b/c gives file /a/b/, /a/ and /.
func parentUIDs(clean string) []hostabi.UID {
	var out []hostabi.UID
	for p := clean; p != "/"; {
		p = path.Dir(p)
		out = append(out, hostabi.UID{Kind: Kind, Key: uidKey(p, true)})
	}
	return out
}

// Reverse returns what undoes the file when it leaves a graph with
// Meta:reverse: a file that was made to exist becomes absent (its content,
// fragments and source dropped), and an absent file is created again
// (empty: its old content is not known). As upstream, a directory and a
// file copied from a source cannot be reversed; nor can a file without a
// state, whose old content upstream restores from a copy taken when the
// resource was added, which the guest does not have.
func (r *res) Reverse() (map[string]hostabi.Value, error) {
	switch {
	case r.dir:
		return nil, fmt.Errorf("cannot reverse %s: directories cannot be reversed yet", r.path)
	case r.source != "" && !r.symlink:
		return nil, fmt.Errorf("cannot reverse %s: a file copied from a source cannot be reversed yet", r.path)
	}
	switch r.state {
	case stateExists:
		return map[string]hostabi.Value{
			"state":     hostabi.StrValue(stateAbsent),
			"content":   hostabi.StrValue(""),
			"source":    hostabi.StrValue(""),
			"fragments": &hostabi.ListValue{T: hostabi.NewList(hostabi.TypeStr)},
		}, nil
	case stateAbsent:
		if r.symlink {
			return nil, fmt.Errorf("cannot reverse %s: the target of the removed symlink is not known", r.path)
		}
		return map[string]hostabi.Value{"state": hostabi.StrValue(stateExists)}, nil
	}
	return nil, fmt.Errorf("cannot reverse %s: it has no state, and its previous content is not known", r.path)
}
