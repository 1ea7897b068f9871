package etcd

import (
	"encoding/json"
	"fmt"
	"slices"
	"sort"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// Exported is a resource a node exports for other nodes to collect
// (Meta:export upstream).
type Exported struct {
	// Kind and Name identify the resource; Host is the exporter.
	Kind string `json:"kind"`
	Name string `json:"name"`
	Host string `json:"host"`
	// To lists the hosts it is exported to; "*" is every host.
	To []string `json:"to"`
	// Params are the resource's params, each value in the ABI's bin1
	// encoding (hostabi.EncodeValue).
	Params map[string][]byte `json:"params"`
}

// For reports whether host may collect e.
func (e *Exported) For(host string) bool {
	return slices.Contains(e.To, "*") || slices.Contains(e.To, host)
}

// maxTxnOps is how many operations one transaction carries (etcd's
// default limit is 128).
const maxTxnOps = 100

// Export makes res this node's exported resources: new and changed ones
// are written, ones no longer exported are withdrawn. They are bound to
// the node's lease, so they vanish when the node leaves or its lease
// expires.
func (w *World) Export(res []Exported) error {
	w.mu.Lock()
	w.exported = res
	w.mu.Unlock()
	return w.export(res, false)
}

// reexport writes the last exports again under the node's new lease.
func (w *World) reexport() {
	w.mu.Lock()
	res := w.exported
	w.mu.Unlock()
	if err := w.export(res, true); err != nil {
		w.log.Warn("cluster: export again under the new lease", "err", err)
	}
}

// export writes res (all of it when force, else what changed) and
// withdraws the rest of this host's exports.
func (w *World) export(res []Exported, force bool) error {
	lease := w.lease()
	ctx, cancel := w.op()
	defer cancel()
	mine := exportPrefix + w.host + "/"
	resp, err := w.c.Get(ctx, mine, clientv3.WithPrefix())
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	have := make(map[string]string, len(resp.Kvs))
	for _, kv := range resp.Kvs {
		have[string(kv.Key)] = string(kv.Value)
	}
	var ops []clientv3.Op
	want := make(map[string]bool, len(res))
	for i := range res {
		e := res[i]
		e.Host = w.host
		b, err := json.Marshal(&e)
		if err != nil {
			return fmt.Errorf("export %s[%s]: %w", e.Kind, e.Name, err)
		}
		key := exportKey(w.host, e.Kind, e.Name)
		want[key] = true
		if force || have[key] != string(b) {
			ops = append(ops, clientv3.OpPut(key, string(b), clientv3.WithLease(lease)))
		}
	}
	for key := range have {
		if !want[key] {
			ops = append(ops, clientv3.OpDelete(key))
		}
	}
	for len(ops) > 0 {
		n := min(len(ops), maxTxnOps)
		if _, err := w.c.Txn(ctx).Then(ops[:n]...).Commit(); err != nil {
			return fmt.Errorf("export: %w", err)
		}
		ops = ops[n:]
	}
	return nil
}

// Collect returns the resources of kind exported to this node (all kinds
// when kind is ""), sorted by kind, name and host, and the revision of the
// read.
func (w *World) Collect(kind string) ([]Exported, int64, error) {
	ctx, cancel := w.op()
	defer cancel()
	resp, err := w.c.Get(ctx, exportPrefix, clientv3.WithPrefix())
	if err != nil {
		return nil, 0, fmt.Errorf("collect: %w", err)
	}
	var out []Exported
	for _, kv := range resp.Kvs {
		var e Exported
		if err := json.Unmarshal(kv.Value, &e); err != nil {
			w.log.Warn("collect: an exported resource that does not decode", "key", string(kv.Key), "err", err)
			continue
		}
		if (kind == "" || e.Kind == kind) && e.For(w.host) {
			out = append(out, e)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind != b.Kind {
			return a.Kind < b.Kind
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Host < b.Host
	})
	return out, resp.Header.Revision, nil
}
