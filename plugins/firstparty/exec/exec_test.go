package exec_test

import (
	"os"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// A command runs once when the graph starts and its effect lands: without
// a shell its program is found in the standard directories; with one the
// whole line goes to it; with args they are passed as they are; a
// resource without cmd runs its name. Once converged, nothing runs again.
func TestExecRuns(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	env.Run(t, graph(`resources:
  exec:
  - name: touch
    cmd: %q
  - name: shell
    shell: /bin/sh
    cmd: %q
  - name: args
    cmd: touch
    args: [%q]
    cwd: %q
  - name: %q
`, "touch "+in(dir, "made"), appendCmd(in(dir, "count")), "with space", dir, "/bin/touch "+in(dir, "by-name")))
	for _, f := range []string{"made", "with space", "by-name"} {
		if !exists(t, in(dir, f)) {
			t.Errorf("%s was not made:\n%s", f, env.Log)
		}
	}
	if n := runs(t, in(dir, "count")); n != 1 {
		t.Errorf("the shell command ran %d times, want 1", n)
	}
}

// Each guard decides whether the command runs: ifcmd must exit 0, ifequals
// and ifequals_stdout skip on a match of ifcmd's output, nifcmd must exit
// non-zero, creates must not exist.
func TestExecGuards(t *testing.T) {
	tests := []struct {
		name   string
		guard  string // YAML lines of the guard params
		wanted bool   // whether the command runs
	}{
		{"ifcmd true", "ifcmd: /bin/true", true},
		{"ifcmd false", "ifcmd: /bin/false", false},
		{"ifcmd exit 3", "ifshell: /bin/sh\n    ifcmd: \"exit 3\"", false},
		{"ifequals match", "ifcmd: echo yes\n    ifequals: \"yes\\n\"", false},
		{"ifequals differs", "ifcmd: echo yes\n    ifequals: \"no\\n\"", true},
		{"ifequals empty", "ifcmd: /bin/true\n    ifequals: \"\"", false},
		{"ifequals stderr", "ifshell: /bin/sh\n    ifcmd: \"echo out; echo err >&2\"\n    ifequals: \"out\\nerr\\n\"", false},
		{"ifequals_stdout match", "ifshell: /bin/sh\n    ifcmd: \"echo out; echo err >&2\"\n    ifequals_stdout: \"out\\n\"", false},
		{"ifequals_stdout differs", "ifcmd: echo yes\n    ifequals_stdout: \"yes\"", true},
		{"nifcmd true", "nifcmd: /bin/true", false},
		{"nifcmd false", "nifcmd: /bin/false", true},
		{"creates exists", "creates: CREATES", false},
		{"creates missing", "creates: CREATES-not", true},
		{"ifcmd true nifcmd true", "ifcmd: /bin/true\n    nifcmd: /bin/true", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t)
			dir := t.TempDir()
			if err := os.WriteFile(in(dir, "present"), nil, 0o644); err != nil {
				t.Fatal(err)
			}
			guard := strings.ReplaceAll(tt.guard, "CREATES", in(dir, "present"))
			env.Run(t, graph(`resources:
  exec:
  - name: guarded
    shell: /bin/sh
    cmd: %q
    %s
`, appendCmd(in(dir, "marker")), guard))
			if got := runs(t, in(dir, "marker")) == 1; got != tt.wanted {
				t.Errorf("the command ran: %v, want %v\n%s", got, tt.wanted, env.Log)
			}
		})
	}
}

// donecmd runs after the command succeeded, and a failing donecmd fails
// the resource.
func TestExecDoneCmd(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	eng := env.Run(t, graph(`resources:
  exec:
  - name: ok
    cmd: /bin/true
    donecmd: %q
  - name: fails
    cmd: /bin/false
    donecmd: %q
  - name: donefails
    cmd: /bin/true
    doneshell: /bin/sh
    donecmd: "echo done broke >&2; exit 4"
`, "touch "+in(dir, "done-ok"), "touch "+in(dir, "done-fails")))
	if !exists(t, in(dir, "done-ok")) {
		t.Errorf("donecmd did not run after a success:\n%s", env.Log)
	}
	if exists(t, in(dir, "done-fails")) {
		t.Errorf("donecmd ran after a failure")
	}
	err := eng.Failures()["exec[donefails]"]
	if err == nil || !strings.Contains(err.Error(), "donecmd") || !strings.Contains(err.Error(), "status 4") ||
		!strings.Contains(err.Error(), "done broke") {
		t.Errorf("a failing donecmd: %v, want its status and stderr", err)
	}
}

// A command exiting non-zero fails the resource with its status and the
// last line of its stderr; its dependents are skipped.
func TestExecFailure(t *testing.T) {
	env := newEnv(t)
	dir := t.TempDir()
	eng := env.Start(t, graph(`resources:
  exec:
  - name: broken
    shell: /bin/sh
    cmd: "echo first >&2; echo it broke >&2; exit 3"
  - name: after
    cmd: %q
  - name: missing
    cmd: no-such-program-anywhere
edges:
- from: {kind: exec, name: broken}
  to: {kind: exec, name: after}
`, "touch "+in(dir, "after")))
	err := failure(t, eng, "exec[broken]")
	for _, want := range []string{"exec[broken]", "status 3", "it broke"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	if !strings.HasSuffix(err.Error(), "status 3: it broke") {
		t.Errorf("error %q does not end with the status and stderr's last line", err)
	}
	if exists(t, in(dir, "after")) {
		t.Errorf("a dependent of the failed exec ran")
	}
	err = failure(t, eng, "exec[missing]")
	if !strings.Contains(err.Error(), "exec[missing]") || !strings.Contains(err.Error(), "not found") {
		t.Errorf("a missing program: %v", err)
	}
}

// timeout kills a command that runs too long and fails the resource.
func TestExecTimeout(t *testing.T) {
	env := newEnv(t)
	eng := env.Start(t, graph(`resources:
  exec:
  - name: slow
    cmd: sleep 30
    timeout: 1
`))
	err := failure(t, eng, "exec[slow]")
	if !strings.Contains(err.Error(), "exec[slow]") || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("error %q, want exec[slow] timed out", err)
	}
}

// env is the whole environment of the commands, as upstream: its entries
// reach them, the host's environment does not, and a PATH in env is where
// programs are looked up.
func TestExecEnv(t *testing.T) {
	t.Setenv("MGMT_EXEC_TEST_HOST", "leaked")
	env := newEnv(t)
	dir := t.TempDir()
	bin := in(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\necho \"from myprog: $1\" > " + in(dir, "myprog.out") + "\n"
	if err := os.WriteFile(in(bin, "myprog"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	env.Run(t, graph(`resources:
  exec:
  - name: env
    shell: /bin/sh
    cmd: %q
    env:
      FOO: bar baz
  - name: path
    cmd: myprog hello
    env:
      PATH: %q
`, `echo "FOO=$FOO HOST=$MGMT_EXEC_TEST_HOST" > `+in(dir, "env.out"), bin))
	b, err := os.ReadFile(in(dir, "env.out"))
	if err != nil {
		t.Fatalf("%v\n%s", err, env.Log)
	}
	if got, want := string(b), "FOO=bar baz HOST=\n"; got != want {
		t.Errorf("the command saw %q, want %q", got, want)
	}
	b, err = os.ReadFile(in(dir, "myprog.out"))
	if err != nil || string(b) != "from myprog: hello\n" {
		t.Errorf("the program from env's PATH: %q, %v\n%s", b, err, env.Log)
	}
}

// Bad params fail the commit with an error naming exec[NAME] and the
// param.
func TestExecBadParams(t *testing.T) {
	tests := []struct {
		name, params, param string
	}{
		{"blank", `cmd: "   "`, "cmd"},
		{"relcwd", "cmd: /bin/true\n    cwd: tmp", "cwd"},
		{"relifcwd", "cmd: /bin/true\n    ifcmd: /bin/true\n    ifcwd: tmp", "ifcwd"},
		{"negtimeout", "cmd: /bin/true\n    timeout: -1", "timeout"},
		{"argsshell", "cmd: echo\n    shell: /bin/sh\n    args: [x]", "args"},
		{"relcreates", "cmd: /bin/true\n    creates: out", "creates"},
		{"relwatch", "cmd: /bin/true\n    watchfiles: [x]", "watchfiles"},
		{"badenv", "cmd: /bin/true\n    env: {\"A=B\": x}", "env"},
		{"watchcmd", "cmd: /bin/true\n    watchcmd: tail -f /var/log/x", "watchcmd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env := newEnv(t)
			err := env.Reject(t, graph("resources:\n  exec:\n  - name: %s\n    %s\n", tt.name, tt.params))
			fptest.RequireError(t, err, "exec["+tt.name+"]", "param "+tt.param)
		})
	}
}
