package golangfuncs

import (
	"math"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/lib/osfuncs/hostinfo/fakehost"
)

var inf, nan = math.Inf(1), math.NaN()

// mathTable has hand-worked values of golang/math.
func mathTable() []tc {
	return []tc{
		{name: "math.abs", args: a(f(-2.5)), want: f(2.5)},
		{name: "math.acos", args: a(f(1)), want: f(0)},
		{name: "math.acos", args: a(f(2)), want: f(nan)},
		{name: "math.acosh", args: a(f(2)), want: f(1.3169578969248166)},
		{name: "math.asin", args: a(f(1)), want: f(math.Pi / 2)},
		{name: "math.asinh", args: a(f(1)), want: f(0.881373587019543)},
		{name: "math.atan", args: a(f(1)), want: f(math.Pi / 4)},
		{name: "math.atan_2", args: a(f(0), f(-1)), want: f(math.Pi)},
		{name: "math.atan_2", args: a(f(1), f(0)), want: f(math.Pi / 2)},
		{name: "math.atanh", args: a(f(1)), want: f(inf)},
		{name: "math.cbrt", args: a(f(-27)), want: f(-3)},
		{name: "math.ceil", args: a(f(1.2)), want: f(2)},
		{name: "math.copysign", args: a(f(3), f(-1)), want: f(-3)},
		{name: "math.cos", args: a(f(math.Pi)), want: f(-1)},
		{name: "math.cosh", args: a(f(0)), want: f(1)},
		{name: "math.dim", args: a(f(5), f(3)), want: f(2)},
		{name: "math.dim", args: a(f(3), f(5)), want: f(0)},
		{name: "math.erf", args: a(f(inf)), want: f(1)},
		{name: "math.erfc", args: a(f(0)), want: f(1)},
		{name: "math.erfcinv", args: a(f(0)), want: f(inf)},
		{name: "math.erfinv", args: a(f(-1)), want: f(-inf)},
		{name: "math.exp", args: a(f(1)), want: f(2.718281828459045)},
		{name: "math.exp_2", args: a(f(10)), want: f(1024)},
		{name: "math.expm_1", args: a(f(0)), want: f(0)},
		{name: "math.floor", args: a(f(-1.5)), want: f(-2)},
		{name: "math.fma", args: a(f(2), f(3), f(4)), want: f(10)},
		{name: "math.gamma", args: a(f(5)), want: f(24)},
		{name: "math.hypot", args: a(f(3), f(4)), want: f(5)},
		{name: "math.ilogb", args: a(f(8)), want: i(3)},
		{name: "math.inf", args: a(i(-1)), want: f(-inf)},
		{name: "math.is_inf", args: a(f(inf), i(1)), want: b(true)},
		{name: "math.is_inf", args: a(f(inf), i(-1)), want: b(false)},
		{name: "math.is_na_n", args: a(f(nan)), want: b(true)},
		{name: "math.j_0", args: a(f(0)), want: f(1)},
		{name: "math.j_1", args: a(f(0)), want: f(0)},
		{name: "math.jn", args: a(i(2), f(0)), want: f(0)},
		{name: "math.ldexp", args: a(f(0.5), i(3)), want: f(4)},
		{name: "math.log", args: a(f(math.E)), want: f(1)},
		{name: "math.log_10", args: a(f(1000)), want: f(3)},
		{name: "math.log_1_p", args: a(f(-1)), want: f(-inf)},
		{name: "math.log_2", args: a(f(8)), want: f(3)},
		{name: "math.logb", args: a(f(10)), want: f(3)},
		{name: "math.max", args: a(f(1), f(2)), want: f(2)},
		{name: "math.min", args: a(f(1), f(2)), want: f(1)},
		{name: "math.mod", args: a(f(7), f(3)), want: f(1)},
		{name: "math.na_n", want: f(nan)},
		{name: "math.nextafter", args: a(f(1), f(2)), want: f(1.0000000000000002)},
		{name: "math.pow", args: a(f(2), f(10)), want: f(1024)},
		{name: "math.pow_10", args: a(i(3)), want: f(1000)},
		{name: "math.remainder", args: a(f(7), f(4)), want: f(-1)},
		{name: "math.round", args: a(f(2.5)), want: f(3)},
		{name: "math.round_to_even", args: a(f(2.5)), want: f(2)},
		{name: "math.signbit", args: a(f(-1)), want: b(true)},
		{name: "math.sin", args: a(f(math.Pi / 2)), want: f(1)},
		{name: "math.sinh", args: a(f(1)), want: f(1.1752011936438014)},
		{name: "math.sqrt", args: a(f(16)), want: f(4)},
		{name: "math.tan", args: a(f(math.Pi / 4)), want: f(1)},
		{name: "math.tanh", args: a(f(inf)), want: f(1)},
		{name: "math.trunc", args: a(f(-2.7)), want: f(-2)},
		{name: "math.y_0", args: a(f(0)), want: f(-inf)},
		{name: "math.y_1", args: a(f(1)), want: f(-0.7812128213002887)},
		{name: "math.yn", args: a(i(2), f(0)), want: f(-inf)},
		// Wrong arguments are errors, not panics.
		{name: "math.abs", args: a(s("x")), err: "argument 0: expected float64, got str"},
		{name: "math.abs", err: "expected 1 arguments, got 0"},
	}
}

// textTable has hand-worked values of golang/strings, golang/html and
// golang/strconv.
func textTable() []tc {
	return []tc{
		{name: "html.escape_string", args: a(s(`<a href="x">&'`)), want: s(`&lt;a href=&#34;x&#34;&gt;&amp;&#39;`)},
		{name: "html.unescape_string", args: a(s("&lt;&aacute;&#225;")), want: s("<áá")},

		{name: "strings.clone", args: a(s("abc")), want: s("abc")},
		{name: "strings.compare", args: a(s("a"), s("b")), want: i(-1)},
		{name: "strings.contains", args: a(s("seafood"), s("foo")), want: b(true)},
		{name: "strings.contains_any", args: a(s("failure"), s("ui")), want: b(true)},
		{name: "strings.count", args: a(s("cheese"), s("e")), want: i(3)},
		{name: "strings.count", args: a(s("five"), s("")), want: i(5)},
		{name: "strings.equal_fold", args: a(s("Go"), s("GO")), want: b(true)},
		{name: "strings.has_prefix", args: a(s("golang"), s("go")), want: b(true)},
		{name: "strings.has_suffix", args: a(s("golang"), s("go")), want: b(false)},
		{name: "strings.index", args: a(s("chicken"), s("ken")), want: i(4)},
		{name: "strings.index_any", args: a(s("golang"), s("ny")), want: i(4)},
		{name: "strings.join", args: a(fakehost.Strs("a", "b", "c"), s("-")), want: s("a-b-c")},
		{name: "strings.last_index", args: a(s("go gopher"), s("go")), want: i(3)},
		{name: "strings.last_index_any", args: a(s("go gopher"), s("go")), want: i(4)},
		{name: "strings.repeat", args: a(s("na"), i(2)), want: s("nana")},
		{name: "strings.repeat", args: a(s("na"), i(-1)), err: "negative count"},
		{name: "strings.repeat", args: a(s("na"), i(1<<40)), err: "longer than"},
		{name: "strings.replace", args: a(s("oink oink oink"), s("k"), s("ky"), i(2)), want: s("oinky oinky oink")},
		{name: "strings.replace_all", args: a(s("oink oink"), s("oink"), s("moo")), want: s("moo moo")},
		{name: "strings.title", args: a(s("her royal highness")), want: s("Her Royal Highness")},
		{name: "strings.to_lower", args: a(s("Gopher")), want: s("gopher")},
		{name: "strings.to_title", args: a(s("loud")), want: s("LOUD")},
		{name: "strings.to_upper", args: a(s("Gopher")), want: s("GOPHER")},
		{name: "strings.to_valid_utf_8", args: a(s("a\xffb"), s("?")), want: s("a?b")},
		{name: "strings.trim", args: a(s("xxhixx"), s("x")), want: s("hi")},
		{name: "strings.trim_left", args: a(s("xxhixx"), s("x")), want: s("hixx")},
		{name: "strings.trim_prefix", args: a(s("prefix-body"), s("prefix-")), want: s("body")},
		{name: "strings.trim_right", args: a(s("xxhixx"), s("x")), want: s("xxhi")},
		{name: "strings.trim_space", args: a(s("  hi \n")), want: s("hi")},
		{name: "strings.trim_suffix", args: a(s("a.go"), s(".go")), want: s("a")},
		{name: "strings.join", args: a(s("a"), s("-")), err: "argument 0: expected []string, got str"},

		{name: "strconv.append_bool", args: a(s("x:"), b(true)), want: s("x:true")},
		{name: "strconv.append_int", args: a(s("n="), i(-255), i(16)), want: s("n=-ff")},
		{name: "strconv.append_int", args: a(s(""), i(1), i(1)), err: "base 1"},
		{name: "strconv.append_quote", args: a(s("q:"), s(`a"b`)), want: s(`q:"a\"b"`)},
		{name: "strconv.append_quote_to_ascii", args: a(s(""), s("☺")), want: s(`"\u263a"`)},
		{name: "strconv.append_quote_to_graphic", args: a(s(">"), s("☺\t")), want: s(`>"☺\t"`)},
		{name: "strconv.atoi", args: a(s("-42")), want: i(-42)},
		{name: "strconv.atoi", args: a(s("4x")), err: "invalid syntax"},
		{name: "strconv.can_backquote", args: a(s("a`b")), want: b(false)},
		{name: "strconv.format_bool", args: a(b(false)), want: s("false")},
		{name: "strconv.format_int", args: a(i(255), i(2)), want: s("11111111")},
		{name: "strconv.format_int", args: a(i(1), i(37)), err: "base 37"},
		{name: "strconv.itoa", args: a(i(-7)), want: s("-7")},
		{name: "strconv.parse_bool", args: a(s("T")), want: b(true)},
		{name: "strconv.parse_bool", args: a(s("yes")), err: "invalid syntax"},
		{name: "strconv.parse_float", args: a(s("1.5e3"), i(64)), want: f(1500)},
		{name: "strconv.parse_int", args: a(s("-0x1f"), i(0), i(64)), want: i(-31)},
		{name: "strconv.parse_int", args: a(s("300"), i(10), i(8)), err: "out of range"},
		{name: "strconv.quote", args: a(s("hi\n")), want: s(`"hi\n"`)},
		{name: "strconv.quote_to_ascii", args: a(s("é")), want: s(`"\u00e9"`)},
		{name: "strconv.quote_to_graphic", args: a(s("é\n")), want: s(`"é\n"`)},
		{name: "strconv.quoted_prefix", args: a(s(`"ab"cd`)), want: s(`"ab"`)},
		{name: "strconv.unquote", args: a(s(`"a\tb"`)), want: s("a\tb")},
		{name: "strconv.unquote", args: a(s("x")), err: "invalid syntax"},
	}
}

// pathTable has hand-worked values of golang/path and the lexical part of
// golang/path/filepath.
func pathTable() []tc {
	return []tc{
		{name: "path.base", args: a(s("/a/b/")), want: s("b")},
		{name: "path.clean", args: a(s("a//b/../c/.")), want: s("a/c")},
		{name: "path.dir", args: a(s("/a/b/c")), want: s("/a/b")},
		{name: "path.ext", args: a(s("x.tar.gz")), want: s(".gz")},
		{name: "path.is_abs", args: a(s("/x")), want: b(true)},
		{name: "path.join", args: a(fakehost.Strs("a", "", "b/", "../c")), want: s("a/c")},
		{name: "path.join", args: a(fakehost.Strs()), want: s("")},
		{name: "path.match", args: a(s("*.go"), s("x.go")), want: b(true)},
		{name: "path.match", args: a(s("["), s("x")), err: "syntax error in pattern"},

		{name: "path/filepath.base", args: a(s("/a/b.txt")), want: s("b.txt")},
		{name: "path/filepath.clean", args: a(s("/../a//b")), want: s("/a/b")},
		{name: "path/filepath.dir", args: a(s("a/b")), want: s("a")},
		{name: "path/filepath.ext", args: a(s("a/b.c")), want: s(".c")},
		{name: "path/filepath.from_slash", args: a(s("a/b")), want: s("a/b")},
		{name: "path/filepath.has_prefix", args: a(s("/a/bc"), s("/a/b")), want: b(true)},
		{name: "path/filepath.is_abs", args: a(s("a")), want: b(false)},
		{name: "path/filepath.is_local", args: a(s("../x")), want: b(false)},
		{name: "path/filepath.is_local", args: a(s("a/b")), want: b(true)},
		{name: "path/filepath.join", args: a(fakehost.Strs("/a", "b")), want: s("/a/b")},
		{name: "path/filepath.localize", args: a(s("a/b")), want: s("a/b")},
		{name: "path/filepath.localize", args: a(s("../a")), err: "invalid path"},
		{name: "path/filepath.match", args: a(s("a?c"), s("abc")), want: b(true)},
		{name: "path/filepath.rel", args: a(s("/a"), s("/a/b/c")), want: s("b/c")},
		{name: "path/filepath.rel", args: a(s("a"), s("/b")), err: "can't make /b relative to a"},
		{name: "path/filepath.to_slash", args: a(s("a/b")), want: s("a/b")},
		{name: "path/filepath.volume_name", args: a(s("/a")), want: s("")},
	}
}

func TestMath(t *testing.T)  { run(t, nil, mathTable()) }
func TestText(t *testing.T)  { run(t, nil, textTable()) }
func TestPaths(t *testing.T) { run(t, nil, pathTable()) }
