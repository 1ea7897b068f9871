package print_test

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// A print logs its message once when the graph starts, and its grouped
// siblings' messages too; a refresh_only print stays silent without a
// notification.
func TestPrint(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  print:
  - name: a
    msg: hello from a
  - name: b
    msg: hello from b
  - name: quiet
    msg: should not appear
    refresh_only: true
`)
	for _, msg := range []string{": hello from a", ": hello from b"} {
		if n := env.Log.Count(msg); n != 1 {
			t.Errorf("%q logged %d times, want 1\n%s", msg, n, env.Log)
		}
	}
	if env.Log.Count("should not appear") != 0 {
		t.Errorf("a refresh_only print without a notification printed:\n%s", env.Log)
	}
}

// When a refresh_only print absorbs an ordinary one (autogroup), the
// ordinary one still prints and the refresh_only one still does not.
func TestPrintGroupedUnderRefreshOnly(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, `
graph: test
resources:
  print:
  - name: a-quiet
    msg: quiet message
    refresh_only: true
  - name: b-loud
    msg: loud message
`)
	if n := env.Log.Count("loud message"); n != 1 {
		t.Errorf("the ordinary print logged %d times, want 1:\n%s", n, env.Log)
	}
	if n := env.Log.Count("quiet message"); n != 0 {
		t.Errorf("the refresh_only print logged without a notification:\n%s", env.Log)
	}
}
