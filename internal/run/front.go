package run

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/internal/langrun"
	"github.com/mgmt-wasm/mgmt/internal/yamlgraph"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/plugins/registry"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// front is the running program: where its graphs come from and what says
// that they may have changed. A deploy replaces it.
type front struct {
	// load gives the first graph.
	load func() (*runtime.Graph, error)
	// changed fires when the source may have changed; refresh then
	// builds and commits the new graph, reporting whether one was
	// committed.
	changed <-chan struct{}
	refresh func(eng *runtime.Engine) bool
	// publish exports the resources of the committed graph (lang only).
	publish func()
	close   func()
}

// frontDeps are what every front end is built with.
type frontDeps struct {
	ctx     context.Context
	o       Options
	reg     *registry.Registry
	watcher *hostwatch.Watcher
	varDir  string
	cluster *cluster
	exports *exporter
	log     *slog.Logger
}

// exporter publishes the node's exported resources in the background,
// one set at a time, the newest last.
type exporter struct {
	cluster *cluster
	ctx     context.Context
	log     *slog.Logger

	mu      sync.Mutex
	pending []etcd.Exported
	has     bool
	running bool
	// any is set once something was exported: until then an empty set
	// needs no cluster.
	any bool
}

// publish makes res the node's exports soon.
func (x *exporter) publish(res []etcd.Exported) {
	x.mu.Lock()
	if len(res) == 0 && !x.any {
		x.mu.Unlock()
		return
	}
	x.any = true
	x.pending, x.has = res, true
	if x.running {
		x.mu.Unlock()
		return
	}
	x.running = true
	x.mu.Unlock()
	go func() {
		for {
			x.mu.Lock()
			if !x.has {
				x.running = false
				x.mu.Unlock()
				return
			}
			res := x.pending
			x.has = false
			x.mu.Unlock()
			w, err := x.cluster.World(x.ctx)
			if err == nil {
				err = w.Export(res)
			}
			if err != nil && len(res) > 0 {
				x.log.Error("the exported resources could not be published", "err", err)
			}
		}
	}()
}

// newFront compiles or loads frontend's input at path.
func (d *frontDeps) newFront(frontend, path string) (*front, error) {
	o := d.o
	o.Frontend, o.Path = frontend, path
	switch frontend {
	case FrontendEmpty:
		return &front{load: func() (*runtime.Graph, error) { return &runtime.Graph{}, nil }, close: func() {}}, nil
	case FrontendYAML:
		load := func() (*runtime.Graph, error) { return yamlgraph.Load(path, d.reg) }
		f := &front{load: load, close: func() {}}
		f.refresh = func(eng *runtime.Engine) bool { return reloadGraph(eng, load, o, d.log) }
		if !o.NoWatch {
			reload := make(chan struct{}, 1)
			cancel, err := d.watcher.Watch(path, func() {
				select {
				case reload <- struct{}{}:
				default:
				}
			})
			if err != nil {
				return nil, fmt.Errorf("watch %s: %w", path, err)
			}
			f.changed, f.close = reload, cancel
		}
		return f, nil
	case FrontendLang:
		return d.langFront(o, path)
	}
	return nil, fmt.Errorf("unknown front end %q: want lang, yaml or empty", frontend)
}

// langFront compiles an mcl program; its sources (files, the time, the
// cluster's keys) say when to evaluate it again.
func (d *frontDeps) langFront(o Options, path string) (*front, error) {
	world := langrun.NewClusterWorld(d.cluster.World)
	prog, err := langrun.Compile(path, langrun.Options{Kinds: d.reg, Hostname: o.Hostname, VarDir: d.varDir, World: world})
	if err != nil {
		return nil, err
	}
	sources := langrun.NewSources(prog.Engine(), d.watcher, func(key string, err error) {
		d.log.Warn("a function's watch could not be set up; its value will not follow changes", "err", err)
	})
	sources.WatchKV(world)
	sync := func() {
		sources.Sync()
		world.Retain(prog.Engine().Sources())
	}
	f := &front{changed: sources.Changed()}
	f.load = func() (*runtime.Graph, error) {
		g, err := prog.Graph(d.ctx)
		sync()
		return g, err
	}
	f.refresh = func(eng *runtime.Engine) bool { return reloadLang(d.ctx, eng, prog, sync, o, d.log) }
	f.publish = func() {
		res, err := prog.Exports()
		if err != nil {
			d.log.Error("export", "err", err)
			return
		}
		d.exports.publish(res)
	}
	f.close = func() {
		sources.Close()
		world.Close()
	}
	return f, nil
}
