package parser

import (
	"errors"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/internal/cases"
)

// fuzzSeeds are small programs that cover the grammar, added to the
// corpus besides upstream's cases (when those are present).
var fuzzSeeds = []string{
	"",
	"$x = 42\n",
	"$x []str = [\"a\", \"b\",]\n",
	"$x = [\n\t1,\n\t2,\n]\n",
	"$m map{str: int} = {\"a\" => 1, \"b\" => -2}\n",
	"$s struct{a int; b str} = struct{a => 1, b => \"x\"}\n",
	"$f func(int, $b str) bool = func($a int, $b str) bool { $a > 0 and $b != \"\" }\n",
	"file \"/tmp/a\" {\n\tcontent => $b ?: \"hi\\n\",\n\tNotify => $c ?: Svc[\"x\"],\n\tMeta:noop => true,\n\tMeta => struct{poll => 1},\n}\n",
	"Exec[\"a\"].output -> File[\"b\"].content\nPkg[\"a\"] -> File[\"b\"] -> Svc[\"c\"]\n",
	"if not $a or $b and $c == 1 + 2 * 3 in [7] {\n\ttest \"a\" {}\n} else {\n\ttest \"b\" {}\n}\n",
	"for $i, $v in $list {\n\ttest $v {}\n}\nforkv $k, $v in $map {\n\ttest $k {}\n}\n",
	"class base:inner($a, $b str) {\n\tinclude foo(1, \"x\") as bar\n\tinclude bar.baz\n}\n",
	"import \"fmt\"\nimport \"dir/\" as d\nimport \"x\" as *\n",
	"collect file [\"/tmp/a\"] {\n\tMeta:hidden => false,\n}\npanic($x != 42)\n",
	"$y = $s->f <|> $l[0] <|> fmt.printf(\"%d\", $i1.x) + \"${name}\"\n",
	"$z = func($x) {\n\t$x + 1\n}(3)\n$w = $f()(1)[0]->a\n",
	"$v = if $b { \"a\" } else { if $c { \"b\" } else { \"c\" } }\n",
	"# comment\n$x = (1 - -2) / 3.5 # trailing\n",
}

// FuzzParse checks that the parser never panics (nor reports an internal
// error, which is how a recovered panic would show), and that every tree
// it returns has sound positions: inside the source, ordered, and with
// leaves covering exactly their text.
func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add([]byte(s))
	}
	cs, _ := cases.Load(cases.Dir)
	for _, c := range cs {
		for _, file := range c.MCL {
			f.Add(file.Data)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := ParseFile("fuzz.mcl", src)
		if err != nil {
			var perr *Error
			if !errors.As(err, &perr) {
				t.Fatalf("error of type %T: %v", err, err)
			}
			if strings.Contains(perr.Msg, "internal parser error") {
				t.Fatalf("%v", err)
			}
			lines := strings.Split(string(src), "\n")
			if l, c := perr.Pos.Line, perr.Pos.Col; l < 1 || l > len(lines) || c < 1 || c > len(lines[l-1])+1 {
				t.Fatalf("error outside the source: %v", err)
			}
			_ = perr.Format(src)
			return
		}
		if err := checkTree(src, m); err != nil {
			t.Fatal(err)
		}
		if again, _ := ParseFile("fuzz.mcl", src); again == nil || ast.Dump(again) != ast.Dump(m) {
			t.Fatal("parsing twice gave different trees")
		}
	})
}
