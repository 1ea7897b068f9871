package main

import (
	"github.com/mgmt-wasm/mgmt/internal/metrics"
	"github.com/mgmt-wasm/mgmt/internal/run"
	"github.com/spf13/cobra"
)

// bindMetricsAndTrust declares `mgmt run`'s Prometheus and plugin
// signature flags (persistent, as the others); internal/run starts the
// metrics server.
func bindMetricsAndTrust(cmd *cobra.Command, o *run.Options) {
	fl := cmd.PersistentFlags()
	fl.BoolVar(&o.Prometheus, "prometheus", false, "serve Prometheus metrics at http://ADDR/metrics (ADDR: --prometheus-listen)")
	fl.StringVar(&o.PrometheusListen, "prometheus-listen", metrics.DefaultListen, "address of the Prometheus metrics server")
	fl.BoolVar(&o.RequireSignature, "require-signature", false, "refuse to load an installed plugin without a valid signature by a trusted key")
	fl.StringVar(&o.TrustedKeys, "trusted-keys", "", "trusted-keys file of plugin signatures (default: PLUGIN-STORE/trusted-keys)")
}
