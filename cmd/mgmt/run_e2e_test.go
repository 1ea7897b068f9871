package main

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// helloYAML is a directory, a file in it (ordered by the automatic edge from
// the directory), and a print notified by the file.
const helloYAML = `graph: hello
resources:
  file:
  - name: "{{D}}/out/"
    state: exists
  - name: "{{D}}/out/greeting"
    state: exists
    content: |
      hello from mgmt
    mode: "0640"
  print:
  - name: done
    msg: the greeting is in place
edges:
- name: greeting-then-print
  from: {kind: file, name: "{{D}}/out/greeting"}
  to: {kind: print, name: done}
  notify: true
`

const (
	helloContent = "hello from mgmt\n"
	helloMode    = 0o640
	helloPrint   = "print[done]: the greeting is in place"
)

// converge are the flags of a run that exits once converged.
var converge = []string{"--converged-exit", "--converger-timeout", "0"}

func cat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// TestRunYAMLApplies runs the hello graph through every way of naming the
// YAML front end and of placing the flags.
func TestRunYAMLApplies(t *testing.T) {
	tests := []struct {
		name string
		file string // the graph's file name
		args func(file string) []string
	}{
		{"flags before yaml", "g.yaml", func(f string) []string {
			return cat([]string{"run", "--tmp-prefix"}, converge, []string{"yaml", f})
		}},
		{"flags after yaml", "g.yaml", func(f string) []string {
			return cat([]string{"run", "yaml", "--tmp-prefix"}, converge, []string{f})
		}},
		{"flags after the file", "g.yaml", func(f string) []string {
			return cat([]string{"run", "yaml", f, "--tmp-prefix"}, converge)
		}},
		{"front end from .yaml", "g.yaml", func(f string) []string {
			return cat([]string{"run", "--tmp-prefix"}, converge, []string{f})
		}},
		{"front end from .yml and flags after", "g.yml", func(f string) []string {
			return cat([]string{"run", f, "--tmp-prefix"}, converge)
		}},
		{"front end from .YAML", "G.YAML", func(f string) []string {
			return cat([]string{"run", "--tmp-prefix"}, converge, []string{f})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			yml := writeYAML(t, dir, tt.file, helloYAML)
			r := runMgmt(t, tt.args(yml)...)
			requireExit(t, r, 0)
			fi, err := os.Stat(filepath.Join(dir, "out"))
			if err != nil || !fi.IsDir() {
				t.Fatalf("directory out/ was not created: %v", err)
			}
			requireFile(t, filepath.Join(dir, "out", "greeting"), helloContent, helloMode)
			if !strings.Contains(r.stderr, helloPrint) {
				t.Fatalf("stderr lacks %q:\n%s", helloPrint, r.stderr)
			}
		})
	}
}

// TestRunEmpty runs the empty front end to convergence.
func TestRunEmpty(t *testing.T) {
	r := runMgmt(t, cat([]string{"run", "--tmp-prefix", "empty"}, converge)...)
	requireExit(t, r, 0)
}

// TestRunRejectsBadInput checks that bad input fails before anything runs:
// non-zero exit, the position and the reason in stderr, and the file of the
// valid resource declared first not created.
func TestRunRejectsBadInput(t *testing.T) {
	// Every graph starts with this valid resource, on lines 1-5.
	const head = `graph: bad
resources:
  file:
  - name: "{{D}}/made"
    content: made
`
	tests := []struct {
		name string
		yaml string // appended to head (valid by itself)
		// args builds the command line from the graph's path.
		args func(yml string) []string
		// pos is the LINE:COL after the graph's path ("" when the
		// problem is not in the graph).
		pos string
		// reasons must all be in stderr ({{D}} is the test's dir).
		reasons []string
	}{
		{
			name: "unknown kind",
			yaml: "  bogus:\n  - name: x\n",
			pos:  "6:3", reasons: []string{`unknown resource kind "bogus"`},
		},
		{
			name: "unknown param",
			yaml: "  print:\n  - name: p\n    mgs: hi\n",
			pos:  "8:5", reasons: []string{`unknown param "mgs" for kind print`, `did you mean "msg"?`},
		},
		{
			name: "cycle between two files",
			yaml: `  - name: "{{D}}/a"
    content: a
  - name: "{{D}}/b"
    content: b
edges:
- name: a-then-b
  from: {kind: file, name: "{{D}}/a"}
  to: {kind: file, name: "{{D}}/b"}
- name: b-then-a
  from: {kind: file, name: "{{D}}/b"}
  to: {kind: file, name: "{{D}}/a"}
`,
			pos: "6:5", reasons: []string{"cycle", "file[{{D}}/a]", ":8:5: file[{{D}}/b]"},
		},
		{
			name: "duplicate resource",
			yaml: "  - name: \"{{D}}/made\"\n    content: again\n",
			pos:  "6:5", reasons: []string{"duplicate resource file[{{D}}/made]", "first declared at line 4"},
		},
		{
			name: "malformed YAML",
			yaml: "  - {name: \"{{D}}/x\", content: x\n",
			pos:  "6:5", reasons: []string{"flow mapping", "'}'"},
		},
		{
			name: "param of the wrong type",
			yaml: "  - name: \"{{D}}/forced\"\n    force: [yes]\n",
			pos:  "7:12", reasons: []string{"param force expects bool"},
		},
		{
			name: "invalid param value",
			yaml: "  - name: \"{{D}}/moded\"\n    mode: \"999\"\n",
			pos:  "6:5", reasons: []string{"file[{{D}}/moded]", `mode "999" is not an octal mode`},
		},
		{
			name:    "missing file argument",
			args:    func(string) []string { return cat([]string{"run", "--tmp-prefix", "yaml"}, converge) },
			reasons: []string{"give one file to run"},
		},
		{
			name:    "nothing to run",
			args:    func(string) []string { return cat([]string{"run", "--tmp-prefix"}, converge) },
			reasons: []string{"what should run?"},
		},
		{
			name: "graph file does not exist",
			args: func(string) []string {
				return cat([]string{"run", "--tmp-prefix"}, converge, []string{"yaml", "{{D}}/none.yaml"})
			},
			reasons: []string{"{{D}}/none.yaml", "no such file or directory"},
		},
		{
			name: "converged-exit without converger-timeout",
			args: func(yml string) []string {
				return []string{"run", "--tmp-prefix", "--converged-exit", "--max-runtime", "30", "yaml", yml}
			},
			reasons: []string{"--converged-exit needs --converger-timeout"},
		},
		{
			name: "negative max-runtime",
			args: func(yml string) []string {
				return cat([]string{"run", "--tmp-prefix", "--max-runtime", "-1"}, converge, []string{"yaml", yml})
			},
			reasons: []string{"must not be negative"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			yml := writeYAML(t, dir, "g.yaml", head+tt.yaml)
			args := cat([]string{"run", "--tmp-prefix"}, converge, []string{"yaml", yml})
			if tt.args != nil {
				args = tt.args(yml)
				for i := range args {
					args[i] = expand(dir, args[i])
				}
			}
			r := runMgmt(t, args...)
			requireFailed(t, r)
			if tt.pos != "" {
				if want := yml + ":" + tt.pos + ": "; !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks the position %q:\n%s", want, r.stderr)
				}
			}
			for _, reason := range tt.reasons {
				if want := expand(dir, reason); !strings.Contains(r.stderr, want) {
					t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
				}
			}
			if !strings.Contains("\n"+r.stderr, "\nmgmt: ") {
				t.Errorf("stderr lacks the final \"mgmt: \" error line:\n%s", r.stderr)
			}
			if strings.Contains(r.stderr, "graph committed") {
				t.Errorf("a graph was committed:\n%s", r.stderr)
			}
			requireAbsent(t, filepath.Join(dir, "made"))
		})
	}
}

// TestRunNoop checks that --noop changes nothing: a missing directory and
// file stay missing, a wrong file stays wrong.
func TestRunNoop(t *testing.T) {
	dir := t.TempDir()
	wrong := filepath.Join(dir, "wrong")
	if err := os.WriteFile(wrong, []byte("wrong\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// One more file, which exists with the wrong content and mode.
	yml := writeYAML(t, dir, "g.yaml", mustReplace(t, helloYAML, "  print:\n", `  - name: "{{D}}/wrong"
    content: right
    mode: "0644"
  print:
`))
	r := runMgmt(t, cat([]string{"run", "--tmp-prefix", "--noop"}, converge, []string{"yaml", yml})...)
	requireExit(t, r, 0)
	requireAbsent(t, filepath.Join(dir, "out"))
	requireFile(t, wrong, "wrong\n", 0o600)
	if strings.Contains(r.stderr, helloPrint) {
		t.Errorf("the print printed under --noop:\n%s", r.stderr)
	}
}

// TestRunStopsOnSignal interrupts a running mgmt and expects a clean exit
// that unlocks the prefix.
func TestRunStopsOnSignal(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			prefix := filepath.Join(t.TempDir(), "prefix")
			yml := writeYAML(t, dir, "g.yaml", helloYAML)
			p := start(t, "run", "--prefix", prefix, "yaml", yml)
			waitFile(t, p, filepath.Join(dir, "out", "greeting"), helloContent, helloMode)
			if _, err := os.Stat(filepath.Join(prefix, "lock")); err != nil {
				t.Fatalf("while running, the prefix has no lock file: %v", err)
			}
			p.signal(sig)
			if code := p.wait(exitGuard); code != 0 {
				t.Fatalf("after %v mgmt exited with %d, want 0; stderr:\n%s", sig, code, p.stderr.String())
			}
			requireAbsent(t, filepath.Join(prefix, "lock"))
		})
	}
}

// TestRunRepairsDrift changes the managed files behind mgmt's back, in
// several ways, and waits for mgmt to put them back.
func TestRunRepairsDrift(t *testing.T) {
	dir := t.TempDir()
	yml := writeYAML(t, dir, "g.yaml", helloYAML)
	p := start(t, "run", "--tmp-prefix", "yaml", yml)
	out := filepath.Join(dir, "out")
	greeting := filepath.Join(out, "greeting")
	waitFile(t, p, greeting, helloContent, helloMode)

	tests := []struct {
		name  string
		drift func() error
	}{
		{"overwrite content", func() error { return os.WriteFile(greeting, []byte("drifted\n"), 0) }},
		{"chmod", func() error { return os.Chmod(greeting, 0o606) }},
		{"overwrite content and chmod", func() error {
			if err := os.WriteFile(greeting, []byte("drifted again\n"), 0); err != nil {
				return err
			}
			return os.Chmod(greeting, 0o777)
		}},
		{"truncate", func() error { return os.Truncate(greeting, 0) }},
		{"append", func() error {
			f, err := os.OpenFile(greeting, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			_, err = f.WriteString("more\n")
			if cerr := f.Close(); err == nil {
				err = cerr
			}
			return err
		}},
		{"remove", func() error { return os.Remove(greeting) }},
		{"replace by rename", func() error {
			tmp := filepath.Join(out, "other")
			if err := os.WriteFile(tmp, []byte("replaced\n"), 0o600); err != nil {
				return err
			}
			return os.Rename(tmp, greeting)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.drift(); err != nil {
				t.Fatal(err)
			}
			waitFile(t, p, greeting, helloContent, helloMode)
		})
	}
	p.stop()
}

// TestRunReloadsGraph edits the graph while mgmt runs: a new resource is
// applied, a broken graph is logged and leaves the running one in place, and
// a later valid graph is applied again.
func TestRunReloadsGraph(t *testing.T) {
	const one = `graph: reload
resources:
  file:
  - name: "{{D}}/one"
    state: exists
    content: "one\n"
    mode: "0640"
`
	const two = one + `  - name: "{{D}}/two"
    state: exists
    content: "two\n"
    mode: "0600"
`
	const broken = one + `  bogus:
  - name: x
`
	const three = one + `  - name: "{{D}}/three"
    state: exists
    content: "three\n"
    mode: "0604"
`
	dir := t.TempDir()
	fOne, fTwo, fThree := filepath.Join(dir, "one"), filepath.Join(dir, "two"), filepath.Join(dir, "three")
	yml := writeYAML(t, dir, "g.yaml", one)
	p := start(t, "run", "--tmp-prefix", "yaml", yml)
	waitFile(t, p, fOne, "one\n", 0o640)

	drift := func(t *testing.T, path, content string, mode os.FileMode) {
		t.Helper()
		if err := os.WriteFile(path, []byte("drifted\n"), 0); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0o777); err != nil {
			t.Fatal(err)
		}
		waitFile(t, p, path, content, mode)
	}

	// Rewritten in place: the new file appears, the old one still runs.
	writeYAML(t, dir, "g.yaml", two)
	waitFile(t, p, fTwo, "two\n", 0o600)
	drift(t, fOne, "one\n", 0o640)

	// Broken, saved through a rename: logged with its position; the
	// running graph stays.
	replaceYAML(t, dir, yml, broken)
	waitLog(t, p, yml+":8:3: unknown resource kind")
	if !p.running() {
		t.Fatalf("mgmt exited on a broken graph; stderr:\n%s", p.stderr.String())
	}
	drift(t, fOne, "one\n", 0o640)
	drift(t, fTwo, "two\n", 0o600)

	// Fixed again: the watch survived the rename.
	replaceYAML(t, dir, yml, three)
	waitFile(t, p, fThree, "three\n", 0o604)
	drift(t, fOne, "one\n", 0o640)
	p.stop()
}

// TestRunMaxRuntime checks that --max-runtime ends a run by itself.
func TestRunMaxRuntime(t *testing.T) {
	dir := t.TempDir()
	yml := writeYAML(t, dir, "g.yaml", helloYAML)
	r := runMgmt(t, "run", "--tmp-prefix", "--max-runtime", "1", "yaml", yml)
	requireExit(t, r, 0)
	requireFile(t, filepath.Join(dir, "out", "greeting"), helloContent, helloMode)
}

// TestRunConvergerStatusFile checks the status file after a converged exit.
func TestRunConvergerStatusFile(t *testing.T) {
	dir := t.TempDir()
	yml := writeYAML(t, dir, "g.yaml", helloYAML)
	status := filepath.Join(dir, "status")
	r := runMgmt(t, cat([]string{"run", "--tmp-prefix", "--converger-status-file", status}, converge, []string{"yaml", yml})...)
	requireExit(t, r, 0)
	b, err := os.ReadFile(status)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	last := lines[len(lines)-1]
	f := strings.Fields(last)
	if len(f) != 2 || f[1] != "converged" {
		t.Fatalf("last status line %q, want \"TIME converged\"; file:\n%s", last, b)
	}
	if _, err := time.Parse(time.RFC3339Nano, f[0]); err != nil {
		t.Errorf("status line %q: time: %v", last, err)
	}
}

var (
	dotNode = regexp.MustCompile(`(?m)^\s*(n\d+) \[label=("(?:[^"\\]|\\.)*")\];$`)
	dotEdge = regexp.MustCompile(`(?m)^\s*(n\d+) -> (n\d+)( \[style=dashed\])?;$`)
)

// TestRunGraphviz checks the DOT file: the nodes, the edge of the YAML and
// the automatic edge from the directory to the file in it.
func TestRunGraphviz(t *testing.T) {
	tests := []struct {
		name      string
		flags     []string
		wantAuto  bool
		wantExit0 bool
	}{
		{"autoedges", nil, true, true},
		{"no-autoedges", []string{"--no-autoedges"}, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			yml := writeYAML(t, dir, "g.yaml", helloYAML)
			dot := filepath.Join(dir, "graph.dot")
			args := cat([]string{"run", "--tmp-prefix", "--graphviz", dot}, tt.flags, converge, []string{"yaml", yml})
			if !tt.wantExit0 {
				// Without the automatic edge the file may be written
				// before its directory exists and fail; stop by time.
				args = append(args[:len(args):len(args)], "--max-runtime", "1")
			}
			r := runMgmt(t, args...)
			if tt.wantExit0 {
				requireExit(t, r, 0)
			}
			b, err := os.ReadFile(dot)
			if err != nil {
				t.Fatalf("no DOT file: %v; stderr:\n%s", err, r.stderr)
			}
			text := string(b)
			if !strings.Contains(text, "digraph") {
				t.Fatalf("no digraph in:\n%s", text)
			}
			ids := map[string]string{} // label -> node id
			for _, m := range dotNode.FindAllStringSubmatch(text, -1) {
				label, err := strconv.Unquote(m[2])
				if err != nil {
					t.Fatalf("label %s: %v", m[2], err)
				}
				ids[label] = m[1]
			}
			dirID := "file[" + dir + "/out/]"
			fileID := "file[" + dir + "/out/greeting]"
			printID := "print[done]"
			for _, l := range []string{dirID, fileID, printID} {
				if ids[l] == "" {
					t.Errorf("no node labelled %s in:\n%s", l, text)
				}
			}
			if len(ids) != 3 {
				t.Errorf("%d nodes, want 3:\n%s", len(ids), text)
			}
			edges := map[[2]string]bool{}
			for _, m := range dotEdge.FindAllStringSubmatch(text, -1) {
				edges[[2]string{m[1], m[2]}] = true
			}
			if !edges[[2]string{ids[fileID], ids[printID]}] {
				t.Errorf("no edge %s -> %s in:\n%s", fileID, printID, text)
			}
			if got := edges[[2]string{ids[dirID], ids[fileID]}]; got != tt.wantAuto {
				t.Errorf("automatic edge %s -> %s present: %v, want %v:\n%s", dirID, fileID, got, tt.wantAuto, text)
			}
		})
	}
}

// TestRunPrefixInUse runs a second mgmt on the prefix of a running one.
func TestRunPrefixInUse(t *testing.T) {
	dir := t.TempDir()
	prefix := filepath.Join(t.TempDir(), "prefix")
	first := writeYAML(t, dir, "first.yaml", helloYAML)
	second := writeYAML(t, dir, "second.yaml", "graph: second\nresources:\n  file:\n  - name: \"{{D}}/second\"\n    state: exists\n    content: second\n")
	p := start(t, "run", "--prefix", prefix, "yaml", first)
	waitFile(t, p, filepath.Join(dir, "out", "greeting"), helloContent, helloMode)

	args := cat([]string{"run", "--prefix", prefix}, converge, []string{"yaml", second})
	r := runMgmt(t, args...)
	requireFailed(t, r)
	if !strings.Contains(r.stderr, "in use") || !strings.Contains(r.stderr, prefix) {
		t.Fatalf("stderr does not say that %s is in use:\n%s", prefix, r.stderr)
	}
	requireAbsent(t, filepath.Join(dir, "second"))
	if !p.running() {
		t.Fatalf("the first mgmt stopped; stderr:\n%s", p.stderr.String())
	}
	p.stop()

	// Unlocked: the prefix can be used again.
	r = runMgmt(t, args...)
	requireExit(t, r, 0)
	requireFile(t, filepath.Join(dir, "second"), "second", 0o644)
}

// TestVersionAndHelp checks the version and the help of run.
func TestVersionAndHelp(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runMgmt(t, args...)
			requireExit(t, r, 0)
			if !strings.HasPrefix(r.stdout, "mgmt ") || strings.Count(r.stdout, "\n") != 1 {
				t.Fatalf("stdout %q, want one line starting with \"mgmt \"", r.stdout)
			}
		})
	}
	for _, args := range [][]string{{"run", "--help"}, {"run", "yaml", "--help"}, {"run", "lang", "--help"}, {"help", "run"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			r := runMgmt(t, args...)
			requireExit(t, r, 0)
			for _, flag := range []string{"--converger-timeout", "--hostname", "--converged-exit", "--prefix"} {
				if !strings.Contains(r.stdout, flag) {
					t.Errorf("help lacks %s:\n%s", flag, r.stdout)
				}
			}
		})
	}
}

// TestRunResourceFailure has one resource that fails for good and one that
// does not: the good one is applied, and the run fails naming the bad one.
func TestRunResourceFailure(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "regular"), []byte("a file\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	yml := writeYAML(t, dir, "g.yaml", `graph: failure
resources:
  file:
  - name: "{{D}}/regular/sub"
    state: exists
    content: "cannot be\n"
    meta: {retry: 0}
  - name: "{{D}}/ok"
    state: exists
    content: "ok\n"
    mode: "0644"
`)
	r := runMgmt(t, cat([]string{"run", "--tmp-prefix"}, converge, []string{"yaml", yml})...)
	requireFailed(t, r)
	bad := "file[" + dir + "/regular/sub]"
	i := strings.LastIndex(r.stderr, "mgmt: ")
	if i < 0 || !strings.Contains(r.stderr[i:], bad) {
		t.Fatalf("the final error does not name %s; stderr:\n%s", bad, r.stderr)
	}
	requireFile(t, filepath.Join(dir, "ok"), "ok\n", 0o644)
}

// TestRunRepairsRemovedDirectory removes and moves away the directory of a
// managed file: both are put back. The file retries, since its event may
// be handled before its directory's (see TestKnownBugRemovedDirectory).
func TestRunRepairsRemovedDirectory(t *testing.T) {
	dir := t.TempDir()
	// Default metaparams (retry 0): the file must never run against a
	// directory that is not back yet.
	yml := writeYAML(t, dir, "g.yaml", helloYAML)
	p := start(t, "run", "--tmp-prefix", "yaml", yml)
	out := filepath.Join(dir, "out")
	greeting := filepath.Join(out, "greeting")
	waitFile(t, p, greeting, helloContent, helloMode)
	for i := range 3 {
		for _, tt := range []struct {
			name  string
			drift func() error
		}{
			{"move away", func() error { return os.Rename(out, out+".gone"+strconv.Itoa(i)) }},
			{"remove", func() error {
				// Remove the file, then the directory, unless
				// mgmt put the file back in between.
				if err := os.Remove(greeting); err != nil {
					return err
				}
				if err := os.Remove(out); err != nil && !errors.Is(err, syscall.ENOTEMPTY) {
					return err
				}
				return nil
			}},
		} {
			if err := tt.drift(); err != nil {
				t.Fatalf("%s #%d: %v", tt.name, i, err)
			}
			waitFile(t, p, greeting, helloContent, helloMode)
		}
	}
	p.stop()
}
