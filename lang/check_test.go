package lang_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/mgmt-wasm/mgmt/lang/internal/cases"
)

// checkFiles writes files into a folder and checks its main.mcl.
func checkFiles(t testing.TB, files map[string]string) error {
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, err := lang.Check(filepath.Join(dir, "main.mcl"), cases.FakeRegistry(), lang.CheckOptions{})
	return err
}

// TestCheckScopeAndTypes covers every construct of the scope and type
// phases: each case is a program (main.mcl, maybe more files) and the
// expected result: "" for a valid program, else "line:col: phase:" and a
// part of the message.
func TestCheckScopeAndTypes(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		// scope
		{"order independent", m(`res $a { s => $b, }` + "\n" + `$a = "x"` + "\n" + `$b = "y"`), ""},
		{"undefined var", m(`res "a" { s => $x, }`), "1:16: scope: var `$x` does not exist"},
		{"undefined func", m(`res "a" { s => f(), }`), "1:16: scope: func `f` does not exist"},
		{"undefined class", m(`include c`), "1:1: scope: class `c` does not exist"},
		{"duplicate bind", m("$x = 1\n$x = 2"), "2:1: scope: duplicate assignment to `var:x`"},
		{"duplicate func", m("func f() { 1 }\nfunc f() { 2 }"), "2:1: scope: duplicate"},
		{"separate namespaces", m("$f = 1\nfunc f() { $f }\nclass f { res f() {} }\ninclude f"), "3:15: type: type error: a resource name"},
		{"recursive bind", m("$x = $x + 1"), "1:6: scope: recursive reference"},
		{"recursive func", m("func f($a) { f($a) }"), "1:14: scope: recursive reference"},
		{"recursive lambda", m("$f = func() { $f() }"), "1:15: scope: recursive reference"},
		{"recursive class", m("class a { include b }\nclass b { include a }"), "scope: recursive reference"},
		{"shadowing in if", m("$x = 1\nif true {\n\t$x = \"s\"\n\tres $x {}\n}"), ""},
		{"shadowing class param", m("class c($x) {\n\t$x = \"in\"\n\tres $x {}\n}\ninclude c(1)"), ""},
		{"loop scope", m("for $i, $v in [\"a\"] {\n\tres $v { i => $i, }\n}\nres $v {}"), "4:5: scope: var `$v` does not exist"},
		{"forkv", m("forkv $k, $v in {\"a\" => 1} {\n\tres $k { i => $v, }\n}"), ""},
		{"lambda scope is lexical", m("$x = \"top\"\n$f = func() { $x }\n$g = func($x) { $f() + $x }\nres $g(\"!\") {}"), ""},
		{"func not exported by include", m("class c { func f() { \"s\" } }\ninclude c\nres f() {}"), "3:5: scope: func `f` does not exist"},
		{"include alias vars funcs classes", m("class c($a) {\n\t$x = $a\n\tfunc f() { $a }\n\tclass d { $y = \"d\" }\n}\ninclude c(\"s\") as i\ninclude i.d as j\nres $i.x { s => i.f(), }\nres $j.y {}"), ""},
		{"nested sugar", m("class b($s) { $m = $s }\nclass b:inner($z) { $l = $m + $z }\ninclude b(\"w\") as x\ninclude x.inner(\"z\") as y\nres $y.l {}"), ""},
		{"duplicate alias", m("import \"fmt\" as i\nclass c {}\ninclude c as i"), "3:1: scope: duplicate assignment to `scoped:i`"},
		{"bare include", m("class c {}\ninclude c as *"), "parse: `include ... as *`"},
		{"class arg count", m("class c($a) {}\ninclude c"), "2:1: scope: class `c` takes 1 args, got 0"},
		{"core import", m("import \"fmt\"\nres fmt.printf(\"%d\", 1) {}"), ""},
		{"core import alias", m("import \"fmt\" as f\nres f.printf(\"%s\", \"a\") {}"), ""},
		{"core import star", m("import \"fmt\" as *\nres printf(\"%s\", \"a\") {}"), ""},
		{"no import", m("res fmt.printf(\"%s\", \"a\") {}"), "1:5: scope: func `fmt.printf` does not exist"},
		{"unknown package", m("import \"nope\""), "1:1: scope: import of \"nope\""},
		{"file import", map[string]string{"main.mcl": "import \"lib.mcl\"\nres $lib.x { s => lib.f(), }", "lib.mcl": "$x = \"x\"\nfunc f() { \"f\" }"}, ""},
		{"file import star", map[string]string{"main.mcl": "import \"lib.mcl\" as *\nres $x {}", "lib.mcl": "$x = \"x\""}, ""},
		{"folder import", map[string]string{"main.mcl": "import \"mod/\"\nres $mod.x {}", "mod/metadata.yaml": "main: \"top.mcl\"\n", "mod/top.mcl": "import \"sub.mcl\"\n$x = $sub.y", "mod/sub.mcl": "$y = \"y\""}, ""},
		{"folder without metadata", map[string]string{"main.mcl": "import \"mod/\"", "mod/main.mcl": ""}, "1:1: scope: module folder"},
		{"imported file runs nothing", map[string]string{"main.mcl": "import \"lib.mcl\"", "lib.mcl": "res \"a\" {}"}, "lib.mcl:1:1: scope: an imported file"},
		{"import cycle", map[string]string{"main.mcl": "import \"a.mcl\"", "a.mcl": "import \"b.mcl\"", "b.mcl": "import \"a.mcl\""}, "scope: import cycle"},
		{"import in loop", m("for $i, $v in [1] {\n\timport \"fmt\"\n}"), "2:2: scope: a StmtImport can't be contained"},
		{"builtin vars", m("res $const.res.file.state.exists { s => $hostname, }"), ""},
		{"duplicate map key", m("$m = {\"a\" => 1, \"a\" => 2}"), "1:6: scope: duplicate map key"},
		{"duplicate struct field", m("$s = struct{a => 1, a => 2}"), "1:6: scope: duplicate struct field"},
		{"duplicate res field", m("res \"a\" {\n\ts => \"a\",\n\ts => \"b\",\n}"), "3:2: scope: resource has duplicate field"},
		{"lone edge", m("Res[\"a\"]"), "1:1: scope: an edge needs two"},
		// types
		{"param type", m("res \"a\" {\n\ti => \"s\",\n}"), "2:2: type: type error: int != str"},
		{"unknown param", m("res \"a\" { zz => 1, }"), "1:11: type: resource kind `res` has no param `zz`"},
		{"unknown kind", m("nope \"a\" {}"), "1:1: type: no resource kind `nope`"},
		{"name list", m("res [\"a\", \"b\"] {}\nres [] {}"), ""},
		{"name type", m("res 1 {}"), "1:5: type: type error: a resource name"},
		{"unused bind unchecked", m("$x = 1 + \"s\""), ""},
		{"operators", m("$b = 1 + 2 * 3 > 4 and not false or 1.0 / 2.0 == 0.5\nres \"a\" { i => if $b { 1 } else { 2 }, }"), ""},
		{"plus on bool", m("res \"a\" { s => true + false, }"), "1:16: type: type error: the operands of `+` cannot be bool"},
		{"div gives float", m("res \"a\" { i => 4 / 2, }"), "1:11: type: type error: int != float"},
		{"in", m("res \"a\" { s => if \"a\" in [\"a\"] { \"y\" } else { \"n\" }, }"), ""},
		{"interpolation", m("$b = true\nres \"${b}\" {}"), "2:5: type: type error: str != bool"},
		{"list elems", m("$l = [1, \"a\"]\nres \"a\" { l => $l, }"), "1:10: type: type error"},
		{"map index", m("$m = {\"a\" => \"b\"}\nres $m[\"a\"] {}"), ""},
		{"list index", m("$l = [\"x\"]\nres $l[0] { i => $l[0], }"), "2:13: type:"},
		{"except", m("$l = [\"x\"]\nres $l[5] <|> \"d\" {}"), ""},
		{"struct lookup", m("$s = struct{a => \"x\", b => 1}\nres $s->a { i => $s->b, }"), ""},
		{"struct lookup missing", m("$s = struct{a => \"x\"}\nres $s->b {}"), "2:5: type: field b was not found"},
		{"struct lookup default", m("$s = struct{a => \"x\"}\nres $s->b <|> \"d\" { s => $s->a <|> \"e\", }"), ""},
		{"struct lookup default mismatch", m("$s = struct{a => 1}\nres $s->a <|> \"d\" {}"), "2:5: type: the default must have the type"},
		{"typed bind", m("$x int = \"s\"\nres \"a\" { i => $x, }"), "1:1: type: type error: int != str"},
		{"lambda monomorphic", m("$id = func($x) { $x }\nres $id(\"a\") { i => $id(1), }"), "type: type error"},
		{"func polymorphic", m("func id($x) { $x }\nres id(\"a\") { i => id(1), }"), ""},
		{"class polymorphic", m("class c($x) { $y = $x }\ninclude c(1) as a\ninclude c(\"s\") as b\nres $b.y { i => $a.y, }"), ""},
		{"typed class param", m("class c($x int) {}\ninclude c(\"s\")"), "2:11: type: type error: int != str"},
		{"typed lambda", m("$f = func($x int) str { $x }\nres $f(1) {}"), "1:25: type: type error: str != int"},
		{"call a non-function", m("$x = 1\nres $x(1) {}"), "2:5: type: type error"},
		{"arg count", m("res len(\"a\", \"b\") {}"), "1:5: type: func `len` takes 1 args, got 2"},
		{"polymorphic builtin", m("res \"a\" { i => len([\"a\"]) + len({\"a\" => 1}), s => concat(\"a\", \"b\"), }"), ""},
		{"printf verbs", m("import \"fmt\"\nres fmt.printf(\"%d %s %f %t %v\", 1, \"a\", 1.5, true, [1]) {}"), ""},
		{"printf arg type", m("import \"fmt\"\nres fmt.printf(\"%d\", \"a\") {}"), "2:5: type: func `fmt.printf` infer error: inconsistent type at arg index 1"},
		{"printf arg count", m("import \"fmt\"\nres fmt.printf(\"%d%d\", 1) {}"), "2:5: type: func `fmt.printf` infer error: number of args (1)"},
		{"printf static var format", m("import \"fmt\"\n$f = \"%d\"\nres fmt.printf($f, \"a\") {}"), "3:5: type: func `fmt.printf` infer error"},
		{"iter.range", m("import \"iter\"\nfor $i, $v in iter.range(1, 5) {\n\tres \"a\" { i => $v, }\n}"), ""},
		{"iter.map", m("import \"iter\"\n$l = iter.map([1, 2], func($x) { $x * 2 })\nres \"a\" { i => $l[0], }"), ""},
		{"decode_json", m("import \"encoding\"\n$m = encoding.decode_json_flexible(\"{}\", \"map{str: int}\")\nres \"a\" { i => $m[\"k\"], }"), ""},
		{"ambiguous", m("res \"a\" { i => len([]), }"), "1:16: type: ambiguous type"},
		{"map key hashable", m("$m = {[1] => 1}\nres \"a\" { i => $m[[1]], }"), "1:6: type: map key type []int is not hashable"},
		{"if expression", m("res if true { \"a\" } else { 1 } {}"), "1:5: type: type error"},
		{"if statement cond", m("if 1 { res \"a\" {} }"), "1:4: type: type error: bool != int"},
		{"elvis", m("res \"a\" { i => true ?: 1, s => 1 ?: \"s\", }"), "1:32: type: type error: bool != int"},
		{"meta", m("res \"a\" {\n\tMeta:noop => true,\n\tMeta:sema => [\"a\"],\n\tMeta:limit => 1.5,\n}"), ""},
		{"meta type", m("res \"a\" { Meta:retry => \"s\", }"), "1:11: type: type error: int != str"},
		{"meta unknown", m("res \"a\" { Meta:nope => 1, }"), "1:16: type: unknown metaparam `nope`"},
		{"meta struct count", m("res \"a\" { Meta => struct{noop => true}, }"), "1:11: type: struct field count differs"},
		{"edges", m("res \"a\" { Before => Sink[\"b\"], }\nsink \"b\" {}\nRes[\"a\"] -> Sink[[\"b\"]]"), ""},
		{"edge kind", m("Res[\"a\"] -> Nope[\"b\"]"), "1:13: type: no resource kind `nope`"},
		{"send recv", m("res \"a\" {}\nres \"b\" {}\nRes[\"a\"].out -> Res[\"b\"].s"), ""},
		{"send recv mismatch", m("Res[\"a\"].num -> Res[\"b\"].s"), "1:1: type: cannot send/recv from res.num to res.s: field kind mismatch"},
		{"send missing", m("Res[\"a\"].zz -> Res[\"b\"].s"), "key not found in send struct"},
		{"not sendable", m("Sink[\"a\"].n -> Res[\"b\"].i"), "1:1: type: cannot send from resource of kind: sink"},
		{"not recvable", m("Res[\"a\"].num -> Sink[\"b\"].n"), "1:1: type: cannot recv to resource of kind: sink"},
		{"panic", m("panic(false)\npanic(true, \"msg\")\npanic(\"s\")"), ""},
		{"panic type", m("panic(1)"), "1:7: type: type error: the argument of panic cannot be int"},
		{"collect", m("collect res [\"a\"] { s => \"x\", }"), ""},
		{"collect kind", m("collect nope \"a\" {}"), "1:9: type: no resource kind"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := checkFiles(t, tc.files)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want == "":
			case err == nil:
				t.Fatalf("no error, want %q", tc.want)
			case !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %q, want %q", err, tc.want)
			}
		})
	}
}

// m is a program of one file.
func m(src string) map[string]string { return map[string]string{"main.mcl": src + "\n"} }
