package interpolate

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/internal/cases"
	"github.com/mgmt-wasm/mgmt/lang/parser"
)

func lit(text string, off, end int) Segment { return Segment{Text: text, Off: off, End: end} }
func ref(name string, off, end int) Segment {
	return Segment{IsVar: true, Text: name, Off: off, End: end}
}

func TestParse(t *testing.T) {
	tests := []struct {
		raw  string
		want []Segment
	}{
		{``, nil},
		{`hello`, []Segment{lit("hello", 0, 5)}},
		{`a\tb`, []Segment{lit("a\tb", 0, 4)}},
		{`\a\b\f\n\r\t\v\\\"\$`, []Segment{lit("\a\b\f\n\r\t\v\\\"$", 0, 20)}},
		{`${x}`, []Segment{ref("x", 0, 4)}},
		{`hi ${name}!`, []Segment{lit("hi ", 0, 3), ref("name", 3, 10), lit("!", 10, 11)}},
		{`${a}${b}`, []Segment{ref("a", 0, 4), ref("b", 4, 8)}},
		{`${i1.x}`, []Segment{ref("i1.x", 0, 7)}},
		{`${const.res.file.state.exists}`, []Segment{ref("const.res.file.state.exists", 0, 30)}},
		{`${a_b_}`, []Segment{ref("a_b_", 0, 7)}},
		{`${a.1}`, []Segment{ref("a.1", 0, 6)}},
		{`$foo`, []Segment{lit("$foo", 0, 4)}},
		{`$`, []Segment{lit("$", 0, 1)}},
		{`$$`, []Segment{lit("$$", 0, 2)}},
		{`$${x}`, []Segment{lit("$", 0, 1), ref("x", 1, 5)}},
		{`\${x}`, []Segment{lit("${x}", 0, 5)}},
		{`{x}`, []Segment{lit("{x}", 0, 3)}},
		{"two\nlines", []Segment{lit("two\nlines", 0, 9)}},
		{`${x}\n`, []Segment{ref("x", 0, 4), lit("\n", 4, 6)}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.raw)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.raw, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) =\n %+v, want\n %+v", tt.raw, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		raw string
		off int
		msg string
	}{
		{`X: \z`, 3, `unknown escape sequence: \z`},
		{`there is no \j sequence`, 12, `unknown escape sequence: \j`},
		{`\0`, 0, `unknown escape sequence: \0`},
		{`\é`, 0, `unknown escape sequence: \é`},
		{`X: ${}`, 3, `cannot parse string: X: ${}`},
		{`${`, 0, `cannot parse string: ${`},
		{`${x`, 0, `cannot parse string: ${x`},
		{`${Foo}`, 0, `cannot parse string: ${Foo}`},
		{`${1x}`, 0, `cannot parse string: ${1x}`},
		{`${a..b}`, 0, `cannot parse string: ${a..b}`},
		{`${a.}`, 0, `cannot parse string: ${a.}`},
		{`${a + b}`, 0, `cannot parse string: ${a + b}`},
		{`ok ${x} ${`, 8, `cannot parse string: ok ${x} ${`},
		{`trailing\`, 8, `cannot parse string: trailing\`},
	}
	for _, tt := range tests {
		_, err := Parse(tt.raw)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("Parse(%q): got %v, want a *SyntaxError", tt.raw, err)
			continue
		}
		if se.Off != tt.off || se.Msg != tt.msg {
			t.Errorf("Parse(%q): error at %d %q, want at %d %q", tt.raw, se.Off, se.Msg, tt.off, tt.msg)
		}
	}
}

func parse(t *testing.T, src string) *ast.Module {
	t.Helper()
	m, err := parser.ParseFile("main.mcl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func pos(line, col int) ast.Pos { return ast.Pos{File: "main.mcl", Line: line, Col: col} }

func TestModule(t *testing.T) {
	m := parse(t, "$a = \"plain\\tx\"\n$b = \"hi ${name}\\n\"\ntest \"multi\nline ${x.y}\" {}\n")
	if err := Module(m); err != nil {
		t.Fatal(err)
	}
	a := m.Body[0].(*ast.StmtBind).Value.(*ast.ExprStr)
	if !a.Decoded || a.Value != "plain\tx" || a.Raw != `plain\tx` {
		t.Errorf("$a: got %+v", a)
	}
	b := m.Body[1].(*ast.StmtBind).Value.(*ast.ExprInterp)
	if b.Pos() != pos(2, 6) || b.End() != pos(2, 20) || len(b.Parts) != 3 {
		t.Fatalf("$b: got %+v", b)
	}
	if s := b.Parts[0].(*ast.ExprStr); s.Value != "hi " || s.Pos() != pos(2, 7) || s.End() != pos(2, 10) {
		t.Errorf("$b part 0: %+v", s)
	}
	if v := b.Parts[1].(*ast.ExprVar); v.Name != "name" || v.Pos() != pos(2, 10) || v.End() != pos(2, 17) {
		t.Errorf("$b part 1: %+v", v)
	}
	if s := b.Parts[2].(*ast.ExprStr); s.Value != "\n" || s.Raw != `\n` || s.Pos() != pos(2, 17) {
		t.Errorf("$b part 2: %+v", s)
	}
	res := m.Body[2].(*ast.StmtRes).Name.(*ast.ExprInterp)
	if v := res.Parts[1].(*ast.ExprVar); v.Name != "x.y" || v.Pos() != pos(4, 6) || v.End() != pos(4, 12) {
		t.Errorf("res part 1: %+v", v)
	}
	// Running again changes nothing.
	if err := Module(m); err != nil {
		t.Fatal(err)
	}
}

func TestModuleReachesEveryString(t *testing.T) {
	src := `import "fmt"
$a = ["${x}", {"${x}" => struct{f => "${x}"}}]
$b = if "${x}" == "" { fn("${x}") } else { $f("${x}")["${x}"] }
$c = func($p) { "${x}" }("${x}")->f <|> "${x}"
test "${x}" {
	p => "${x}" ?: "${x}",
	Notify => "${x}" ?: Test["${x}"],
	Meta:noop => "${x}",
}
Test["${x}"] -> Test["${x}"]
for $i, $v in "${x}" { include c("${x}") }
forkv $k, $v in "${x}" { panic("${x}") }
collect file "${x}" { Meta => "${x}", }
func f($a) { not "${x}" }
class c($a) { if "${x}" { $z = ("${x}") } }
`
	m := parse(t, src)
	if err := Module(m); err != nil {
		t.Fatal(err)
	}
	interps := 0
	ast.Inspect(m, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.ExprInterp:
			interps++
		case *ast.ExprStr:
			if s := n.(*ast.ExprStr); !s.Decoded {
				t.Errorf("%s: string %q not interpolated", s.Pos(), s.Raw)
			}
		}
		return true
	})
	if want := strings.Count(src, "${x}"); interps != want {
		t.Errorf("got %d interpolated strings, want %d", interps, want)
	}
}

func TestModuleErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"test \"X: ${}\" {}\n", `main.mcl:1:10: interpolate: cannot parse string: X: ${}`},
		{"test \"X: \\z\" {}\n", `main.mcl:1:10: interpolate: unknown escape sequence: \z`},
		{"$x = [\n\t\"ok\",\n\t\"a\nb\\q\",\n]\n", `main.mcl:4:2: interpolate: unknown escape sequence: \q`},
	}
	for _, tt := range tests {
		err := Module(parse(t, tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: got %v, want %s", tt.src, err, tt.want)
		}
	}
}

// TestConformance checks upstream's cases: those that fail with
// errInterpolate must fail here, and every case that parses and is not
// expected to fail at interpolation must interpolate.
func TestConformance(t *testing.T) {
	cs, err := cases.Load(cases.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) == 0 {
		t.Skipf("no conformance cases in %s", cases.Dir)
	}
	agree, checked := 0, 0
	for _, c := range cs {
		if c.ErrClass() == "errLexParse" {
			continue
		}
		checked++
		wantFail := c.ErrClass() == "errInterpolate"
		var errs []string
		for _, f := range c.MCL {
			m, err := parser.ParseFile("/"+f.Name, f.Data)
			if err == nil {
				err = Module(m)
			}
			if err != nil {
				errs = append(errs, err.Error())
			}
		}
		switch {
		case wantFail && len(errs) == 0:
			t.Errorf("%s: interpolated, but upstream rejects it: %s", c.Name, strings.TrimSpace(c.Output))
		case !wantFail && len(errs) > 0:
			t.Errorf("%s: %s", c.Name, strings.Join(errs, "; "))
		default:
			agree++
		}
	}
	t.Logf("conformance: %d of %d parsable cases agree with upstream on interpolation", agree, checked)
}
