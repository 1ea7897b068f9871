package runtime

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// ErrClosed is returned by Commit after Close.
var ErrClosed = errors.New("the engine is closed")

// Commit makes g the running graph. The graph is prepared and validated
// first; if that fails nothing changes and the previous graph runs on.
// Otherwise the engine pauses, then:
//   - a resource Equal to one already running, with the same metaparams and
//     group, keeps running with its watch and state;
//   - every other running resource is removed (after one last run if it has
//     Meta:realize and never converged; replaced by its reversal if it has
//     Meta:reverse and is not in the new graph);
//   - the new resources are initialised and start watching;
//   - the removed resources are closed (after the new ones watch, so that a
//     replacement takes over the host watches of the resource it replaces);
//
// and the engine resumes.
func (e *Engine) Commit(g *Graph) error {
	e.conv.beginBuild()
	defer e.conv.endBuild()

	p, err := PrepareValid(g, PrepareOptions{NoAutoEdges: e.cfg.NoAutoEdges, NoAutoGroup: e.cfg.NoAutoGroup})
	if err != nil {
		return err
	}

	e.commitMu.Lock()
	defer e.commitMu.Unlock()
	if e.closed {
		return ErrClosed
	}

	e.graphMu.RLock()
	old := e.vertices
	oldByID := e.byID
	e.graphMu.RUnlock()

	// Match the new nodes against the running vertices.
	next := make([]*vertex, len(p.Nodes))
	kept := make(map[*vertex]bool, len(old))
	var fresh []*vertex
	for i, n := range p.Nodes {
		if ov := oldByID[ID(n.Res)]; ov != nil && !n.Meta.Hidden && !kept[ov] && ov.keepFor(n) {
			next[i] = ov
			kept[ov] = true
			continue
		}
		next[i] = newVertex(e, n)
		fresh = append(fresh, next[i])
	}
	var gone []*vertex
	for _, v := range old {
		if !kept[v] {
			gone = append(gone, v)
		}
	}
	reversals := e.reversals(gone, p)
	for _, n := range reversals {
		v := newVertex(e, n)
		next = append(next, v)
		fresh = append(fresh, v)
	}

	e.pause()
	var errs []error
	var retired []*vertex // closed once their replacements watch
	for _, v := range gone {
		v.realize()
		if v.retire() {
			retired = append(retired, v)
		}
	}
	byID := make(map[string]*vertex, len(next))
	for _, v := range next {
		if !v.meta.Hidden {
			byID[v.id] = v
		}
	}
	// Rewire under the graph lock: a watch failing on a timer goroutine
	// pokes its children (setFailed) while holding the read lock.
	e.graphMu.Lock()
	e.wire(p, next)
	e.vertices, e.byID, e.prepared = next, byID, p
	e.graphMu.Unlock()
	for id := range e.retries {
		if byID[id] == nil {
			delete(e.retries, id)
		}
	}
	for _, v := range fresh {
		e.conv.unsettle()
		v.retry = e.retryFor(v)
		v.watchRetry = v.meta.Retry
	}
	// Init and the first Watch are plugin calls: made in parallel, they
	// no longer add up over a large graph (nothing runs until resume).
	_ = forEach(len(fresh), func(i int) error {
		v := fresh[i]
		if err := e.initRes(v); err != nil {
			v.setFailed(err)
			return nil
		}
		v.start()
		return nil
	})
	e.resume(next)
	// Let the run loops just kicked take this processor (a new resource's
	// first CheckApply is the point of the swap) while the rest of Commit
	// goes on where the scheduler finds room.
	runtime.Gosched()
	// The removed resources close after the kick: their watches stayed
	// until the replacements watched, and nothing of theirs runs now.
	for _, v := range retired {
		if err := v.closeRes(); err != nil {
			errs = append(errs, err)
		}
	}
	if !e.committed {
		e.committed = true
		e.conv.endBuild() // the hold New placed until the first graph
	}
	if len(errs) > 0 {
		e.log.Warn("closing removed resources", "err", errors.Join(errs...))
	}
	e.log.Info("graph committed", "resources", len(next), "kept", len(kept), "added", len(fresh), "removed", len(gone))
	return nil
}

// validateAll validates every resource (hidden ones are not run, so they
// are not validated, as upstream) and every grouped child.
func validateAll(p *Graph) error {
	return forEach(len(p.Nodes), func(i int) error {
		n := p.Nodes[i]
		if n.Meta.Hidden {
			return nil
		}
		if err := n.Res.Validate(); err != nil {
			return fmt.Errorf("%s: %w", n.where(), err)
		}
		for _, c := range n.Group {
			if err := c.Res.Validate(); err != nil {
				return fmt.Errorf("%s: %w", c.where(), err)
			}
		}
		return nil
	})
}

// keepFor reports whether the running vertex can stand for node n: the same
// resource, metaparams and group, and not a failed watch that Meta:rewatch
// asks to replace.
func (v *vertex) keepFor(n *Node) bool {
	if !v.res.Equal(n.Res) || !v.meta.Equal(&n.Meta) || len(v.group) != len(n.Group) {
		return false
	}
	for i, c := range n.Group {
		if !v.group[i].Res.Equal(c.Res) {
			return false
		}
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	return !(v.watchFailed && n.Meta.Rewatch)
}

// wire gives every vertex its edges and send/recv links for graph p (whose
// node i is vertices[i]; extra vertices past len(p.Nodes) have none).
// A refresh pending on an edge between two kept vertices is carried over.
func (e *Engine) wire(p *Graph, vs []*vertex) {
	pending := map[[2]*vertex]bool{}
	for _, v := range vs {
		for _, ed := range v.out {
			if ed.refresh.Load() {
				pending[[2]*vertex{ed.from, ed.to}] = true
			}
		}
	}
	for _, v := range vs {
		v.in, v.out, v.recv = nil, nil, nil
	}
	for _, ed := range p.Edges {
		from, to := vs[ed.From], vs[ed.To]
		x := &edge{from: from, to: to, notify: ed.Notify}
		x.refresh.Store(ed.Notify && pending[[2]*vertex{from, to}])
		from.out = append(from.out, x)
		to.in = append(to.in, x)
	}
	for i, n := range p.Nodes {
		v := vs[i]
		addRecv := func(r Res, recv map[string]SendRef) {
			for field, s := range recv {
				v.recv = append(v.recv, recvLink{res: r, field: field, sender: vs[s.From], key: s.Key})
			}
		}
		addRecv(v.res, n.Recv)
		for j, c := range n.Group {
			addRecv(v.children[j], c.Recv)
		}
	}
}

// retryFor returns the retry state of a new vertex: the one its
// predecessor of the same kind[name] left, unless Meta:reset asks for a
// fresh one.
func (e *Engine) retryFor(v *vertex) *retryState {
	if !v.meta.Hidden && !v.meta.Reset {
		if r, ok := e.retries[v.id]; ok {
			return r
		}
	}
	r := &retryState{left: v.meta.Retry}
	if !v.meta.Hidden {
		e.retries[v.id] = r
	}
	return r
}

// initRes gives the resource, and each resource grouped into it, the
// engine's environment if they want it.
func (e *Engine) initRes(v *vertex) error {
	for _, r := range append([]Res{v.res}, v.children...) {
		in, ok := r.(hostabi.Initer)
		if !ok {
			continue
		}
		id := ID(r)
		init := &hostabi.Init{Hostname: e.cfg.Hostname, Debug: e.cfg.Debug, Logf: e.logf(id)}
		if e.cfg.VarDir != "" {
			init.VarDir = StateDir(e.cfg.VarDir, r.Kind(), r.Name())
		}
		if err := in.Init(init); err != nil {
			return fmt.Errorf("%s: init: %w", id, err)
		}
	}
	return nil
}

// StateDir is the private state directory of the resource kind[name] under
// the engine's VarDir (hostabi.Init.VarDir).
func StateDir(varDir, kind, name string) string {
	return filepath.Join(varDir, safeName(kind), safeName(name))
}

// pathElementEscaper escapes what cannot be in a path element. Built once:
// a Replacer builds its tables on first use, 6 KB each time.
var pathElementEscaper = strings.NewReplacer("/", "%2F", "\x00", "%00")

// safeName turns a kind or name into one path element.
func safeName(s string) string {
	s = pathElementEscaper.Replace(s)
	if s == "." || s == ".." {
		s = strings.ReplaceAll(s, ".", "%2E")
	}
	return s
}

// reversals returns the resources that undo the removed ones with
// Meta:reverse, unless the new graph still manages the same kind[name].
func (e *Engine) reversals(gone []*vertex, p *Graph) []*Node {
	var out []*Node
	for _, v := range gone {
		if !v.meta.Reverse || v.meta.Hidden {
			continue
		}
		rv, ok := v.res.(hostabi.Reversible)
		if !ok || p.Find(v.res.Kind(), v.res.Name()) >= 0 {
			continue
		}
		r, err := rv.Reversed()
		if err != nil {
			e.log.Error("cannot reverse a removed resource", "res", v.id, "err", err)
			continue
		}
		if err := r.Validate(); err != nil {
			e.log.Error("invalid reversal of a removed resource", "res", v.id, "err", err)
			continue
		}
		out = append(out, &Node{Res: r, Meta: DefaultMeta(), Pos: "reversal of " + v.id})
	}
	return out
}

// realize runs a vertex that has Meta:realize and never converged once
// before it is removed.
func (v *vertex) realize() {
	v.mu.Lock()
	pending := v.meta.Realize && !v.everOK && v.failed == nil && !v.meta.Hidden
	v.mu.Unlock()
	if !pending {
		return
	}
	noop := v.meta.Noop || v.e.cfg.Noop
	if _, err := v.checkApply(v.e.ctx, !noop); err != nil {
		v.e.log.Error("realize before removal failed", "res", v.id, "err", err)
	}
}
