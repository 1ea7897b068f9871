package exec_test

import (
	"os"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// Touching a watched file runs the command again; nothing else does.
func TestExecWatchFiles(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	trigger, count := in(dir, "trigger"), in(dir, "count")
	touch(t, trigger)
	eng := env.Run(t, graph(`resources:
  exec:
  - name: watcher
    shell: /bin/sh
    cmd: %q
    watchfiles: [%q]
`, appendCmd(count), trigger))
	if n := runs(t, count); n != 1 {
		t.Fatalf("ran %d times at start, want 1", n)
	}
	poke(t, trigger)
	fptest.Eventually(t, "a second run after the watched file changed", func() bool { return runs(t, count) >= 2 })
	fptest.WaitConverged(t, eng)
	if n := runs(t, count); n != 2 {
		t.Errorf("ran %d times after one change, want 2", n)
	}
}

// creates is watched: the command that makes it runs once, and again when
// the file is removed from outside.
func TestExecCreatesDrift(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	made, count := in(dir, "made"), in(dir, "count")
	eng := env.Run(t, graph(`resources:
  exec:
  - name: maker
    shell: /bin/sh
    cmd: %q
    creates: %q
`, appendCmd(count)+" && touch "+made, made))
	if n := runs(t, count); n != 1 || !exists(t, made) {
		t.Fatalf("ran %d times (made: %v), want once\n%s", n, exists(t, made), env.Log)
	}
	if err := os.Remove(made); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the removed file made again", func() bool { return exists(t, made) })
	fptest.WaitConverged(t, eng)
	if n := runs(t, count); n != 2 {
		t.Errorf("ran %d times, want 2", n)
	}
}

// mtimes newer than the last run force a run, even past an ifcmd that
// would skip it; an unchanged file does not.
func TestExecMtimes(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	src, count := in(dir, "src"), in(dir, "count")
	if err := os.WriteFile(src, []byte("v1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	yaml := graph(`resources:
  exec:
  - name: build
    shell: /bin/sh
    cmd: %q
    ifcmd: /bin/false
    mtimes: [%q]
`, appendCmd(count), src)
	eng := env.Run(t, yaml)
	if n := runs(t, count); n != 1 {
		t.Fatalf("ran %d times at start (never ran before), want 1\n%s", n, env.Log)
	}
	touch(t, src)
	fptest.Eventually(t, "a run after the source changed", func() bool { return runs(t, count) >= 2 })
	fptest.WaitConverged(t, eng)
	eng.Close()
	before := runs(t, count)

	// A new engine on the same state, src last modified before the last
	// run: nothing forces a run, and the ifcmd skips it.
	past := time.Now().Add(-time.Hour)
	if err := os.Chtimes(src, past, past); err != nil {
		t.Fatal(err)
	}
	env.Run(t, yaml)
	if n := runs(t, count); n != before {
		t.Errorf("ran %d times, want %d (src unchanged since the last run)", n, before)
	}
}

// A refresh (a notify edge from a resource that changed) runs the command
// again; a plain edge does not.
func TestExecRefresh(t *testing.T) {
	for _, notify := range []bool{true, false} {
		name := map[bool]string{true: "notify", false: "plain"}[notify]
		t.Run(name, func(t *testing.T) {
			env := newEnv(t)
			dir := t.TempDir()
			trigger, a, b := in(dir, "trigger"), in(dir, "a"), in(dir, "b")
			touch(t, trigger)
			eng := env.Run(t, graph(`resources:
  exec:
  - name: a
    shell: /bin/sh
    cmd: %q
    watchfiles: [%q]
  - name: b
    shell: /bin/sh
    cmd: %q
edges:
- from: {kind: exec, name: a}
  to: {kind: exec, name: b}
  notify: %v
`, appendCmd(a), trigger, appendCmd(b), notify))
			if runs(t, a) != 1 || runs(t, b) != 1 {
				t.Fatalf("at start a ran %d and b %d times, want 1 each", runs(t, a), runs(t, b))
			}
			poke(t, trigger)
			fptest.Eventually(t, "a ran again", func() bool { return runs(t, a) >= 2 })
			want := 1
			if notify {
				want = 2
				fptest.Eventually(t, "b refreshed", func() bool { return runs(t, b) >= 2 })
			}
			fptest.WaitConverged(t, eng)
			if n := runs(t, b); n != want {
				t.Errorf("b ran %d times, want %d", n, want)
			}
		})
	}
}

// Under Meta:noop the guards run but the command never does.
func TestExecNoop(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	env.Run(t, graph(`resources:
  exec:
  - name: dry
    shell: /bin/sh
    cmd: %q
    ifshell: /bin/sh
    ifcmd: %q
    meta:
      noop: true
`, appendCmd(in(dir, "ran")), appendCmd(in(dir, "checked"))))
	if runs(t, in(dir, "checked")) == 0 {
		t.Errorf("the ifcmd did not run in noop:\n%s", env.Log)
	}
	if exists(t, in(dir, "ran")) {
		t.Errorf("the command ran in noop")
	}
}
