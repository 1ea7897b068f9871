package parser

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// parseValue parses `$x = src` and returns the dump of the bound value.
func parseValue(t *testing.T, src string) string {
	t.Helper()
	m := mustParse(t, "$x = "+src+"\n")
	return ast.Dump(m.Body[0].(*ast.StmtBind).Value)
}

func TestExpressions(t *testing.T) {
	tests := []struct{ src, want string }{
		// Literals.
		{`true`, `true`},
		{`false`, `false`},
		{`"hello"`, `"hello"`},
		{`"a\tb ${x}"`, `"a\tb ${x}"`},
		{`42`, `42`},
		{`-13`, `-13`},
		{`3.14`, `3.14`},
		{`-0.5`, `-0.5`},
		// Variables.
		{`$y`, `$y`},
		{`$i1.x`, `$i1.x`},
		{`$const.res.file.state.exists`, `$const.res.file.state.exists`},
		// Collections.
		{`[]`, `(list)`},
		{`[1, 2, 3]`, `(list 1 2 3)`},
		{`[[1], []]`, `(list (list 1) (list))`},
		{"[\n\t1,\n\t2,\n]", `(list 1 2)`},
		{"[\n\t1, 2,\n\t3,\n]", `(list 1 2 3)`},
		{"[\n]", `(list)`},
		{"[\n\t# comment\n\n\t1, # one\n]", `(list 1)`},
		{`{}`, `(map)`},
		{`{"a" => 1, "b" => 2}`, `(map (=> "a" 1) (=> "b" 2))`},
		{"{\n\t\"a\" => 1,\n}", `(map (=> "a" 1))`},
		{`{0 => "a", $k => [1]}`, `(map (=> 0 "a") (=> $k (list 1)))`},
		{`struct{}`, `(struct)`},
		{`struct{a => 1, b => "x"}`, `(struct (a 1) (b "x"))`},
		{`struct{a => 1, b => "x",}`, `(struct (a 1) (b "x"))`}, // the origin's older form
		{"struct{\n\ta => 1,\n\tb => [\n\t\t2,\n\t],\n}", `(struct (a 1) (b (list 2)))`},
		// Calls.
		{`len($l)`, `(call len $l)`},
		{`answer()`, `(call answer)`},
		{`fmt.printf("%d", 3)`, `(call fmt.printf "%d" 3)`},
		{`golang.strings.to_upper("a")`, `(call golang.strings.to_upper "a")`},
		{`map.keys($m)`, `(call map.keys $m)`},
		{"fmt.printf(\n\t\"%s\",\n\t$x,\n)", `(call fmt.printf "%s" $x)`},
		{`$f(4, "hey")`, `(call $f 4 "hey")`},
		{`$i1.f()`, `(call $i1.f)`},
		{`$f()()`, `(call (call $f))`},
		{`gen()(1)`, `(call (call gen) 1)`},
		{`$l[0](1)`, `(call (index $l 0) 1)`},
		{`($f)(1)`, `(call (paren $f) 1)`},
		// Lambdas.
		{`func() { 42 }`, `(lambda () 42)`},
		{`func($x) { $x + 1 }`, `(lambda ($x) (+ $x 1))`},
		{`func($x int, $y) int { $x }`, `(lambda (($x int) $y) int $x)`},
		{`func($f func(int) str) []str { [$f(1)] }`, `(lambda (($f func(int) str)) []str (list (call $f 1)))`},
		{"func($x) {\n\t$x\n}(3)", `(call (lambda ($x) $x) 3)`},
		{`func() { func() { "hi" } }`, `(lambda () (lambda () "hi"))`},
		// If expressions.
		{`if $b { "a" } else { "b" }`, `(if $b "a" "b")`},
		{"if $b {\n\t1\n} else {\n\t2\n}", `(if $b 1 2)`},
		{`if $a { 1 } else { if $b { 2 } else { 3 } }`, `(if $a 1 (if $b 2 3))`},
		{`if $x == {"a" => 1} { 1 } else { 2 }`, `(if (== $x (map (=> "a" 1))) 1 2)`},
		// Postfix forms.
		{`$l[0]`, `(index $l 0)`},
		{`$m["k"]["j"]`, `(index (index $m "k") "j")`},
		{`[1, 2][0]`, `(index (list 1 2) 0)`},
		{`$s->field`, `(-> $s field)`},
		{`$s->a->b`, `(-> (-> $s a) b)`},
		{`$s->a[0]`, `(index (-> $s a) 0)`},
		{`$l[0]->a`, `(-> (index $l 0) a)`},
		{`sys.load()->x1`, `(-> (call sys.load) x1)`},
		{`$s->f <|> "d"`, `(-> $s f "d")`},
		{`($s->f) <|> "d"`, `(<|> (paren (-> $s f)) "d")`},
		{`(1 + 2) * 3`, `(* (paren (+ 1 2)) 3)`},
		{`not $b`, `(not $b)`},
		{`not not $b`, `(not (not $b))`},
		{`"a" in ["a", "b"]`, `(in "a" (list "a" "b"))`},
		{`$l[42] <|> "default"`, `(<|> (index $l 42) "default")`},
	}
	for _, tt := range tests {
		if got := parseValue(t, tt.src); got != tt.want {
			t.Errorf("%s:\n got: %s\nwant: %s", tt.src, got, tt.want)
		}
	}
}

// TestPrecedence checks upstream's operator precedence, from loosest to
// tightest: the struct lookup default, <|>, or, and, the comparisons and
// in (non-associative), + and -, * and /, not, then -> and [ ].
func TestPrecedence(t *testing.T) {
	tests := []struct{ src, want string }{
		{`1 + 2 * 3`, `(+ 1 (* 2 3))`},
		{`1 * 2 + 3`, `(+ (* 1 2) 3)`},
		{`1 - 2 - 3`, `(- (- 1 2) 3)`},
		{`1 / 2 / 3`, `(/ (/ 1 2) 3)`},
		{`1 - 2 + 3`, `(+ (- 1 2) 3)`},
		{`1 * 2 / 3 * 4`, `(* (/ (* 1 2) 3) 4)`},
		{`1 - -2`, `(- 1 -2)`},
		{`-1 * $sum(-1 * $i)`, `(* -1 (call $sum (* -1 $i)))`},
		{`1 + 2 == 3`, `(== (+ 1 2) 3)`},
		{`1 < 2 and 3 >= 4`, `(and (< 1 2) (>= 3 4))`},
		{`$a != $b or $c <= $d`, `(or (!= $a $b) (<= $c $d))`},
		{`true or false and false`, `(or true (and false false))`},
		{`true and false or true`, `(or (and true false) true)`},
		{`$a or $b or $c`, `(or (or $a $b) $c)`},
		{`$a and $b and $c`, `(and (and $a $b) $c)`},
		{`1 + 2 in [3]`, `(in (+ 1 2) (list 3))`},
		{`"a" + "b" in ["ab"]`, `(in (+ "a" "b") (list "ab"))`},
		{`"a" in $l and $b`, `(and (in "a" $l) $b)`},
		{`not $a and $b`, `(and (not $a) $b)`},
		{`not $a == $b`, `(== (not $a) $b)`},
		{`not $a * $b`, `(* (not $a) $b)`},
		{`not $l[0]`, `(not (index $l 0))`},
		{`not $s->f`, `(not (-> $s f))`},
		{`$m["k"] <|> "b" + "c"`, `(<|> (index $m "k") (+ "b" "c"))`},
		{`$a <|> $b <|> "c"`, `(<|> (<|> $a $b) "c")`},
		{`$a or $b <|> $c`, `(<|> (or $a $b) $c)`},
		{`$l[0] <|> $l[1] == 2`, `(<|> (index $l 0) (== (index $l 1) 2))`},
		{`$l[41] <|> $l[42] <|> "pass3"`, `(<|> (<|> (index $l 41) (index $l 42)) "pass3")`},
		// The struct lookup takes a directly following <|> as its
		// default, even inside a tighter operator (as upstream's grammar
		// does with its STRUCT_LOOKUP precedence).
		{`$s->f <|> "a" + "b"`, `(-> $s f (+ "a" "b"))`},
		{`$s->f <|> $a <|> $b`, `(<|> (-> $s f $a) $b)`},
		{`"x" + $s->f <|> "y"`, `(+ "x" (-> $s f "y"))`},
		{`not $s->f <|> true`, `(not (-> $s f true))`},
		{`$s->f + "x" <|> "y"`, `(<|> (+ (-> $s f) "x") "y")`},
		{`$s->a->b <|> 1`, `(-> (-> $s a) b 1)`},
		{`$st->missing + "fail"`, `(+ (-> $st missing) "fail")`},
		{`1 == (2 == 3)`, `(== 1 (paren (== 2 3)))`},
	}
	for _, tt := range tests {
		if got := parseValue(t, tt.src); got != tt.want {
			t.Errorf("%s:\n got: %s\nwant: %s", tt.src, got, tt.want)
		}
	}
}

func TestOpPrecedence(t *testing.T) {
	levels := map[ast.Op]int{
		ast.OpOr: ast.PrecOr, ast.OpAnd: ast.PrecAnd, ast.OpEq: ast.PrecCompare,
		ast.OpNe: ast.PrecCompare, ast.OpLt: ast.PrecCompare, ast.OpGt: ast.PrecCompare,
		ast.OpLe: ast.PrecCompare, ast.OpGe: ast.PrecCompare, ast.OpIn: ast.PrecCompare,
		ast.OpAdd: ast.PrecAdd, ast.OpSub: ast.PrecAdd, ast.OpMul: ast.PrecMul,
		ast.OpDiv: ast.PrecMul, ast.OpNot: 0,
	}
	for op, want := range levels {
		if got := op.Precedence(); got != want {
			t.Errorf("%s: precedence %d, want %d", op, got, want)
		}
	}
}
