package run

import (
	"log/slog"

	"github.com/mgmt-wasm/mgmt/internal/metrics"
	"github.com/mgmt-wasm/mgmt/plugins/wasmhost"
	"github.com/mgmt-wasm/mgmt/runtime"
)

// The metrics are what the engine and the plugin hosts tell.
var (
	_ runtime.Observer  = (*metrics.Metrics)(nil)
	_ wasmhost.Observer = (*metrics.Metrics)(nil)
)

// MetricsOptions are `mgmt run`'s Prometheus settings.
type MetricsOptions struct {
	// Prometheus serves the metrics at http://PrometheusListen/metrics.
	Prometheus bool
	// PrometheusListen is the address to listen on (default
	// metrics.DefaultListen; port 0 picks a free port, which is logged).
	PrometheusListen string

	met *metrics.Metrics // set by startMetrics when Prometheus is on
}

// TrustOptions are `mgmt run`'s plugin signature settings.
type TrustOptions struct {
	// RequireSignature refuses to load an installed plugin without a
	// valid signature by a trusted key.
	RequireSignature bool
	// TrustedKeys is the trusted-keys file (default: the plugin store's).
	TrustedKeys string
}

// startMetrics starts the metrics server when --prometheus is on, and
// returns the function that stops it.
func (o *Options) startMetrics(log *slog.Logger) (func(), error) {
	if !o.Prometheus {
		return func() {}, nil
	}
	addr := o.PrometheusListen
	if addr == "" {
		addr = metrics.DefaultListen
	}
	o.met = metrics.New()
	srv, err := o.met.Serve(addr)
	if err != nil {
		return nil, err
	}
	log.Info("serving Prometheus metrics", "url", "http://"+srv.Addr()+"/metrics")
	return func() {
		if err := srv.Close(); err != nil {
			log.Warn("prometheus server", "err", err)
		}
	}, nil
}

// pluginObserver is what the plugin hosts tell (nil without metrics).
func (o *Options) pluginObserver() wasmhost.Observer {
	if o.met == nil {
		return nil
	}
	return o.met
}

// engineObserver is what the engine tells (nil without metrics).
func (o *Options) engineObserver() runtime.Observer {
	if o.met == nil {
		return nil
	}
	return o.met
}

// watchEngine makes the engine-wide gauges read eng.
func (o *Options) watchEngine(eng *runtime.Engine) {
	if o.met != nil {
		o.met.SetEngine(eng)
	}
}
