// Package metrics defines mgmt's Prometheus metrics and serves them. The
// engine (runtime) and the plugin host (plugins/wasmhost) do not import
// Prometheus: they call the small observer interfaces they declare
// (runtime.Observer, wasmhost.Observer), which *Metrics implements, and
// the engine-wide gauges read the running engine at scrape time.
package metrics

import (
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
)

// Namespace prefixes every metric name.
const Namespace = "mgmt"

// Engine is what the gauges read from the running engine at scrape time.
type Engine interface {
	// Len is the number of resources in the running graph.
	Len() int
	// ConvergedState reports whether the engine is converged now.
	ConvergedState() (bool, <-chan struct{})
}

// Metrics holds mgmt's metrics in a registry of its own (with the Go
// runtime's and the process's collectors).
type Metrics struct {
	reg *prometheus.Registry

	calls, callErrors *prometheus.CounterVec
	callSeconds       *prometheus.HistogramVec
	restarts          *prometheus.CounterVec
	checkApply        *prometheus.CounterVec
	checkApplySeconds *prometheus.HistogramVec

	engine atomic.Pointer[Engine]

	// The children of each label set, looked up once so that an
	// observation neither hashes its labels nor allocates.
	mu    sync.RWMutex
	verbs map[verbKey]*verbMetrics
	kinds map[kindKey]*kindMetrics
}

type verbKey struct{ plugin, verb string }

// verbMetrics are the children of one plugin and verb.
type verbMetrics struct {
	calls, errors prometheus.Counter
	seconds       prometheus.Observer
}

type kindKey struct {
	kind   string
	apply  bool
	result string
}

// kindMetrics are the children of one kind, apply and result.
type kindMetrics struct {
	count   prometheus.Counter
	seconds prometheus.Observer
}

// cached returns the children for key in cache, making them with mk the
// first time.
func cached[K comparable, V any](m *Metrics, cache map[K]V, key K, mk func() V) V {
	m.mu.RLock()
	v, ok := cache[key]
	m.mu.RUnlock()
	if ok {
		return v
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if v, ok = cache[key]; !ok {
		v = mk()
		cache[key] = v
	}
	return v
}

// New registers every metric in a new registry.
func New() *Metrics {
	m := &Metrics{
		reg:   prometheus.NewRegistry(),
		verbs: map[verbKey]*verbMetrics{},
		kinds: map[kindKey]*kindMetrics{},
		calls: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "plugin", Name: "calls_total",
			Help: "Calls into plugin modules, by plugin and verb (export).",
		}, []string{"plugin", "verb"}),
		callErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "plugin", Name: "call_errors_total",
			Help: "Plugin calls that failed at the host (trap, deadline, memory cap, bad response), by plugin and verb.",
		}, []string{"plugin", "verb"}),
		callSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Subsystem: "plugin", Name: "call_duration_seconds",
			Help:    "Latency of plugin calls, by plugin and verb.",
			Buckets: prometheus.ExponentialBuckets(10e-6, 4, 10), // 10µs .. 2.6s
		}, []string{"plugin", "verb"}),
		restarts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Subsystem: "plugin", Name: "instance_restarts_total",
			Help: "Plugin instances thrown away after a failed call (and made again on the next), by plugin.",
		}, []string{"plugin"}),
		checkApply: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: Namespace, Name: "checkapply_total",
			Help: "CheckApply calls by kind, apply (false: check only) and result (ok: the state was correct, changed, error).",
		}, []string{"kind", "apply", "result"}),
		checkApplySeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: Namespace, Name: "checkapply_duration_seconds",
			Help:    "Duration of CheckApply calls by kind and apply.",
			Buckets: prometheus.ExponentialBuckets(50e-6, 4, 10), // 50µs .. 13s
		}, []string{"kind", "apply"}),
	}
	m.reg.MustRegister(m.calls, m.callErrors, m.callSeconds, m.restarts, m.checkApply, m.checkApplySeconds,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: Namespace, Name: "resources",
			Help: "Resources in the running graph.",
		}, func() float64 {
			if e := m.engine.Load(); e != nil {
				return float64((*e).Len())
			}
			return 0
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Namespace: Namespace, Name: "converged",
			Help: "1 when every resource has been converged for the converger timeout, else 0.",
		}, func() float64 {
			if e := m.engine.Load(); e != nil {
				if ok, _ := (*e).ConvergedState(); ok {
					return 1
				}
			}
			return 0
		}),
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// Registry is the registry the metrics are in.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// SetEngine makes the resources and converged gauges read e.
func (m *Metrics) SetEngine(e Engine) { m.engine.Store(&e) }

// ObserveCall records one plugin call (wasmhost.Observer).
func (m *Metrics) ObserveCall(plugin, verb string, d time.Duration, err error) {
	vm := cached(m, m.verbs, verbKey{plugin, verb}, func() *verbMetrics {
		return &verbMetrics{
			calls:   m.calls.WithLabelValues(plugin, verb),
			errors:  m.callErrors.WithLabelValues(plugin, verb),
			seconds: m.callSeconds.WithLabelValues(plugin, verb),
		}
	})
	vm.calls.Inc()
	if err != nil {
		vm.errors.Inc()
	}
	vm.seconds.Observe(d.Seconds())
}

// ObserveRestart records that an instance of plugin was thrown away
// (wasmhost.Observer).
func (m *Metrics) ObserveRestart(plugin string) { m.restarts.WithLabelValues(plugin).Inc() }

// ObserveCheckApply records one CheckApply (runtime.Observer): checkOK is
// what it returned.
func (m *Metrics) ObserveCheckApply(kind string, apply, checkOK bool, err error, d time.Duration) {
	result := "ok"
	switch {
	case err != nil:
		result = "error"
	case !checkOK:
		result = "changed"
	}
	km := cached(m, m.kinds, kindKey{kind, apply, result}, func() *kindMetrics {
		a := strconv.FormatBool(apply)
		return &kindMetrics{
			count:   m.checkApply.WithLabelValues(kind, a, result),
			seconds: m.checkApplySeconds.WithLabelValues(kind, a),
		}
	})
	km.count.Inc()
	km.seconds.Observe(d.Seconds())
}
