package run

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// deployWatch delivers the deploys to switch to.
type deployWatch struct {
	c    chan *etcd.Deploy
	stop context.CancelFunc
}

// watchDeploys follows the cluster's deploys: each one newer than what the
// node runs is delivered once. A node started with a program runs it until
// a deploy newer than the newest at its start arrives; a node started
// with nothing (run empty) takes the newest at once.
func watchDeploys(ctx context.Context, cl *cluster, runLatest bool, deps *frontDeps, log *slog.Logger) *deployWatch {
	ctx, stop := context.WithCancel(ctx)
	dw := &deployWatch{c: make(chan *etcd.Deploy), stop: stop}
	go func() {
		w, err := cl.wait(ctx) // deploys alone do not start the node
		if err != nil {
			return
		}
		latest, rev, err := w.LatestDeploy()
		if err != nil {
			log.Error("deploys: read the newest", "err", err)
		}
		var running uint64
		if latest != nil {
			running = latest.ID
			if runLatest && !dw.send(ctx, latest) {
				return
			}
		}
		changed := make(chan struct{}, 1)
		cancel := w.Watch(etcd.WatchDeploy, rev, func() {
			select {
			case changed <- struct{}{}:
			default:
			}
		})
		defer cancel()
		for {
			select {
			case <-ctx.Done():
				return
			case <-changed:
			}
			d, _, err := w.LatestDeploy()
			if err != nil {
				log.Error("deploys: read the newest", "err", err)
				continue
			}
			if d != nil && d.ID > running {
				running = d.ID
				if !dw.send(ctx, d) {
					return
				}
			}
		}
	}()
	return dw
}

// send delivers d unless ctx ends first.
func (dw *deployWatch) send(ctx context.Context, d *etcd.Deploy) bool {
	select {
	case dw.c <- d:
		return true
	case <-ctx.Done():
		return false
	}
}

// switchDeploy builds deploy d and swaps its graph in; a deploy that does
// not build or commit leaves the running program (and graph) in place.
// It returns the front end that runs now.
func switchDeploy(eng *runtime.Engine, fr *front, d *etcd.Deploy, deps *frontDeps, log *slog.Logger) *front {
	dir := filepath.Join(deps.varDir, "deploys", fmt.Sprint(d.ID))
	nf, err := func() (*front, error) {
		if err := writeDeploy(dir, d); err != nil {
			return nil, err
		}
		return deps.newFront(d.Frontend, filepath.Join(dir, filepath.FromSlash(d.Main)))
	}()
	if err == nil && !reloadGraph(eng, nf.load, deps.o, log) {
		nf.close()
		err = fmt.Errorf("its graph was rejected")
	}
	if err != nil {
		log.Error("deploy cannot be run; the running graph stays", "deploy", d.ID, "err", err)
		return fr
	}
	log.Info("switched to deploy", "deploy", d.ID, "frontend", d.Frontend)
	fr.close()
	if nf.publish != nil {
		nf.publish()
	} else if fr.publish != nil {
		deps.exports.publish(nil)
	}
	return nf
}

// writeDeploy writes d's files under dir.
func writeDeploy(dir string, d *etcd.Deploy) error {
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	for name, b := range d.Files {
		clean := filepath.Clean(filepath.FromSlash(name))
		if filepath.IsAbs(clean) || clean == ".." || strings.HasPrefix(clean, ".."+string(filepath.Separator)) {
			return fmt.Errorf("deploy %d: file %q is outside the deploy", d.ID, name)
		}
		p := filepath.Join(dir, clean)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}
