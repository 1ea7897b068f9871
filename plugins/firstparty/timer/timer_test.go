package timer_test

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// A one-second timer notifies a refresh_only print on each tick, so the
// print logs again and again; the first check (the timer starting) is not
// a tick.
func TestTimerRefreshesChildren(t *testing.T) {
	env := fptest.New(t)
	env.Start(t, `
graph: test
resources:
  timer:
  - name: tick
    interval: 1
  print:
  - name: p
    msg: the timer ticked
    refresh_only: true
edges:
- from: {kind: timer, name: tick}
  to: {kind: print, name: p}
  notify: true
`)
	fptest.Eventually(t, "two ticks printed", func() bool { return env.Log.Count("print[p]: the timer ticked") >= 2 })
	if env.Log.Count("timer[tick]: received tick") < 2 {
		t.Errorf("the timer did not log its ticks:\n%s", env.Log)
	}
}

// A tick reaches a test resource as a notification too.
func TestTimerNotifiesTest(t *testing.T) {
	env := fptest.New(t)
	env.Start(t, `
graph: test
resources:
  timer:
  - name: tick
    interval: 1
  test:
  - name: t1
    onlyshow: [comment]
edges:
- from: {kind: timer, name: tick}
  to: {kind: test, name: t1}
  notify: true
`)
	fptest.Eventually(t, "a notification", func() bool { return env.Log.Count("test[t1]: received a notification") > 0 })
}

// A timer without a notify edge changes nothing else: its child is not
// refreshed.
func TestTimerWithoutNotify(t *testing.T) {
	env := fptest.New(t)
	env.Start(t, `
graph: test
resources:
  timer:
  - name: tick
    interval: 1
  print:
  - name: p
    msg: should stay quiet
    refresh_only: true
edges:
- from: {kind: timer, name: tick}
  to: {kind: print, name: p}
`)
	fptest.Eventually(t, "two ticks", func() bool { return env.Log.Count("timer[tick]: received tick") >= 2 })
	if env.Log.Count("should stay quiet") != 0 {
		t.Errorf("a print without notify was refreshed:\n%s", env.Log)
	}
}

// A bad interval fails the commit naming the resource and the param.
func TestTimerBadInterval(t *testing.T) {
	for _, tc := range []struct{ name, interval string }{
		{"zero", "0"}, {"negative", "-3"}, {"too big", "4294967296"}, {"unset", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := fptest.New(t)
			yaml := "graph: test\nresources:\n  timer:\n  - name: bad\n"
			if tc.interval != "" {
				yaml += "    interval: " + tc.interval + "\n"
			}
			err := env.Reject(t, yaml)
			fptest.RequireError(t, err, "timer[bad]", "param interval", "must be from 1 to")
		})
	}
}
