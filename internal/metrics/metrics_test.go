package metrics

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

type fakeEngine struct {
	n         int
	converged bool
}

func (f *fakeEngine) Len() int { return f.n }
func (f *fakeEngine) ConvergedState() (bool, <-chan struct{}) {
	return f.converged, make(chan struct{})
}

// scrape fetches /metrics from s and parses it.
func scrape(t *testing.T, s *Server) map[string]*dto.MetricFamily {
	t.Helper()
	resp, err := http.Get("http://" + s.Addr() + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("GET /metrics: %s: %s", resp.Status, b)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		t.Fatalf("parse /metrics: %v", err)
	}
	return fams
}

// find returns the metric of family name whose labels include want.
func find(fams map[string]*dto.MetricFamily, name string, want map[string]string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
next:
	for _, m := range f.Metric {
		for k, v := range want {
			found := false
			for _, l := range m.Label {
				if l.GetName() == k && l.GetValue() == v {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		return m
	}
	return nil
}

func TestServeScrapesWhatWasObserved(t *testing.T) {
	m := New()
	eng := &fakeEngine{n: 7, converged: true}
	m.SetEngine(eng)
	m.ObserveCall("core", "check_apply", 30*time.Microsecond, nil)
	m.ObserveCall("core", "check_apply", 40*time.Microsecond, errors.New("trap"))
	m.ObserveCall("core", "validate", time.Millisecond, nil)
	m.ObserveRestart("core")
	m.ObserveCheckApply("file", false, true, nil, time.Millisecond)
	m.ObserveCheckApply("file", true, false, nil, 2*time.Millisecond)
	m.ObserveCheckApply("file", true, false, errors.New("denied"), 3*time.Millisecond)

	s, err := m.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fams := scrape(t, s)

	counters := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"mgmt_plugin_calls_total", map[string]string{"plugin": "core", "verb": "check_apply"}, 2},
		{"mgmt_plugin_calls_total", map[string]string{"plugin": "core", "verb": "validate"}, 1},
		{"mgmt_plugin_call_errors_total", map[string]string{"plugin": "core", "verb": "check_apply"}, 1},
		{"mgmt_plugin_call_errors_total", map[string]string{"plugin": "core", "verb": "validate"}, 0},
		{"mgmt_plugin_instance_restarts_total", map[string]string{"plugin": "core"}, 1},
		{"mgmt_checkapply_total", map[string]string{"kind": "file", "apply": "false", "result": "ok"}, 1},
		{"mgmt_checkapply_total", map[string]string{"kind": "file", "apply": "true", "result": "changed"}, 1},
		{"mgmt_checkapply_total", map[string]string{"kind": "file", "apply": "true", "result": "error"}, 1},
	}
	for _, c := range counters {
		mt := find(fams, c.name, c.labels)
		if mt == nil {
			t.Errorf("%s%v: missing", c.name, c.labels)
			continue
		}
		if got := mt.GetCounter().GetValue(); got != c.want {
			t.Errorf("%s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	h := find(fams, "mgmt_plugin_call_duration_seconds", map[string]string{"plugin": "core", "verb": "check_apply"})
	if h == nil || h.GetHistogram().GetSampleCount() != 2 {
		t.Errorf("call latency histogram: %v", h)
	} else if sum := h.GetHistogram().GetSampleSum(); sum < 69e-6 || sum > 71e-6 {
		t.Errorf("call latency sum %v, want 70µs", sum)
	}
	h = find(fams, "mgmt_checkapply_duration_seconds", map[string]string{"kind": "file", "apply": "true"})
	if h == nil || h.GetHistogram().GetSampleCount() != 2 {
		t.Errorf("checkapply histogram: %v", h)
	}
	for name, want := range map[string]float64{"mgmt_resources": 7, "mgmt_converged": 1} {
		mt := find(fams, name, nil)
		if mt == nil || mt.GetGauge().GetValue() != want {
			t.Errorf("%s = %v, want %v", name, mt, want)
		}
	}
	if fams["go_goroutines"] == nil || fams["process_resident_memory_bytes"] == nil {
		t.Error("the Go and process collectors are missing")
	}

	// The gauges are read at scrape time.
	eng.n, eng.converged = 3, false
	fams = scrape(t, s)
	if v := find(fams, "mgmt_resources", nil).GetGauge().GetValue(); v != 3 {
		t.Errorf("mgmt_resources after a change = %v, want 3", v)
	}
	if v := find(fams, "mgmt_converged", nil).GetGauge().GetValue(); v != 0 {
		t.Errorf("mgmt_converged after a change = %v, want 0", v)
	}
}

func TestServeWithoutEngine(t *testing.T) {
	s, err := New().Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	fams := scrape(t, s)
	if v := find(fams, "mgmt_converged", nil).GetGauge().GetValue(); v != 0 {
		t.Errorf("converged with no engine = %v", v)
	}
	if err := s.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	if _, err := http.Get("http://" + s.Addr() + "/metrics"); err == nil || !strings.Contains(err.Error(), "refused") {
		t.Errorf("after Close a scrape got %v, want connection refused", err)
	}
}

func TestServeRefusesABusyAddress(t *testing.T) {
	s, err := New().Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := New().Serve(s.Addr()); err == nil || !strings.Contains(err.Error(), "listen on") {
		t.Errorf("a second server on %s: %v", s.Addr(), err)
	}
}

// Observations from many goroutines at once all count, each label set
// once.
func TestObserveConcurrently(t *testing.T) {
	m := New()
	const workers, each = 8, 500
	done := make(chan struct{})
	for w := range workers {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range each {
				m.ObserveCall("p", []string{"check", "apply"}[i%2], time.Microsecond, nil)
				m.ObserveCheckApply("k", w%2 == 0, true, nil, time.Microsecond)
			}
		}()
	}
	for range workers {
		<-done
	}
	s, err := m.Serve("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fams := scrape(t, s)
	for _, verb := range []string{"check", "apply"} {
		if v := find(fams, "mgmt_plugin_calls_total", map[string]string{"verb": verb}).GetCounter().GetValue(); v != workers*each/2 {
			t.Errorf("%s calls %v, want %d", verb, v, workers*each/2)
		}
	}
	for _, apply := range []string{"true", "false"} {
		if v := find(fams, "mgmt_checkapply_total", map[string]string{"apply": apply}).GetCounter().GetValue(); v != workers*each/2 {
			t.Errorf("apply=%s checks %v, want %d", apply, v, workers*each/2)
		}
	}
}
