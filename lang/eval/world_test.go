package eval_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang/eval"
)

// fakeWorld is a cluster in memory; every read watches the key "kv/"+what.
type fakeWorld struct {
	vals      map[string]string
	maps      map[string]map[string]string
	scheduled map[string][]string
	exported  []eval.Collected
	// asked are the options each namespace was joined with.
	asked map[string]map[string]hostabi.Value
	reads int
}

func watch(key string) []hostabi.WatchSpec {
	return []hostabi.WatchSpec{{Kind: hostabi.WatchKV, Key: "kv/" + key}}
}

func (w *fakeWorld) GetVal(key string) (string, bool, []hostabi.WatchSpec, error) {
	w.reads++
	v, ok := w.vals[key]
	return v, ok, watch(key), nil
}

func (w *fakeWorld) KVLookup(ns string) (map[string]string, []hostabi.WatchSpec, error) {
	w.reads++
	return w.maps[ns], watch(ns), nil
}

func (w *fakeWorld) Schedule(ns string, opts map[string]hostabi.Value) ([]string, []hostabi.WatchSpec, error) {
	w.reads++
	if opts != nil {
		w.asked[ns] = opts
	}
	return w.scheduled[ns], watch(ns), nil
}

func (w *fakeWorld) Collect(kind string) ([]eval.Collected, []hostabi.WatchSpec, error) {
	w.reads++
	var out []eval.Collected
	for _, c := range w.exported {
		if c.Kind == kind {
			out = append(out, c)
		}
	}
	return out, watch("exported"), nil
}

// compileWorld compiles src with w as the cluster (nil: none).
func compileWorld(t *testing.T, src string, w eval.World) *eval.Engine {
	t.Helper()
	return compileWith(t, src, eval.Options{Hostname: "h1", World: w})
}

// invalidateKV marks the reads watching "kv/"+key as changed.
func invalidateKV(t *testing.T, e *eval.Engine, key string) {
	t.Helper()
	n := 0
	for _, s := range e.Sources() {
		if slices.ContainsFunc(s.Watches, func(w hostabi.WatchSpec) bool { return w.Key == "kv/"+key }) {
			e.Invalidate(s.Key)
			n++
		}
	}
	if n == 0 {
		t.Fatalf("nothing watches kv/%s; sources: %v", key, e.Sources())
	}
}

func newFakeWorld() *fakeWorld {
	return &fakeWorld{vals: map[string]string{}, maps: map[string]map[string]string{},
		scheduled: map[string][]string{}, asked: map[string]map[string]hostabi.Value{}}
}

func TestWorldGetvalFollowsTheStore(t *testing.T) {
	w := newFakeWorld()
	e := compileWorld(t, `import "world"
$v = world.getval("k")
res if $v->exists { $v->value } else { "missing" } {}
`, w)
	if got := strings.Join(graph(t, e), " "); got != "res[missing]" {
		t.Fatalf("before the key exists: %s", got)
	}
	graph(t, e)
	if w.reads != 1 {
		t.Fatalf("%d reads for two evaluations without change, want 1", w.reads)
	}
	w.vals["k"] = "set"
	invalidateKV(t, e, "k")
	if got := strings.Join(graph(t, e), " "); got != "res[set]" {
		t.Fatalf("after the key was set: %s", got)
	}
}

func TestWorldKVLookupAndSchedule(t *testing.T) {
	w := newFakeWorld()
	w.maps["ns"] = map[string]string{"h2": "b", "h1": "a"}
	w.scheduled["xsched"] = []string{"h1", "h3"}
	e := compileWorld(t, `import "world"
$m = world.kvlookup("ns")
$opts = struct{strategy => "rr", max => 2, ttl => 10,}
$set = world.schedule("xsched", $opts)
for $i, $h in $set {
	res "sched-${h}" {}
}
res "h1=" + $m["h1"] + ",h2=" + $m["h2"] {}
if $hostname in world.schedule("xsched") {
	res "i got scheduled" {}
}
`, w)
	got := graph(t, e)
	want := []string{"res[h1=a,h2=b]", "res[i got scheduled]", "res[sched-h1]", "res[sched-h3]"}
	if !slices.Equal(got, want) {
		t.Fatalf("graph %v, want %v", got, want)
	}
	opts := w.asked["xsched"]
	if opts["strategy"] != hostabi.StrValue("rr") || opts["max"] != hostabi.IntValue(2) || opts["ttl"] != hostabi.IntValue(10) {
		t.Fatalf("the two-argument form asked with %v", opts)
	}
	// The slot moves away from h1.
	w.scheduled["xsched"] = []string{"h2", "h3"}
	invalidateKV(t, e, "xsched")
	got = graph(t, e)
	if slices.Contains(got, "res[i got scheduled]") || !slices.Contains(got, "res[sched-h2]") {
		t.Fatalf("after the schedule changed: %v", got)
	}
}

func TestCollectTakesExportedParamsAndTheBody(t *testing.T) {
	w := newFakeWorld()
	w.exported = []eval.Collected{
		{Kind: "res", Name: "a", Host: "h2", Params: map[string]hostabi.Value{"s": hostabi.StrValue("from-h2"), "i": hostabi.IntValue(7)}},
		{Kind: "res", Name: "b", Host: "h3", Params: map[string]hostabi.Value{"s": hostabi.StrValue("not selected")}},
		{Kind: "res", Name: "c", Host: "h3", Params: map[string]hostabi.Value{"s": hostabi.StrValue("from-h3")}},
	}
	e := compileWorld(t, `import "world/collect"
collect res ["a"] {
	s => "override",
}
collect res [struct{name => "c", host => "h3"}, struct{name => "b", host => "h9"}] {}
for $i, $x in collect.res("res") {
	res "listed-" + $x->name + "@" + $x->host {}
}
`, w)
	out, err := e.Eval(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*eval.Resource{}
	for _, r := range out.Resources {
		byName[r.Name] = r
	}
	a := byName["a"]
	if a == nil || a.Params["s"] != hostabi.StrValue("override") || a.Params["i"] != hostabi.IntValue(7) {
		t.Fatalf("collected a = %+v, want the exported i and the body's s", a)
	}
	if c := byName["c"]; c == nil || c.Params["s"] != hostabi.StrValue("from-h3") {
		t.Fatalf("collected c by name and host = %+v", c)
	}
	if byName["b"] != nil {
		t.Fatal("b was collected, but it was selected from another host")
	}
	if byName["listed-a@h2"] == nil || byName["listed-b@h3"] == nil || byName["listed-c@h3"] == nil {
		t.Fatalf("world/collect.res did not list the three exports: %v", graph(t, e))
	}
}

func TestWorldFunctionsWithoutACluster(t *testing.T) {
	e := compileWorld(t, `import "world"
collect res ["a"] {}
$v = world.getval("k")
res $v->value {}
`, nil)
	_, err := e.Eval(t.Context())
	if !errors.Is(err, eval.ErrNoWorld) {
		t.Fatalf("error %v, want ErrNoWorld", err)
	}
	e = compileWorld(t, `import "world"
collect res ["a"] {}
$v = world.getval("k") <|> struct{value => "fallback", exists => false,}
res $v->value {}
`, nil)
	if got := strings.Join(graph(t, e), " "); got != "res[fallback]" {
		t.Fatalf("a caught world error and an empty collect: %s", got)
	}
}
