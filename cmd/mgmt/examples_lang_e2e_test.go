package main

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// examplesRoot is the prefix every path written by an examples/lang
// program starts with; the test moves it into its own folder.
const examplesRoot = "/tmp/mgmt-examples/"

// langRunMode is how an example is run.
type langRunMode int

const (
	// untilConverged runs with --converged-exit: the program must end by
	// itself once nothing changes any more.
	untilConverged langRunMode = iota
	// untilExitRes runs without --converged-exit: an exit resource in the
	// program must end the run.
	untilExitRes
	// streaming never converges by design: the run is started, its
	// promised output waited for, and then it is stopped with SIGTERM.
	streaming
)

// langExample is what one examples/lang program promises. Paths are
// relative to the folder that replaces /tmp/mgmt-examples/.
type langExample struct {
	mode langRunMode
	// setup files are written before the run (their folders are made).
	setup map[string]string
	// files must have exactly this content (mode 0644 unless in modes).
	files map[string]string
	modes map[string]fs.FileMode
	// patterns: files whose content must match a regular expression.
	patterns map[string]string
	// absent files must not exist after the run.
	absent []string
	// logs must each appear in mgmt's stderr.
	logs []string
	// twice runs a converging example a second time, and checks the same
	// promises again (the program is idempotent).
	twice bool
	// check is a further check of the output folder after the run.
	check func(t *testing.T, out string)
	// react runs while a second, streaming run of the example is up (for
	// a converging example) or after the promises of a streaming one are
	// met: it changes the inputs and waits for the outputs to follow.
	react func(t *testing.T, p *proc, out string)
}

// langExamples is the table of examples/lang: every program found there
// must have an entry. The expected values are worked out from the
// programs' source.
var langExamples = map[string]langExample{
	"hello": {
		files: map[string]string{"hello/greeting": "hello world\n"},
	},
	"variables": {
		files: map[string]string{"variables/card": "Hello, Ada!\nborn:\t1815\nprice:\t$5 \"each\"\n"},
	},
	"if-else": {
		files:  map[string]string{"if-else/big": "count is big\n", "if-else/elvis": "strict\n"},
		modes:  map[string]fs.FileMode{"if-else/elvis": 0o600},
		absent: []string{"if-else/small", "if-else/never"},
	},
	"for-loop": {
		files: map[string]string{
			"for-loop/apple":  "1 of 3: apple\n",
			"for-loop/banana": "2 of 3: banana\n",
			"for-loop/cherry": "3 of 3: cherry\n",
		},
	},
	"forkv-loop": {
		files: map[string]string{
			"forkv-loop/http.conf":  "service = HTTP\nport = 80\n",
			"forkv-loop/https.conf": "service = HTTPS\nport = 443\n",
			"forkv-loop/ssh.conf":   "service = SSH\nport = 22\n",
		},
		modes: map[string]fs.FileMode{
			"forkv-loop/http.conf": 0o640, "forkv-loop/https.conf": 0o640, "forkv-loop/ssh.conf": 0o640,
		},
	},
	"classes": {
		files: map[string]string{
			"classes/alice": "name: alice\nshell: /bin/sh\n",
			"classes/bob":   "name: bob\n",
		},
		modes: map[string]fs.FileMode{"classes/alice": 0o600},
	},
	"class-include-as": {
		files: map[string]string{
			"class-include-as/web.conf":     "name = web\n",
			"class-include-as/web.log.conf": "level = debug\n",
			"class-include-as/web.readme":   "see {{OUT}}/class-include-as/web.conf\n",
			"class-include-as/summary": "config: {{OUT}}/class-include-as/web.conf\n" +
				"port: 8003\nurl: http://localhost:8003/status\n",
		},
	},
	"functions": {
		files: map[string]string{"functions/results": "square(7) = 49\nhi there\ndouble(21) = 42\n" +
			"item-one\nadd10(5) = 15\ntwice(double, 3) = 12\ninline = 99\n"},
	},
	"iterators": {
		files: map[string]string{"iterators/results": "nums [1, 2, 3, 4, 5, 6]\n" +
			"squares [1, 4, 9, 16, 25, 36]\nevens [2, 4, 6]\nsum 21\nproduct 720\n" +
			"pairs [\"ann=31\", \"bo=25\", \"cy=47\"]\nflat [1, 2, 3]\nsteps [10, 7, 4, 1]\n"},
	},
	"collections": {
		files: map[string]string{"collections/results": "first: red\ntenth: none\n" +
			"medium: 2, huge: 99\nx: 3, z: 0, name: p1\nlen: 3 3 5\ngreen in colors: true\n" +
			"has key m: true\nsum of values: 6\nmore: [\"red\", \"green\", \"blue\", \"black\"]\n" +
			"point: struct{x: 3; y: 4; name: \"p1\"}\n"},
	},
	"printf": {
		files: map[string]string{"printf/report": "host db1 has 4 disks, 37.5% used, ok: true\n" +
			"labels: [\"a\", \"b\"]\nlimits: {\"cpu\": 2}\n"},
	},
	"template": {
		files: map[string]string{"template/motd": "Welcome to build-box (owner: OPS).\nUsers:\n" +
			"  0. amy\n  1. raj\n  2. zoe\nAll systems normal.\n"},
	},
	"strings": {
		files: map[string]string{"strings/results": "clean: [alpha,beta,,gamma]\nparts: 4\n" +
			"joined: alpha+beta+gamma\nupper: ALPHA\nlower: beta\nreplaced: alpha;beta;;gamma\n" +
			"padded: [007] [ab...]\nsubstr: config\nprefix: true, suffix: false, contains: true\n" +
			"repeated: ababab\nindex: 2\n"},
	},
	"convert-math": {
		files: map[string]string{"convert-math/results": "workers: 25\nratio: 0.25, half: 6\n" +
			"as float: 12.5\nrounded: 7\nenabled: true\nprecedence: 12\n" +
			"mod: 2, pow: 1024, sqrt: 1.5\nminus1: 9, fortytwo: 42\n"},
	},
	"regexp-encoding": {
		files: map[string]string{"regexp-encoding/results": "web hosts: [\"web01\", \"web02\"]\n" +
			"is a version: true\nbase64: dXNlcjpwYXNz\ndecoded: user:pass\ncpu: 4, mem: 512\n"},
	},
	"errors": {
		files: map[string]string{"errors/results": "workers: 4\nratio: 1\nsmtp: 25\neditor: vi\nmotd: no motd\n"},
	},
	"exec-guards": {
		files:  map[string]string{"exec-guards/stamp": "built once\n", "exec-guards/marks": "marker\n"},
		absent: []string{"exec-guards/never"},
		twice:  true,
	},
	"send-recv": {
		files: map[string]string{"send-recv/greeting": "hello from a command\n", "send-recv/count": "one two three\n"},
		modes: map[string]fs.FileMode{"send-recv/count": 0o600},
	},
	"edges": {
		files: map[string]string{"edges/order": "first\nsecond\nthird\nfourth\nfifth\n"},
		logs:  []string{"all five steps ran"},
	},
	"metaparams": {
		files:  map[string]string{"metaparams/flaky-ok": "ok\n", "metaparams/flag": "", "metaparams/polled": "checked by polling\n"},
		absent: []string{"metaparams/dry-run"},
	},
	"files": {
		setup: map[string]string{"files/old.tmp": "left over\n"},
		files: map[string]string{
			"files/private/key": "s3cr3t\n",
			"files/notes":       "remember the milk\n",
			"files/notes.bak":   "remember the milk\n",
			"files/hello.sh":    "#!/bin/sh\necho hello\n",
		},
		modes: map[string]fs.FileMode{
			"files/private/key": 0o600, "files/notes.bak": 0o444, "files/hello.sh": 0o755,
		},
		absent: []string{"files/old.tmp"},
		check: func(t *testing.T, out string) {
			requireDir(t, filepath.Join(out, "files"), 0o755)
			requireDir(t, filepath.Join(out, "files/private"), 0o700)
			if got, err := os.Readlink(filepath.Join(out, "files/latest")); err != nil || got != filepath.Join(out, "files/notes") {
				t.Errorf("files/latest links to %q (%v), want %s", got, err, filepath.Join(out, "files/notes"))
			}
		},
	},
	"fragments": {
		files: map[string]string{
			"fragments/hosts":          "# generated by mgmt\n10.0.0.10 10-web\n10.0.0.20 20-db\n",
			"fragments/hosts.d/10-web": "10.0.0.10 10-web\n",
		},
	},
	"line": {
		files: map[string]string{"line/settings": "color=blue\ntimeout=30\n"},
		twice: true,
	},
	"archive": {
		files: map[string]string{"archive/README": "built by mgmt\n"},
		check: func(t *testing.T, out string) {
			want := map[string]string{"index.html": "<h1>hello</h1>\n", "README": "built by mgmt\n"}
			requireTar(t, filepath.Join(out, "archive/site.tar"), false, want)
			requireTar(t, filepath.Join(out, "archive/site.tar.gz"), true, want)
			if got := gunzip(t, filepath.Join(out, "archive/note.gz")); got != "compressed from a string\n" {
				t.Errorf("archive/note.gz holds %q", got)
			}
		},
	},
	"mirror": {
		files: map[string]string{"mirror/output": "(no input yet)\n", "mirror/output.upper": "(NO INPUT YET)\n"},
		react: func(t *testing.T, p *proc, out string) {
			in, o := filepath.Join(out, "mirror/input"), filepath.Join(out, "mirror/output")
			waitFile(t, p, o, "(no input yet)\n", 0o644)
			for _, text := range []string{"first line\n", "second\nand third\n"} {
				writeAtomic(t, in, text)
				waitFile(t, p, o, text, 0o644)
				waitFile(t, p, o+".upper", strings.ToUpper(text), 0o644)
			}
			if err := os.Remove(in); err != nil {
				t.Fatal(err)
			}
			waitFile(t, p, o, "(no input yet)\n", 0o644)
		},
	},
	"clock": {
		mode: streaming,
		patterns: map[string]string{
			"clock/now":   `^it is now \d{4}-\d\d-\d\d \d\d:\d\d:\d\d [+-]\d{4} \S+\n$`,
			"clock/epoch": `^\d+ = \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\n$`,
		},
		react: func(t *testing.T, p *proc, out string) {
			path := filepath.Join(out, "clock/epoch")
			first := readEpoch(t, path)
			// The number is the time, formatted in the local zone.
			eventually(t, p, "the clock to tick", func() string {
				b, _ := os.ReadFile(path)
				n, date, ok := parseEpoch(string(b))
				if !ok || n <= first {
					return fmt.Sprintf("%s still holds %q", path, b)
				}
				if want := time.Unix(n, 0).Format("2006-01-02 15:04:05"); date != want {
					return fmt.Sprintf("%s: %d is %s, not %s", path, n, want, date)
				}
				return ""
			})
		},
	},
	"system-info": {
		files:    map[string]string{"system-info/facts": ""}, // filled in by hostFacts
		patterns: map[string]string{"system-info/load": `^load: [0-9.]+ [0-9.]+ [0-9.]+\n$`},
	},
	"value": {
		files: map[string]string{"value/colour": "the colour is purple\n", "value/greeting": "hello\n"},
	},
	"timer": {
		mode: streaming,
		react: func(t *testing.T, p *proc, out string) {
			eventually(t, p, "two ticks", func() string {
				if n := strings.Count(p.stderr.String(), "tick from the timer"); n < 2 {
					return fmt.Sprintf("%d ticks so far", n)
				}
				return ""
			})
		},
	},
	"exit": {
		mode:  untilExitRes,
		files: map[string]string{"exit/done": "finished before the exit\n"},
		logs:  []string{"asked to exit"},
	},
	"module-basic": {
		files: map[string]string{
			"module-basic/motd":     "*** Welcome, and mind the gap. ***\n",
			"module-basic/app.conf": "[app]\nname = shop\nworkers = 6\n",
			"module-basic/version":  "=== 1.4.2\n",
		},
		modes: map[string]fs.FileMode{"module-basic/app.conf": 0o640},
	},
	"module-nested": {
		files: map[string]string{
			"module-nested/hello-world": "Hello, world!\n",
			"module-nested/hello-mgmt":  "Hello, mgmt!\n",
			"module-nested/about":       "greeter 0.1: 3 greetings known\n",
		},
	},
}

// langExampleBugs lists the examples that a bug of mgmt keeps from
// running as they should: name -> the bug. Each one is a valid upstream
// program; remove it from here once the bug is fixed.
var langExampleBugs = map[string]string{}

// TestExamplesLang runs every mcl program in examples/lang (each *.mcl file,
// and each folder with a metadata.yaml), with /tmp/mgmt-examples/ moved
// into the test's own folder: `mgmt graph` accepts it, `mgmt run` brings
// it to the state it promises (the files of the table above), without a
// failed resource. Streaming examples are stopped once their output is
// there; the reactive ones are also fed new input, which their output
// must follow.
func TestExamplesLang(t *testing.T) {
	root := filepath.Join("..", "..", "examples", "lang")
	progs, err := filepath.Glob(filepath.Join(root, "*.mcl"))
	if err != nil {
		t.Fatal(err)
	}
	mods, err := filepath.Glob(filepath.Join(root, "*", "metadata.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range mods {
		progs = append(progs, filepath.Dir(m))
	}
	if len(progs) < 30 {
		t.Fatalf("found %d examples in %s, want at least 30", len(progs), root)
	}
	seen := map[string]bool{}
	for _, prog := range progs {
		name := strings.TrimSuffix(filepath.Base(prog), ".mcl")
		seen[name] = true
		ex, ok := langExamples[name]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if !ok {
				t.Fatalf("%s has no entry in langExamples: say what it promises", prog)
			}
			if bug, ok := langExampleBugs[name]; ok {
				t.Skip("known bug: " + bug)
			}
			runLangExample(t, name, prog, ex)
		})
	}
	for name := range langExamples {
		if !seen[name] {
			t.Errorf("langExamples has %q, which is not in %s", name, root)
		}
	}
}

// runLangExample copies prog, checks its graph and runs it as ex says.
func runLangExample(t *testing.T, name, prog string, ex langExample) {
	out := t.TempDir()
	src := copyExample(t, prog, filepath.Join(t.TempDir(), filepath.Base(prog)), out)
	if name == "system-info" {
		ex.files = hostFacts(t)
	}
	for rel, text := range ex.setup {
		writeFileAll(t, filepath.Join(out, rel), text)
	}

	g := runMgmt(t, "graph", src)
	if g.code != 0 {
		t.Fatalf("mgmt graph %s: exit %d; stderr:\n%s", name, g.code, g.stderr)
	}

	runs := 1
	if ex.twice {
		runs = 2
	}
	for i := 0; i < runs; i++ {
		switch ex.mode {
		case untilConverged, untilExitRes:
			args := []string{"run", "--tmp-prefix"}
			if ex.mode == untilConverged {
				args = append(args, "--converged-exit", "--converger-timeout", "1")
			}
			r := runMgmt(t, append(args, "lang", src)...)
			if r.code != 0 || strings.Contains(r.stderr, "resource failed") {
				t.Fatalf("run %d: exit %d; stderr:\n%s", i+1, r.code, r.stderr)
			}
			for _, s := range ex.logs {
				if !strings.Contains(r.stderr, s) {
					t.Errorf("run %d: stderr does not have %q:\n%s", i+1, s, r.stderr)
				}
			}
			checkPromises(t, out, ex)
		case streaming:
			p := start(t, "run", "--tmp-prefix", "lang", src)
			waitPromises(t, p, out, ex)
			if ex.react != nil {
				ex.react(t, p, out)
			}
			failIfResourceFailed(t, p)
			p.stop()
		}
	}
	if ex.check != nil {
		ex.check(t, out)
	}
	if ex.react != nil && ex.mode != streaming {
		p := start(t, "run", "--tmp-prefix", "lang", src)
		ex.react(t, p, out)
		failIfResourceFailed(t, p)
		p.stop()
	}
}

// copyExample copies the program file or module folder from into to, with
// every /tmp/mgmt-examples/ replaced by out, and returns to.
func copyExample(t *testing.T, from, to, out string) string {
	t.Helper()
	err := filepath.WalkDir(from, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(from, path)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		text := strings.ReplaceAll(string(b), examplesRoot, out+"/")
		return os.WriteFile(dst, []byte(text), 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", from, err)
	}
	return to
}

// checkPromises fails unless the files, patterns and absent files of ex
// are as promised in out.
func checkPromises(t *testing.T, out string, ex langExample) {
	t.Helper()
	for rel, why := range promiseErrors(out, ex) {
		t.Errorf("%s: %s", rel, why)
	}
}

// waitPromises waits until the promises of ex are met in out and its logs
// are in p's stderr.
func waitPromises(t *testing.T, p *proc, out string, ex langExample) {
	t.Helper()
	eventually(t, p, "the promised files", func() string {
		for rel, why := range promiseErrors(out, ex) {
			return rel + ": " + why
		}
		return ""
	})
	if len(ex.logs) > 0 {
		waitLog(t, p, ex.logs...)
	}
}

// promiseErrors returns what differs from the promises of ex in out, by
// relative path.
func promiseErrors(out string, ex langExample) map[string]string {
	errs := map[string]string{}
	for rel, want := range ex.files {
		mode, ok := ex.modes[rel]
		if !ok {
			mode = 0o644
		}
		want = strings.ReplaceAll(want, "{{OUT}}", out)
		if why := fileIs(filepath.Join(out, rel), want, mode); why != "" {
			errs[rel] = why
		}
	}
	for rel, pat := range ex.patterns {
		b, err := os.ReadFile(filepath.Join(out, rel))
		switch {
		case err != nil:
			errs[rel] = err.Error()
		case !regexp.MustCompile(pat).Match(b):
			errs[rel] = fmt.Sprintf("%q does not match %s", b, pat)
		}
	}
	for _, rel := range ex.absent {
		if _, err := os.Lstat(filepath.Join(out, rel)); !errors.Is(err, fs.ErrNotExist) {
			errs[rel] = fmt.Sprintf("exists (or cannot be checked: %v), want it absent", err)
		}
	}
	return errs
}

// failIfResourceFailed fails if p has logged a failed resource.
func failIfResourceFailed(t *testing.T, p *proc) {
	t.Helper()
	if log := p.stderr.String(); strings.Contains(log, "resource failed") {
		t.Fatalf("a resource failed; stderr:\n%s", log)
	}
}

// hostFacts is what system-info writes to its facts file on this machine.
func hostFacts(t *testing.T) map[string]string {
	t.Helper()
	h, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	cpus := 0
	b, err := os.ReadFile("/sys/devices/system/cpu/online") // such as "0-3" or "0,2-5"
	if err != nil {
		t.Skipf("cannot count the online CPUs: %v", err)
	}
	for _, span := range strings.Split(strings.TrimSpace(string(b)), ",") {
		lo, hi, found := strings.Cut(span, "-")
		if !found {
			hi = lo
		}
		l, err1 := strconv.Atoi(lo)
		h, err2 := strconv.Atoi(hi)
		if err1 != nil || err2 != nil {
			t.Fatalf("online CPUs: bad span %q", span)
		}
		cpus += h - l + 1
	}
	return map[string]string{
		"system-info/facts": fmt.Sprintf("hostname: %s\nmgmt hostname: %s\ncpus: %d\n", h, h, cpus),
	}
}

// readEpoch returns the number at the start of the clock's epoch file.
func readEpoch(t *testing.T, path string) int64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n, _, ok := parseEpoch(string(b))
	if !ok {
		t.Fatalf("%s holds %q, not NUMBER = DATE", path, b)
	}
	return n
}

// parseEpoch splits "NUMBER = DATE\n".
func parseEpoch(s string) (int64, string, bool) {
	num, date, ok := strings.Cut(strings.TrimSuffix(s, "\n"), " = ")
	if !ok {
		return 0, "", false
	}
	n, err := strconv.ParseInt(num, 10, 64)
	return n, date, err == nil
}

// writeFileAll writes text to path, making its folders first.
func writeFileAll(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeAtomic replaces path with text through a rename, as editors do.
func writeAtomic(t *testing.T, path, text string) {
	t.Helper()
	tmp := path + ".new"
	if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

// requireDir fails unless path is a directory with mode.
func requireDir(t *testing.T, path string, mode fs.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.IsDir() || fi.Mode().Perm() != mode {
		t.Errorf("%s is %v, want a directory with mode %04o", path, fi.Mode(), mode)
	}
}

// requireTar fails unless the tar file at path (gzipped if zipped) holds
// exactly the regular files of want, by name and content.
func requireTar(t *testing.T, path string, zipped bool, want map[string]string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if zipped {
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		defer zr.Close()
		r = zr
	}
	got := map[string]string{}
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if h.Typeflag != tar.TypeReg {
			continue
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatalf("%s: %s: %v", path, h.Name, err)
		}
		got[h.Name] = string(b)
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("%s holds %q, want %q", path, got, want)
	}
}

// gunzip returns the decompressed content of the gzip file at path.
func gunzip(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return string(b)
}
