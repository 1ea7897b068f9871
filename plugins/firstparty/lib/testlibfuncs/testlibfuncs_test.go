package testlibfuncs

import (
	"strings"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

// step is one call in a sequence: its arguments and the result it must
// give (a value's mcl syntax) or the text its error must contain, and the
// interval watch it must ask for (0: none).
type step struct {
	args    []hostabi.Value
	want    string
	wantErr string
	watchMS uint64
}

// runSteps calls the function called name with each step's arguments, in
// order, on a fresh instance state.
func runSteps(t *testing.T, name string, steps []step) {
	t.Helper()
	st = newState()
	f := fakehost.Find(t, Funcs(), name)
	for i, s := range steps {
		c := &lib.Call{Args: s.args}
		v, err := f.Impl(c)
		switch {
		case s.wantErr != "":
			if err == nil || !strings.Contains(err.Error(), s.wantErr) {
				t.Fatalf("%s call %d: got %v, %v; want an error containing %q", name, i, v, err, s.wantErr)
			}
		case err != nil:
			t.Fatalf("%s call %d: %v", name, i, err)
		case v.String() != s.want:
			t.Fatalf("%s call %d = %s, want %s", name, i, v, s.want)
		}
		var ms []uint64
		for _, w := range c.Watches() {
			if w.Kind != hostabi.WatchInterval {
				t.Fatalf("%s call %d watches %v, want intervals only", name, i, w)
			}
			ms = append(ms, w.IntervalMS)
		}
		switch {
		case s.watchMS == 0 && len(ms) != 0:
			t.Fatalf("%s call %d watches %v, want none", name, i, ms)
		case s.watchMS != 0 && (len(ms) != 1 || ms[0] != s.watchMS):
			t.Fatalf("%s call %d watches %v ms, want [%d]", name, i, ms, s.watchMS)
		}
	}
}

func TestSequences(t *testing.T) {
	i := func(n int64) []hostabi.Value { return []hostabi.Value{hostabi.IntValue(n)} }
	tests := []struct {
		name  string
		steps []step
	}{
		{"test.one_instance_a", []step{{want: `"hello"`}, {wantErr: "called a second time"}, {wantErr: "called a second time"}}},
		{"test.one_instance_b", []step{{want: `"hello"`}, {wantErr: "test.one_instance_b: called a second time"}}},
		{"test.one_instance_h", []step{{want: `"hello"`}, {wantErr: "called a second time"}}},
		{"test.one_stream", []step{
			{args: i(13), want: `"xxxxxxxxxxxxx"`},
			{args: i(3), want: `"xxx"`},
			{args: i(0), want: `""`},
			{args: i(13), wantErr: "got the input 13 a second time"},
			{args: i(-1), wantErr: "negative count"},
			{args: i(1<<20 + 1), wantErr: "exceeds"},
			{args: []hostabi.Value{hostabi.StrValue("13")}, wantErr: "argument 0"},
			{wantErr: "argument 0 is missing"},
		}},
		{"test.fastcount", []step{{want: "0", watchMS: 1}, {want: "1", watchMS: 1}, {want: "2", watchMS: 1}}},
		{"test.forloop", []step{{want: `["foo"]`, watchMS: 5000}, {want: `["bar"]`, watchMS: 5000}, {want: `["bar"]`, watchMS: 5000}}},
		{"test.forkvloop", []step{{want: `{"foo" => "bar"}`, watchMS: 5000}, {want: `{"foo" => "bar"}`, watchMS: 5000}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { runSteps(t, tt.name, tt.steps) })
	}
}

// TestOneInstanceSeparate checks that each one_instance function keeps
// its own record: calling a does not use up b.
func TestOneInstanceSeparate(t *testing.T) {
	st = newState()
	for _, letter := range "abcdefgh" {
		f := fakehost.Find(t, Funcs(), "test.one_instance_"+string(letter))
		if v, err := f.Impl(&lib.Call{}); err != nil || v != hostabi.StrValue("hello") {
			t.Fatalf("%s = %v, %v on its first call", f.Name, v, err)
		}
	}
}

func TestSlowString(t *testing.T) {
	var slept []time.Duration
	sleep = func(d time.Duration) { slept = append(slept, d) }
	t.Cleanup(func() { sleep = time.Sleep })
	v, err := fakehost.Find(t, Funcs(), "test.slow_string").Impl(&lib.Call{})
	if err != nil || v != hostabi.StrValue("five seconds has elapsed") {
		t.Fatalf("test.slow_string = %v, %v", v, err)
	}
	if len(slept) != 1 || slept[0] != 5*time.Second {
		t.Fatalf("test.slow_string slept %v, want [5s]", slept)
	}
}

// TestSigs checks the names, signatures and purity against
// functions.tsv's rows for the test package.
func TestSigs(t *testing.T) {
	want := map[string]struct {
		sig  string
		pure bool
	}{
		"test.fastcount":      {"func() int", false},
		"test.forkvloop":      {"func() map{str: str}", false},
		"test.forloop":        {"func() []str", false},
		"test.one_instance_a": {"func() str", false},
		"test.one_instance_b": {"func() str", true},
		"test.one_instance_c": {"func() str", false},
		"test.one_instance_d": {"func() str", true},
		"test.one_instance_e": {"func() str", false},
		"test.one_instance_f": {"func() str", true},
		"test.one_instance_g": {"func() str", false},
		"test.one_instance_h": {"func() str", true},
		"test.one_stream":     {"func(count int) str", false},
		"test.slow_string":    {"func() str", false},
	}
	fs := Funcs()
	if len(fs) != len(want) {
		t.Errorf("Funcs() has %d functions, want %d", len(fs), len(want))
	}
	for _, f := range fs {
		w, ok := want[f.Name]
		if !ok {
			t.Errorf("unexpected function %s", f.Name)
			continue
		}
		if f.Sig != w.sig || f.Pure != w.pure {
			t.Errorf("%s: sig %q pure %v, want %q %v", f.Name, f.Sig, f.Pure, w.sig, w.pure)
		}
		if _, err := hostabi.ParseType(f.Sig); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}
