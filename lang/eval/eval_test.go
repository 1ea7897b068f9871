package eval_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/eval"
	"github.com/mgmt-wasm/mgmt/lang/internal/cases"
)

// fakeLib is a Caller with a few library functions: os.readfile reads a
// map the test changes (and asks for a path watch), strings.to_upper and
// strings.split are pure. It counts the calls of each function.
type fakeLib struct {
	mu    sync.Mutex
	files map[string]string
	calls map[string]int
}

func newFakeLib(files map[string]string) *fakeLib {
	return &fakeLib{files: files, calls: map[string]int{}}
}

func (l *fakeLib) Call(_ context.Context, name string, sig *hostabi.Type, args []hostabi.Value) (hostabi.Value, []hostabi.WatchSpec, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(args) > 0 {
		l.calls[name+"("+args[0].String()+")"]++
	}
	l.calls[name]++
	switch name {
	case "os.readfile":
		p := string(args[0].(hostabi.StrValue))
		w := []hostabi.WatchSpec{{Kind: hostabi.WatchPath, Path: p}}
		s, ok := l.files[p]
		if !ok {
			return nil, w, errors.New("no such file")
		}
		return hostabi.StrValue(s), w, nil
	case "math.fortytwo":
		if sig.Out.Kind == hostabi.KindFloat {
			return hostabi.FloatValue(42), nil, nil
		}
		if sig.Out.Kind == hostabi.KindInt {
			return hostabi.IntValue(42), nil, nil
		}
		return nil, nil, errors.New("fortytwo of " + sig.Out.String())
	case "strings.to_upper":
		return hostabi.StrValue(strings.ToUpper(string(args[0].(hostabi.StrValue)))), nil, nil
	case "strings.split":
		parts := strings.Split(string(args[0].(hostabi.StrValue)), string(args[1].(hostabi.StrValue)))
		items := make([]hostabi.Value, len(parts))
		for i, p := range parts {
			items[i] = hostabi.StrValue(p)
		}
		return &hostabi.ListValue{T: sig.Out, Items: items}, nil, nil
	}
	return nil, nil, builtin.ErrNoFunc
}

// count returns how many times a call was made ("os.readfile" or
// `os.readfile("/a")`).
func (l *fakeLib) count(call string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.calls[call]
}

// set changes a file's content.
func (l *fakeLib) set(path, content string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.files[path] = content
}

// compile checks src and returns an engine over lib.
func compile(t testing.TB, src string, lib builtin.Caller) *eval.Engine {
	t.Helper()
	return compileWith(t, src, eval.Options{Caller: lib, Hostname: "host"})
}

// compileWith compiles src against the fake registry and returns its
// engine with opts (their Registry set).
func compileWith(t testing.TB, src string, opts eval.Options) *eval.Engine {
	t.Helper()
	path := filepath.Join(t.TempDir(), "main.mcl")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	reg := cases.FakeRegistry()
	p, err := lang.Compile(path, reg)
	if err != nil {
		t.Fatalf("compile: %s", p.Explain(err))
	}
	opts.Registry = reg
	return p.Engine(opts)
}

// graph evaluates and returns "kind[name] s=..." lines and edge lines,
// sorted.
func graph(t *testing.T, e *eval.Engine) []string {
	t.Helper()
	out, err := e.Eval(t.Context())
	if err != nil {
		t.Fatalf("eval: %v", err)
	}
	var lines []string
	for _, r := range out.Resources {
		line := r.ID()
		if s, ok := r.Params["s"]; ok {
			line += " s=" + string(s.(hostabi.StrValue))
		}
		lines = append(lines, line)
	}
	for _, ed := range out.Edges {
		line := ed.From.String() + " -> " + ed.To.String()
		if ed.SendKey != "" {
			line += " " + ed.SendKey + ":" + ed.RecvKey
		}
		lines = append(lines, line)
	}
	sort.Strings(lines)
	return lines
}

// invalidate marks the readfile call of path as changed, as the watch of
// that path firing would.
func invalidate(t *testing.T, e *eval.Engine, path string) {
	t.Helper()
	for _, s := range e.Sources() {
		for _, w := range s.Watches {
			if w.Path == path {
				e.Invalidate(s.Key)
				return
			}
		}
	}
	t.Fatalf("no source watches %s; sources: %v", path, e.Sources())
}

func TestEval(t *testing.T) {
	for _, tt := range []struct {
		name, src string
		want      []string
	}{
		{"binds in any order", `res $n { s => $v, }
$v = $n + "!"
$n = "a"`, []string{"res[a] s=a!"}},
		{"list of names", `res ["a", "b"] { s => "x", }`, []string{"res[a] s=x", "res[b] s=x"}},
		{"conditional param", `res "a" { s => false ?: "x", }
res "b" { s => true ?: "y", }`, []string{"res[a]", "res[b] s=y"}},
		{"if statement", `if 1 > 2 { res "no" {} } else { res "yes" {} }`, []string{"res[yes]"}},
		{"if expression", `res if true { "t" } else { "f" } {}`, []string{"res[t]"}},
		{"for", `for $i, $v in ["a", "b"] { res "${v}" { i => $i, } }`, []string{"res[a]", "res[b]"}},
		{"forkv", `forkv $k, $v in {"a" => "1", "b" => "2"} { res $k { s => $v, } }`, []string{"res[a] s=1", "res[b] s=2"}},
		{"lambda", `$f = func($x) { $x + $x }
res $f("ab") {}`, []string{"res[abab]"}},
		{"function statement", `func twice($x) { $x + $x }
res twice("c") {}`, []string{"res[cc]"}},
		{"closure", `$p = "pre-"
$f = func($x) { $p + $x }
res $f("x") {}`, []string{"res[pre-x]"}},
		{"iter.map", `import "iter"
$l = iter.map(["a", "b"], func($x) { $x + "!" })
res $l {}`, []string{"res[a!]", "res[b!]"}},
		{"iter.filter", `import "iter"
$l = iter.filter(["a", "bb", "ccc"], func($x) { len($x) > 1 })
res $l {}`, []string{"res[bb]", "res[ccc]"}},
		{"iter.range", `import "iter"
res if iter.range(1, 7, 2) == [1, 3, 5] { "ok" } else { "bad" } {}`, []string{"res[ok]"}},
		{"iter.reduce", `import "iter"
res if iter.reduce(10, [1, 2, 3], func($a, $b) { $a + $b }) == 16 { "ok" } else { "bad" } {}`, []string{"res[ok]"}},
		{"class and include", `class c($x) { res $x {} }
include c("a")
include c("b")`, []string{"res[a]", "res[b]"}},
		{"include as", `class c($x) { $y = $x + "2" }
include c("a") as i
res $i.y {}`, []string{"res[a2]"}},
		{"struct lookup", `$s = struct{a => "x", b => 1}
res $s->a {}`, []string{"res[x]"}},
		{"struct lookup default", `$s = struct{a => "x"}
res $s->zz <|> "d" {}`, []string{"res[d]"}},
		{"map index", `$m = {"k" => "v"}
res $m["k"] {}`, []string{"res[v]"}},
		{"missing key caught", `$m = {"k" => "v"}
res $m["nope"] <|> "caught" {}`, []string{"res[caught]"}},
		{"division by zero caught", `$x = 1.0 / 0.0 <|> 7.0
res "r" { s => if $x == 7.0 { "caught" } else { "no" }, }`, []string{"res[r] s=caught"}},
		{"later map key wins", `$k = "k"
$m = {"k" => "a", $k => "b"}
res $m["k"] {}`, []string{"res[b]"}},
		{"edges", `res "a" { Before => Sink["b"], }
sink "b" {}
sink "c" {}
Sink["b"] -> Sink["c"]`, []string{"res[a]", "res[a] -> sink[b]", "sink[b]", "sink[b] -> sink[c]", "sink[c]"}},
		{"send recv", `res "a" {}
res "b" {}
Res["a"].out -> Res["b"].s`, []string{"res[a]", "res[a] -> res[b] out:s", "res[b]"}},
		{"identical duplicates merge", `res "a" { s => "x", }
res "a" { s => "x", }`, []string{"res[a] s=x"}},
		{"empty name list", `res [] {}`, nil},
		{"polymorphic function result", `import "math"
func ft() { math.fortytwo() }
res "r" { s => if ft() + 1 == 43 and ft() + 0.5 == 42.5 { "ok" } else { "bad" }, }`, []string{"res[r] s=ok"}},
		{"hostname", `res $hostname {}`, []string{"res[host]"}},
		{"purpleidea", `res $purpleidea {}`, []string{"res[hello world!]"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := graph(t, compile(t, tt.src, newFakeLib(nil)))
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestEvalErrors(t *testing.T) {
	for _, tt := range []struct {
		name, src, want string
		line            int
	}{
		{"missing key", "$m = {\"k\" => \"v\"}\nres $m[\"x\"] {}", "map key \"x\" not found", 2},
		{"index out of range", "$l = [\"a\"]\nres $l[3] {}", "out of range", 2},
		{"division by zero", "$x = 1 / 0\nres \"a\" { s => if $x > 0.0 { \"p\" } else { \"n\" }, }", "divide by zero", 1},
		{"panic", "res \"a\" {}\npanic(\"boom\")", "panic: boom", 2},
		{"inequivalent duplicate", "res \"a\" { s => \"x\", }\nres \"a\" { s => \"y\", }", "inequivalent duplicate resource `res[a]`", 2},
		{"edge to undeclared", "res \"a\" {}\nRes[\"a\"] -> Sink[\"nope\"]", "sink[nope] is not declared", 2},
		{"library error", "import \"os\"\nres os.readfile(\"/missing\") {}", "no such file", 2},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compile(t, tt.src, newFakeLib(map[string]string{})).Eval(t.Context())
			var e *eval.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want an *eval.Error", err)
			}
			if !strings.Contains(e.Msg, tt.want) || e.Pos.Line != tt.line {
				t.Fatalf("got %q at line %d, want %q at line %d", e.Msg, e.Pos.Line, tt.want, tt.line)
			}
		})
	}
}

// TestChangePropagation changes one of two sources: only the calls that
// depend on it run again, and the output follows.
func TestChangePropagation(t *testing.T) {
	lib := newFakeLib(map[string]string{"/a": "one", "/b": "two"})
	e := compile(t, `import "os"
import "strings"
res strings.to_upper(os.readfile("/a")) {}
res strings.to_upper(os.readfile("/b")) {}
`, lib)
	if got := strings.Join(graph(t, e), " "); got != "res[ONE] res[TWO]" {
		t.Fatalf("first graph: %s", got)
	}
	if n := len(e.Sources()); n != 2 {
		t.Fatalf("%d sources, want 2 (the two readfile calls)", n)
	}
	// No change: nothing is called again.
	graph(t, e)
	if lib.count("os.readfile") != 2 || lib.count("strings.to_upper") != 2 {
		t.Fatalf("an evaluation without change called the library: %v", lib.calls)
	}
	lib.set("/a", "uno")
	invalidate(t, e, "/a")
	if got := strings.Join(graph(t, e), " "); got != "res[TWO] res[UNO]" {
		t.Fatalf("after the change: %s", got)
	}
	if n := lib.count(`os.readfile("/b")`); n != 1 {
		t.Fatalf("the unchanged source was read %d times, want 1", n)
	}
	if n := lib.count(`strings.to_upper("two")`); n != 1 {
		t.Fatalf("the call on the unchanged value ran %d times, want 1", n)
	}
	if n := lib.count(`strings.to_upper("uno")`); n != 1 {
		t.Fatalf("the call on the new value ran %d times, want 1", n)
	}
}

// TestBranchSwitch checks that only the live branch of an if runs, and
// that flipping the condition switches the graph.
func TestBranchSwitch(t *testing.T) {
	lib := newFakeLib(map[string]string{"/flag": "on"})
	e := compile(t, `import "os"
import "strings"
if os.readfile("/flag") == "on" {
	res strings.to_upper("then") {}
} else {
	res strings.to_upper("else") {}
}
`, lib)
	if got := strings.Join(graph(t, e), " "); got != "res[THEN]" {
		t.Fatalf("first graph: %s", got)
	}
	if n := lib.count(`strings.to_upper("else")`); n != 0 {
		t.Fatalf("the dead branch ran %d calls", n)
	}
	lib.set("/flag", "off")
	invalidate(t, e, "/flag")
	if got := strings.Join(graph(t, e), " "); got != "res[ELSE]" {
		t.Fatalf("after the switch: %s", got)
	}
}

// TestForRebuild checks that a for loop has one body per element of a
// changing list.
func TestForRebuild(t *testing.T) {
	lib := newFakeLib(map[string]string{"/list": "a,b"})
	e := compile(t, `import "os"
import "strings"
for $i, $n in strings.split(os.readfile("/list"), ",") {
	res $n { i => $i, }
}
`, lib)
	if got := strings.Join(graph(t, e), " "); got != "res[a] res[b]" {
		t.Fatalf("first graph: %s", got)
	}
	lib.set("/list", "a,c,d")
	invalidate(t, e, "/list")
	if got := strings.Join(graph(t, e), " "); got != "res[a] res[c] res[d]" {
		t.Fatalf("after the change: %s", got)
	}
}

// TestErrorRecovers checks that a source that fails makes the evaluation
// fail with its position, and that the program recovers when it is back.
func TestErrorRecovers(t *testing.T) {
	lib := newFakeLib(map[string]string{"/a": "x"})
	e := compile(t, "import \"os\"\nres os.readfile(\"/a\") {}\n", lib)
	graph(t, e)
	lib.mu.Lock()
	delete(lib.files, "/a")
	lib.mu.Unlock()
	invalidate(t, e, "/a")
	if _, err := e.Eval(t.Context()); err == nil || !strings.Contains(err.Error(), "main.mcl:2:") {
		t.Fatalf("got %v, want the error at main.mcl:2", err)
	}
	if len(e.Sources()) != 1 {
		t.Fatalf("the failed call's watch was dropped: %v", e.Sources())
	}
	lib.set("/a", "back")
	invalidate(t, e, "/a")
	if got := strings.Join(graph(t, e), " "); got != "res[back]" {
		t.Fatalf("after recovery: %s", got)
	}
}

// TestOutputEqual checks that an evaluation after a source change that
// leaves the declared graph alone gives an equal output, and one that
// changes a param does not.
func TestOutputEqual(t *testing.T) {
	lib := newFakeLib(map[string]string{"/a": "x"})
	e := compile(t, "import \"os\"\n$v = os.readfile(\"/a\")\nres \"r\" { s => if $v == \"z\" { \"zed\" } else { \"other\" }, }\n", lib)
	first, err := e.Eval(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	lib.set("/a", "y")
	invalidate(t, e, "/a")
	same, err := e.Eval(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !same.Equal(first) {
		t.Fatal("a source change that declares the same graph gives an unequal output")
	}
	lib.set("/a", "z")
	invalidate(t, e, "/a")
	changed, err := e.Eval(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if changed.Equal(first) {
		t.Fatal("a changed param gives an equal output")
	}
}
