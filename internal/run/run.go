// Package run is `mgmt run`: it loads a graph from a front end, runs it on
// the engine until it is told to stop (a signal, --converged-exit,
// --max-runtime), reloads it when its source changes, and shuts down
// cleanly.
package run

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/mgmt-wasm/mgmt/etcd"
	"github.com/mgmt-wasm/mgmt/internal/exitkind"
	"github.com/mgmt-wasm/mgmt/internal/langrun"
	"github.com/mgmt-wasm/mgmt/internal/worldkinds"
	"github.com/mgmt-wasm/mgmt/plugins/hostwatch"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// Front ends `mgmt run` accepts.
const (
	FrontendYAML  = "yaml"
	FrontendLang  = "lang"
	FrontendEmpty = "empty"
)

// ErrNotBuilt is returned for a front end this build does not have yet.
var ErrNotBuilt = errors.New("not available in this build")

// Options are the settings of one `mgmt run`.
type Options struct {
	// Frontend is yaml, lang or empty; Path is its input.
	Frontend, Path string
	// Hostname is the node's name (default: the OS hostname).
	Hostname string
	// Prefix is the state directory; TmpPrefix uses a fresh temporary one,
	// AllowTmpPrefix falls back to one when Prefix cannot be used.
	Prefix                    string
	TmpPrefix, AllowTmpPrefix bool
	// ConvergerTimeout in seconds (negative: off); ConvergedExit exits once
	// converged; ConvergerStatusFile receives each converged-state change.
	ConvergerTimeout    int
	ConvergedExit       bool
	ConvergerStatusFile string
	// MaxRuntime in seconds stops the run (0: no limit).
	MaxRuntime int
	// Noop, Sema, NoAutoEdges and NoAutoGroup apply to the whole graph.
	Noop                     bool
	Sema                     int
	NoAutoEdges, NoAutoGroup bool
	// NoWatch runs the graph as first loaded: its source is not watched.
	NoWatch bool
	// Graphviz writes the running graph in DOT to this file after each
	// commit; GraphvizFilter (dot, neato, ...) also renders it to FILE.png.
	Graphviz, GraphvizFilter string
	// PluginStore is the folder of installed plugins (default:
	// store.DefaultDir()).
	PluginStore string
	// Debug logs every engine step.
	Debug bool
	// Log receives the log (default os.Stderr).
	Log io.Writer

	// The cluster (cluster.go).
	ClusterOptions

	// Prometheus and plugin signatures (metrics.go).
	MetricsOptions
	TrustOptions
}

// Run runs the graph until ctx ends or an exit condition is met. A graph
// that cannot be loaded is an error before anything runs. Run returns an
// error naming the resources that failed for good, if any did.
func Run(ctx context.Context, o Options) (err error) {
	if o.Log == nil {
		o.Log = os.Stderr
	}
	level := slog.LevelInfo
	if o.Debug {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(o.Log, &slog.HandlerOptions{Level: level}))
	if o.Hostname == "" {
		if o.Hostname, err = os.Hostname(); err != nil {
			return fmt.Errorf("hostname: %w", err)
		}
	}
	pfx, err := openPrefix(o.Prefix, o.TmpPrefix, o.AllowTmpPrefix)
	if err != nil {
		return err
	}
	defer pfx.close()
	stopMetrics, err := o.startMetrics(log) // metrics.go
	if err != nil {
		return err
	}
	defer stopMetrics()

	watcher, err := hostwatch.New()
	if err != nil {
		return fmt.Errorf("file watcher: %w", err)
	}
	defer watcher.Close()
	cl, err := startCluster(o, pfx.varDir(), log)
	if err != nil {
		return err
	}
	defer cl.close(log) // after the engine: its resources may need the cluster to close
	if len(o.ClusterOptions.Seeds) > 0 || o.Frontend == FrontendEmpty {
		cl.start() // a node that joins others, or has nothing else to do, joins at once
	}
	exits := exitkind.New()
	reg, closePlugins, err := kinds(ctx, o, watcher, exits, clusterKV{cl}, log)
	if err != nil {
		return err
	}
	defer closePlugins()

	if err := reg.Add("the cluster", worldkinds.New(cl.World)); err != nil {
		return err
	}
	deps := &frontDeps{ctx: ctx, o: o, reg: reg, watcher: watcher, varDir: pfx.varDir(), cluster: cl, log: log,
		exports: &exporter{cluster: cl, ctx: ctx, log: log}}
	fr, err := deps.newFront(o.Frontend, o.Path)
	if err != nil {
		return err
	}
	defer func() { fr.close() }()
	g, err := fr.load()
	if err != nil {
		return err // nothing has run
	}
	log.Info("starting", "hostname", o.Hostname, "prefix", pfx.dir, "resources", len(g.Nodes))

	timeout := time.Duration(o.ConvergerTimeout) * time.Second
	if o.ConvergerTimeout < 0 {
		timeout = -1
	}
	eng := runtime.New(runtime.Config{
		Hostname:         o.Hostname,
		VarDir:           pfx.varDir(),
		Noop:             o.Noop,
		Sema:             o.Sema,
		NoAutoEdges:      o.NoAutoEdges,
		NoAutoGroup:      o.NoAutoGroup,
		ConvergerTimeout: timeout,
		Logger:           log,
		Debug:            o.Debug,
		Observer:         o.engineObserver(), // metrics.go
	})
	o.watchEngine(eng) // metrics.go
	defer func() {
		// Read the failures before Close, which drops the vertices.
		failures := eng.Failures()
		if cerr := eng.Close(); cerr != nil && err == nil {
			err = cerr
		}
		if err == nil {
			err = failuresError(failures)
		}
		log.Info("stopped")
	}()
	if err := commit(eng, g, o, log); err != nil {
		return err
	}
	if fr.publish != nil {
		fr.publish()
	}
	lazy := time.AfterFunc(lazyStart, cl.start)
	defer lazy.Stop()
	var deploys <-chan *etcd.Deploy
	if !o.NoDeployWatch {
		dw := watchDeploys(ctx, cl, o.Frontend == FrontendEmpty, deps, log)
		defer dw.stop()
		deploys = dw.c
	}
	var deadline <-chan time.Time
	if o.MaxRuntime > 0 {
		t := time.NewTimer(time.Duration(o.MaxRuntime) * time.Second)
		defer t.Stop()
		deadline = t.C
	}
	status := newStatusWriter(o.ConvergerStatusFile, log)
	reported := false // the converged state last reported
	for {
		converged, changed := eng.ConvergedState()
		if converged != reported {
			reported = converged
			status.write(converged)
			if converged && o.ConvergedExit {
				log.Info("converged, exiting")
				return nil
			}
		}
		select {
		case <-ctx.Done():
			log.Info("interrupted, shutting down")
			return nil
		case <-deadline:
			log.Info("max runtime reached, shutting down", "seconds", o.MaxRuntime)
			return nil
		case code := <-exits.Requests():
			log.Info("an exit resource asked to exit, shutting down", "status", code)
			if code != 0 {
				return &ExitError{Code: code}
			}
			return nil
		case <-fr.changed:
			if fr.refresh(eng) && fr.publish != nil {
				fr.publish()
			}
		case d := <-deploys:
			fr = switchDeploy(eng, fr, d, deps, log)
		case <-changed:
		}
	}
}

// commit swaps the graph in and writes the graphviz file if asked.
func commit(eng *runtime.Engine, g *runtime.Graph, o Options, log *slog.Logger) error {
	if err := eng.Commit(g); err != nil {
		return err
	}
	if o.Graphviz != "" {
		if err := writeGraphviz(eng.Graph(), o, log); err != nil {
			log.Warn("graphviz", "err", err)
		}
	}
	return nil
}

// reloadGraph builds the graph again after its source changed; a graph that
// does not load or commit leaves the running one in place, and reloadGraph
// reports false.
func reloadGraph(eng *runtime.Engine, load func() (*runtime.Graph, error), o Options, log *slog.Logger) bool {
	eng.BeginBuild()
	defer eng.EndBuild()
	g, err := load()
	if err == nil {
		err = commit(eng, g, o, log)
	}
	if err != nil {
		log.Error("the changed graph was rejected; the running graph stays", "err", err)
		return false
	}
	// At debug level: the engine's "graph committed" line already tells
	// of the swap, and each line is a write on the path of every change.
	log.Debug("graph reloaded", "path", o.Path)
	return true
}

// reloadLang evaluates the program again after one of its sources
// changed. An evaluation that declares the same graph as the running one
// changes nothing (and does not count as building, so a program reading
// the time every second still converges); one that fails, or whose graph
// does not commit, leaves the running graph in place.
func reloadLang(ctx context.Context, eng *runtime.Engine, prog *langrun.Program, sync func(), o Options, log *slog.Logger) bool {
	g, changed, err := prog.Changed(ctx)
	sync()
	if err == nil && !changed {
		return false
	}
	if !reloadGraph(eng, func() (*runtime.Graph, error) { return g, err }, o, log) {
		prog.Forget()
		return false
	}
	return true
}

// failuresError lists the resources that failed for good.
func failuresError(f map[string]error) error {
	if len(f) == 0 {
		return nil
	}
	ids := make([]string, 0, len(f))
	for id := range f {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	lines := make([]string, len(ids))
	for i, id := range ids {
		lines[i] = "  " + f[id].Error()
	}
	return fmt.Errorf("%d resource(s) failed:\n%s", len(ids), strings.Join(lines, "\n"))
}
