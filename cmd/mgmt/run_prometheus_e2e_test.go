package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// metricsURL waits for the run's log line naming the metrics URL.
func metricsURL(t *testing.T, p *proc) string {
	t.Helper()
	re := regexp.MustCompile(`serving Prometheus metrics"? url=(http://127\.0\.0\.1:[0-9]+/metrics)`)
	var url string
	eventually(t, p, "the metrics URL in the log", func() string {
		m := re.FindStringSubmatch(p.stderr.String())
		if m == nil {
			return "not logged yet"
		}
		url = m[1]
		return ""
	})
	return url
}

// scrapeMetrics fetches and parses url.
func scrapeMetrics(url string) (map[string]*dto.MetricFamily, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	return parser.TextToMetricFamilies(resp.Body)
}

// value is the value of the counter, gauge or (sample count of the)
// histogram of family name whose labels include want; -1 if none.
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) float64 {
	f := fams[name]
	if f == nil {
		return -1
	}
	for _, m := range f.Metric {
		match := true
		for k, v := range want {
			found := false
			for _, l := range m.Label {
				found = found || (l.GetName() == k && l.GetValue() == v)
			}
			match = match && found
		}
		if !match {
			continue
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return -1
}

// mgmt run --prometheus serves the engine's figures and the plugins' for
// a real graph: resources, converged, CheckApply counts per kind, the
// first-party plugins' calls with their latency (the file kind's are the
// file module's); a drift shows up as one more change.
func TestRunServesPrometheusMetrics(t *testing.T) {
	tmp := t.TempDir()
	yml := writeYAML(t, tmp, "g.yaml", `graph: metrics
resources:
  file:
  - name: "{{D}}/a"
    state: exists
    content: "a\n"
  - name: "{{D}}/b"
    state: exists
    content: "b\n"
  noop:
  - name: n
`)
	p := start(t, "run", "--tmp-prefix", "--converger-timeout", "0", "--prometheus", "--prometheus-listen", "127.0.0.1:0", "yaml", yml)
	url := metricsURL(t, p)
	var fams map[string]*dto.MetricFamily
	eventually(t, p, "converged in the metrics", func() string {
		var err error
		if fams, err = scrapeMetrics(url); err != nil {
			return err.Error()
		}
		if v := value(fams, "mgmt_converged", nil); v != 1 {
			return fmt.Sprintf("mgmt_converged %v", v)
		}
		return ""
	})
	file := map[string]string{"kind": "file", "apply": "true"}
	changed := map[string]string{"kind": "file", "apply": "true", "result": "changed"}
	fileApply := map[string]string{"plugin": "file", "verb": "apply"}
	if v := value(fams, "mgmt_resources", nil); v != 3 {
		t.Errorf("mgmt_resources = %v, want 3", v)
	}
	if v := value(fams, "mgmt_checkapply_total", changed); v != 2 {
		t.Errorf("file CheckApply that changed something = %v, want 2 (one per file)", v)
	}
	if v := value(fams, "mgmt_checkapply_total", map[string]string{"kind": "file", "result": "error"}); v > 0 {
		t.Errorf("file CheckApply errors = %v", v)
	}
	if v := value(fams, "mgmt_checkapply_total", map[string]string{"kind": "noop", "apply": "true"}); v < 1 {
		t.Errorf("noop CheckApply = %v, want at least 1", v)
	}
	if h := value(fams, "mgmt_checkapply_duration_seconds", file); h < 2 {
		t.Errorf("file CheckApply durations observed: %v, want at least 2", h)
	}
	calls := value(fams, "mgmt_plugin_calls_total", fileApply)
	if calls < 2 {
		t.Errorf("file apply calls = %v, want at least 2", calls)
	}
	if h := value(fams, "mgmt_plugin_call_duration_seconds", fileApply); h != calls {
		t.Errorf("file apply latencies observed %v, calls %v", h, calls)
	}
	if v := value(fams, "mgmt_plugin_call_errors_total", fileApply); v != 0 {
		t.Errorf("file apply errors = %v", v)
	}
	for _, plugin := range []string{"core", "file"} {
		if v := value(fams, "mgmt_plugin_calls_total", map[string]string{"plugin": plugin, "verb": "describe"}); v != 1 {
			t.Errorf("%s describe calls = %v, want 1", plugin, v)
		}
	}
	if fams["go_goroutines"] == nil {
		t.Error("no Go runtime metrics")
	}

	// A drift: one more change of a file, and converged again.
	if err := os.WriteFile(filepath.Join(tmp, "a"), []byte("drifted"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFile(t, p, filepath.Join(tmp, "a"), "a\n", 0o644)
	eventually(t, p, "the repair in the metrics", func() string {
		fams, err := scrapeMetrics(url)
		if err != nil {
			return err.Error()
		}
		if v := value(fams, "mgmt_checkapply_total", changed); v != 3 {
			return fmt.Sprintf("file changes %v, want 3", v)
		}
		if v := value(fams, "mgmt_converged", nil); v != 1 {
			return fmt.Sprintf("mgmt_converged %v", v)
		}
		return ""
	})
	p.stop()
	if _, err := http.Get(url); err == nil {
		t.Error("the metrics server outlived mgmt")
	}
}

// Without --prometheus nothing listens; a busy address is an error
// before anything runs.
func TestRunPrometheusListen(t *testing.T) {
	tmp := t.TempDir()
	yml := writeYAML(t, tmp, "g.yaml", "graph: g\nresources:\n  noop:\n  - name: n\n")
	r := runMgmt(t, "run", "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "yaml", yml)
	requireExit(t, r, 0)
	if strings.Contains(r.stderr, "serving Prometheus metrics") {
		t.Errorf("metrics served without --prometheus:\n%s", r.stderr)
	}
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	r = runMgmt(t, "run", "--tmp-prefix", "--converged-exit", "--converger-timeout", "0", "--prometheus", "--prometheus-listen", busy.Addr().String(), "yaml", yml)
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "prometheus: listen on "+busy.Addr().String()) {
		t.Errorf("a busy address:\n%s", r.stderr)
	}
}
