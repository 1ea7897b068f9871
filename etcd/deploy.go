package etcd

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	clientv3 "go.etcd.io/etcd/client/v3"
)

// MaxDeployBytes bounds a deploy's encoded size (etcd's default request
// limit is 1.5 MiB).
const MaxDeployBytes = 1 << 20

// Deploy is code stored in the cluster for every node to run.
type Deploy struct {
	// ID numbers deploys from 1; a node runs the highest.
	ID uint64 `json:"id"`
	// Frontend is lang or yaml; Main is the entry, a path relative to
	// the files' root ("." for a module folder).
	Frontend string `json:"frontend"`
	Main     string `json:"main"`
	// Files are the deploy's files by relative path.
	Files map[string][]byte `json:"files"`
	// Hash is the sha256 of the files (Sum).
	Hash string `json:"hash"`
}

// Sum is the sha256 of the files, names and contents, in name order.
func (d *Deploy) Sum() string {
	names := make([]string, 0, len(d.Files))
	for n := range d.Files {
		names = append(names, n)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%d:%s%d:", len(n), n, len(d.Files[n]))
		h.Write(d.Files[n])
	}
	return hex.EncodeToString(h.Sum(nil))
}

// deployKey is the key of deploy id.
func deployKey(id uint64) string { return fmt.Sprintf("%s%020d", deployPrefix, id) }

// AddDeploy stores d under the next deploy id and returns that id.
func (w *World) AddDeploy(d Deploy) (uint64, error) {
	d.Hash = d.Sum()
	for attempt := 0; attempt < 10; attempt++ {
		last, _, err := w.LatestDeploy()
		if err != nil {
			return 0, err
		}
		d.ID = 1
		if last != nil {
			d.ID = last.ID + 1
		}
		b, err := json.Marshal(&d)
		if err != nil {
			return 0, fmt.Errorf("deploy: %w", err)
		}
		if len(b) > MaxDeployBytes {
			return 0, fmt.Errorf("deploy: %d bytes encoded, more than the limit of %d", len(b), MaxDeployBytes)
		}
		ctx, cancel := w.op()
		key := deployKey(d.ID)
		resp, err := w.c.Txn(ctx).
			If(clientv3.Compare(clientv3.CreateRevision(key), "=", 0)).
			Then(clientv3.OpPut(key, string(b))).Commit()
		cancel()
		if err != nil {
			return 0, fmt.Errorf("deploy: %w", err)
		}
		if resp.Succeeded {
			return d.ID, nil
		}
	}
	return 0, errors.New("deploy: other deploys kept taking the next id; try again")
}

// LatestDeploy returns the deploy with the highest id (nil when there is
// none) and the revision of the read.
func (w *World) LatestDeploy() (*Deploy, int64, error) {
	ctx, cancel := w.op()
	defer cancel()
	resp, err := w.c.Get(ctx, deployPrefix, clientv3.WithPrefix(),
		clientv3.WithSort(clientv3.SortByKey, clientv3.SortDescend), clientv3.WithLimit(1))
	if err != nil {
		return nil, 0, fmt.Errorf("deploy: %w", err)
	}
	if len(resp.Kvs) == 0 {
		return nil, resp.Header.Revision, nil
	}
	var d Deploy
	if err := json.Unmarshal(resp.Kvs[0].Value, &d); err != nil {
		return nil, 0, fmt.Errorf("deploy %s: %w", strings.TrimPrefix(string(resp.Kvs[0].Key), deployPrefix), err)
	}
	if id, err := strconv.ParseUint(strings.TrimPrefix(string(resp.Kvs[0].Key), deployPrefix), 10, 64); err != nil || id != d.ID {
		return nil, 0, fmt.Errorf("deploy: key %s does not match the id %d it holds", resp.Kvs[0].Key, d.ID)
	}
	if d.Sum() != d.Hash {
		return nil, 0, fmt.Errorf("deploy %d: its files do not match its sha256", d.ID)
	}
	return &d, resp.Header.Revision, nil
}
