package parser

import (
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// mustParse parses src, checks the positions of the whole tree, and
// returns the module.
func mustParse(t *testing.T, src string) *ast.Module {
	t.Helper()
	m, err := ParseFile("main.mcl", []byte(src))
	if err != nil {
		t.Fatalf("%q:\n%s", src, err.(*Error).Format([]byte(src)))
	}
	if err := checkTree([]byte(src), m); err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	return m
}

// dumpBody renders the statements of a module, one per line.
func dumpBody(m *ast.Module) string {
	parts := make([]string, len(m.Body))
	for i, s := range m.Body {
		parts[i] = ast.Dump(s)
	}
	return strings.Join(parts, "\n")
}

func TestStatements(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string
	}{
		{"empty", "", ""},
		{"blank lines and comments", "\n# hi\n\n  # there\n", ""},
		{"bind", `$x = 42`, `(bind $x 42)`},
		{"bind map name", `$map = 1`, `(bind $map 1)`},
		{"typed bind", `$x []str = []`, `(bind $x []str (list))`},
		{"typed bind map", `$m map{str: []int} = {}`, `(bind $m map{str: []int} (map))`},
		{"typed bind struct", `$s struct{a int; b str} = $t`, `(bind $s struct{a int; b str} $t)`},
		{"typed bind func", `$f func(int, $b str) bool = $g`, `(bind $f func(int, b str) bool $g)`},
		{"no trailing newline", "$x = 1\n$y = 2", "(bind $x 1)\n(bind $y 2)"},
		{"resource", `file "/tmp/a" {}`, `(res file "/tmp/a")`},
		{"resource body", "file \"/tmp/a\" {\n\tcontent => \"hi\",\n\tmode => \"0644\",\n}",
			`(res file "/tmp/a" (field content "hi") (field mode "0644"))`},
		{"resource one line", `test "t" { a => 1, b => 2, }`, `(res test "t" (field a 1) (field b 2))`},
		{"resource blank lines", "test \"t\" {\n\n\ta => 1,\n\n}", `(res test "t" (field a 1))`},
		{"resource list name", `test ["a", "b"] {}`, `(res test (list "a" "b"))`},
		{"resource expr name", `test fmt.printf("%d", $x) {}`, `(res test (call fmt.printf "%d" $x))`},
		{"resource colon kind", `http:server:flag "f" {}`, `(res http:server:flag "f")`},
		{"resource elvis", "file \"f\" {\n\tcontent => $b ?: \"hello\",\n}", `(res file "f" (field content $b ?: "hello"))`},
		{"resource edges", "test \"t\" {\n\tBefore => Test[\"a\"],\n\tDepend => Test[\"b\"],\n\tNotify => $c ?: Svc[\"c\"],\n\tListen => Exec[[\"d\", \"e\"]],\n}",
			`(res test "t" (edge before (test "a")) (edge depend (test "b")) (edge notify $c ?: (svc "c")) (edge listen (exec (list "d" "e"))))`},
		{"resource meta", "test \"t\" {\n\tMeta:noop => true,\n\tMeta:delay => $b ?: 42,\n\tMeta => struct{noop => true},\n\tMeta => $b ?: $m,\n}",
			`(res test "t" (meta:noop true) (meta:delay $b ?: 42) (meta (struct (noop true))) (meta $b ?: $m))`},
		{"edge pair", `Test["a"] -> Test["b"]`, `(edges (test "a") (test "b"))`},
		{"edge chain", `Pkg["a"] -> File["b"] -> Svc["c"]`, `(edges (pkg "a") (file "b") (svc "c"))`},
		{"edge lists", `Test[$names] -> Test[["x", "y"]]`, `(edges (test $names) (test (list "x" "y")))`},
		{"edge colon kind", `Http:Server["a"] -> Test["b"]`, `(edges (http:server "a") (test "b"))`},
		{"edge single", `Test["a"]`, `(edges (test "a"))`},
		{"send recv", `Exec["a"].output -> File["b"].content`, `(edges (exec "a" .output) (file "b" .content))`},
		{"if", "if $b {\n\ttest \"a\" {}\n}", `(if $b (block (res test "a")) nil)`},
		{"if else", "if $b {\n\ttest \"a\" {}\n} else {\n\ttest \"b\" {}\n}", `(if $b (block (res test "a")) (block (res test "b")))`},
		{"if one line", `if $b { test "a" {} } else { test "b" {} }`, `(if $b (block (res test "a")) (block (res test "b")))`},
		{"if empty", "if $b {\n}", `(if $b (block) nil)`},
		{"for", "for $i, $v in $list {\n\ttest $v {}\n}", `(for $i $v $list (block (res test $v)))`},
		{"forkv", "forkv $k, $v in {\"a\" => 1} {\n\ttest $k {}\n}", `(forkv $k $v (map (=> "a" 1)) (block (res test $k)))`},
		{"func", "func add1($x) {\n\t$x + 1\n}", `(func add1 (lambda ($x) (+ $x 1)))`},
		{"func typed", `func f($a int, $b) int { $a * 2 }`, `(func f (lambda (($a int) $b) int (* $a 2)))`},
		{"func no params", `func answer() { 42 }`, `(func answer (lambda () 42))`},
		{"func multi-line params", "func bar(\n\t$a, # c\n\t$b str,\n) {\n\t$a\n}", `(func bar (lambda ($a ($b str)) $a))`},
		{"class", "class c1 {\n\t$x = 1\n}", `(class c1 (block (bind $x 1)))`},
		{"class params", `class c2($a, $b str) {}`, `(class c2 ($a ($b str)) (block))`},
		{"class empty params", `class c3() {}`, `(class c3 () (block))`},
		{"duplicate params are for a later pass", `class c4($a, $a) {}`, `(class c4 ($a $a) (block))`},
		{"class nested name", `class base:inner($s) {}`, `(class base:inner ($s) (block))`},
		{"class nested", "class a {\n\tclass b {\n\t\tinclude c\n\t}\n}", `(class a (block (class b (block (include c)))))`},
		{"include", `include c1`, `(include c1)`},
		{"include args", `include c2(1, "x")`, `(include c2 (1 "x"))`},
		{"include no args", `include c2()`, `(include c2 ())`},
		{"include as", `include c1 as i1`, `(include c1 as i1)`},
		{"include args as", `include c1(true) as i1`, `(include c1 (true) as i1)`},
		{"include dotted", `include i1.inner as j`, `(include i1.inner as j)`},
		{"include nested name", `include base:inner("x")`, `(include base:inner ("x"))`},
		{"include multi-line args", "include foo(\n\t1,\n\t2,\n)", `(include foo (1 2))`},
		{"include multi-line struct arg", "include foo(struct{\n\ta => 1,\n})", `(include foo ((struct (a 1))))`},
		{"import", `import "fmt"`, `(import "fmt")`},
		{"import as", `import "golang/strings" as gs`, `(import "golang/strings" as gs)`},
		{"import bare", `import "fmt" as *`, `(import "fmt" as *)`},
		{"import dir", `import "dir/"`, `(import "dir/")`},
		{"import git", `import "git://github.com/x/mgmt-y/"`, `(import "git://github.com/x/mgmt-y/")`},
		{"collect", "collect file [\"/tmp/a\"] {\n\tMeta:hidden => false,\n}", `(collect file (list "/tmp/a") (meta:hidden false))`},
		{"collect empty", `collect file $names {}`, `(collect file $names)`},
		{"panic", `panic($x != 42)`, `(panic (!= $x 42))`},
		{"panic two args", `panic(false, "boom")`, `(panic false "boom")`},
		{"several", "import \"fmt\"\n$x = 1\n\ntest \"t\" {} # c\nTest[\"t\"] -> Test[\"u\"]\n",
			"(import \"fmt\")\n(bind $x 1)\n(res test \"t\")\n(edges (test \"t\") (test \"u\"))"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := dumpBody(mustParse(t, tt.src)); got != tt.want {
				t.Errorf("%q:\n got: %s\nwant: %s", tt.src, got, tt.want)
			}
		})
	}
}

func TestStmtHelpers(t *testing.T) {
	m := mustParse(t, "Exec[\"a\"].out -> File[\"b\"].content\nTest[\"a\"] -> Test[\"b\"]\nimport \"fmt\" as *\nimport \"x\"\n$y = fmt.printf(\"\")\n$z = $f()")
	if !m.Body[0].(*ast.StmtEdge).SendRecv() || m.Body[1].(*ast.StmtEdge).SendRecv() {
		t.Error("SendRecv")
	}
	if !m.Body[2].(*ast.StmtImport).Bare() || m.Body[3].(*ast.StmtImport).Bare() {
		t.Error("Bare")
	}
	if !m.Body[4].(*ast.StmtBind).Value.(*ast.ExprCall).Named() || m.Body[5].(*ast.StmtBind).Value.(*ast.ExprCall).Named() {
		t.Error("Named")
	}
}

func TestComments(t *testing.T) {
	src := "# top\n$x = 1 # after\n\t#indented"
	m := mustParse(t, src)
	want := []struct {
		text       string
		line, col  int
		endl, endc int
	}{{" top", 1, 1, 1, 6}, {" after", 2, 8, 2, 15}, {"indented", 3, 2, 3, 11}}
	if len(m.Comments) != len(want) {
		t.Fatalf("got %d comments", len(m.Comments))
	}
	for i, w := range want {
		c := m.Comments[i]
		if c.Text != w.text || c.Pos().Line != w.line || c.Pos().Col != w.col || c.End().Line != w.endl || c.End().Col != w.endc {
			t.Errorf("comment %d: got %q at %s-%s", i, c.Text, c.Pos(), c.End())
		}
	}
}
