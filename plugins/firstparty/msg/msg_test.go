package msg_test

import (
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// lines returns the logged lines that contain s.
func lines(log, s string) []string {
	var out []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return out
}

// The body is logged once, with its fields, at the level of its priority;
// a Debug message is not shown without debug logging.
func TestMsgLogs(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  msg:
  - name: info
    body: an informative message
    priority: Info
    fields: {zeta: last, alpha: first}
  - name: crit
    body: a critical message
    priority: Crit
  - name: debug
    body: a debug message
    priority: Debug
`)
	info := lines(env.Log.String(), "msg[info]: Body: an informative message alpha=first zeta=last")
	if len(info) != 1 || !strings.Contains(info[0], "level=INFO") {
		t.Errorf("info message logged as %q:\n%s", info, env.Log)
	}
	crit := lines(env.Log.String(), "msg[crit]: Body: a critical message")
	if len(crit) != 1 || !strings.Contains(crit[0], "level=WARN") {
		t.Errorf("crit message logged as %q:\n%s", crit, env.Log)
	}
	if n := env.Log.Count("a debug message"); n != 0 {
		t.Errorf("a Debug message was logged without debug logging:\n%s", env.Log)
	}
}

// Writing the message is a change: a notified refresh_only print runs.
// A refresh writes it again.
func TestMsgNotifiesAndRefreshes(t *testing.T) {
	env := fptest.New(t)
	env.Start(t, `
graph: test
resources:
  timer:
  - name: tick
    interval: 1
  msg:
  - name: m
    body: the message
    priority: Notice
  print:
  - name: p
    msg: the msg was written
    refresh_only: true
edges:
- from: {kind: timer, name: tick}
  to: {kind: msg, name: m}
  notify: true
- from: {kind: msg, name: m}
  to: {kind: print, name: p}
  notify: true
`)
	fptest.Eventually(t, "the message written again on a refresh", func() bool { return env.Log.Count("msg[m]: Body: the message") >= 2 })
	fptest.Eventually(t, "the print notified", func() bool { return env.Log.Count("print[p]: the msg was written") >= 1 })
}

// Bad params fail the commit naming the resource and the param.
func TestMsgBadParams(t *testing.T) {
	for _, tc := range []struct{ name, params, param, msg string }{
		{"no priority", "", "priority", `not ""`},
		{"bad priority", "    priority: info", "priority", `must be one of Emerg`},
		{"field char", "    priority: Info\n    fields: {a-b: x}", "fields", `field a-b: invalid character '-'`},
		{"field underscore", "    priority: Info\n    fields: {_x: y}", "fields", "cannot begin with _"},
		{"journal", "    priority: Info\n    journal: true", "journal", "not supported yet"},
		{"syslog", "    priority: Info\n    syslog: true", "syslog", "not supported yet"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := fptest.New(t)
			err := env.Reject(t, "graph: test\nresources:\n  msg:\n  - name: bad\n    body: b\n"+tc.params+"\n")
			fptest.RequireError(t, err, "msg[bad]", "param "+tc.param, tc.msg)
		})
	}
}
