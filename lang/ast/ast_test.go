package ast_test

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/ast"
	"github.com/mgmt-wasm/mgmt/lang/interpolate"
	"github.com/mgmt-wasm/mgmt/lang/parser"
)

// everything uses every node type (ExprInterp comes from interpolation).
const everything = `import "fmt" as f
$a []int = [1, 2]
$b = {"k" => 1.5}
$c = struct{x => true, y => "s ${a}"}
$d = func($p int) str { fmt.printf("%d", $p) }(3)
$e = if not $b["k"] == 1.5 { $c->x } else { ($c->y <|> "z") <|> "w" }
$g = $c->x <|> false
$h = $f()
func fn($q) { $q + 1 }
class cl($r) {
	test $r {
		p => $a ?: 1,
		Depend => Test["x"],
		Meta:noop => true,
	}
}
include cl("a") as i
Exec["a"].output -> File["b"].content
if true {
	for $i, $v in $a {
		panic(false)
	}
} else {
	forkv $k, $v in $b {
		collect file $k {}
	}
}
`

func parse(t *testing.T, src string) *ast.Module {
	t.Helper()
	m, err := parser.ParseFile("main.mcl", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestPos(t *testing.T) {
	p := ast.Pos{File: "a.mcl", Line: 2, Col: 3}
	q := ast.Pos{Line: 2, Col: 5}
	if p.String() != "a.mcl:2:3" || q.String() != "2:5" {
		t.Errorf("String: %s, %s", p, q)
	}
	if !p.IsValid() || (ast.Pos{}).IsValid() {
		t.Error("IsValid")
	}
	if !p.Before(q) || q.Before(p) || p.Before(p) || !p.Before(ast.Pos{Line: 3, Col: 1}) {
		t.Error("Before")
	}
	m := parse(t, "$x = 1 + 23")
	bin := m.Body[0].(*ast.StmtBind).Value.(*ast.ExprBinary)
	s := ast.SpanOf(bin.X, bin.Y)
	if s.Pos() != bin.X.Pos() || s.End() != bin.Y.End() || s.End().Col != 12 {
		t.Errorf("SpanOf: %v", s)
	}
}

func TestWalkVisitsEveryNodeType(t *testing.T) {
	m := parse(t, everything)
	if err := interpolate.Module(m); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	ast.Inspect(m, func(n ast.Node) bool {
		seen[strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast.")] = true
		return true
	})
	want := strings.Fields(`Module Block Ident Param TypeExpr StmtBind StmtRes ResField ResEdge
		ResMeta StmtEdge EdgeHalf StmtIf StmtFor StmtForKV StmtFunc StmtClass StmtInclude StmtImport
		StmtCollect StmtPanic ExprBool ExprStr ExprInt ExprFloat ExprVar ExprList ExprMap MapEntry
		ExprStruct StructField ExprCall ExprFunc ExprIf ExprInterp ExprBinary ExprUnary ExprExcept
		ExprIndex ExprStructLookup ExprParen`)
	var missing []string
	for _, w := range want {
		if !seen[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 || len(seen) != len(want) {
		var got []string
		for k := range seen {
			got = append(got, k)
		}
		sort.Strings(got)
		t.Errorf("missing %v; visited %v", missing, got)
	}
}

// counter counts visits and the Visit(nil) calls that end them.
type counter struct{ enters, leaves *int }

func (c counter) Visit(n ast.Node) ast.Visitor {
	if n == nil {
		*c.leaves++
		return nil
	}
	*c.enters++
	return c
}

func TestWalkLeaves(t *testing.T) {
	m := parse(t, everything)
	var enters, leaves int
	ast.Walk(counter{&enters, &leaves}, m)
	if enters == 0 || enters != leaves {
		t.Errorf("%d visits, %d leaves", enters, leaves)
	}
	ast.Walk(counter{&enters, &leaves}, nil) // no-op
}

func TestInspectSkips(t *testing.T) {
	m := parse(t, everything)
	inClass := 0
	ast.Inspect(m, func(n ast.Node) bool {
		if _, ok := n.(*ast.ResField); ok {
			inClass++
		}
		_, isClass := n.(*ast.StmtClass)
		return !isClass
	})
	if inClass != 0 {
		t.Error("Inspect entered a skipped class")
	}
}

func TestRewriteExprsReachesEverySlot(t *testing.T) {
	m := parse(t, everything)
	exprs, funcStmts := 0, 0
	ast.Inspect(m, func(n ast.Node) bool {
		switch n.(type) {
		case *ast.StmtFunc:
			funcStmts++
		case ast.Expr:
			exprs++
		}
		return true
	})
	before := ast.Dump(m)
	calls := 0
	ast.RewriteExprs(m, func(e ast.Expr) ast.Expr { calls++; return e })
	// Every expression sits in one slot, except the function of a
	// StmtFunc, which is a *ExprFunc field, not an Expr slot.
	if calls != exprs-funcStmts {
		t.Errorf("rewrote %d slots, want %d", calls, exprs-funcStmts)
	}
	if ast.Dump(m) != before {
		t.Error("the identity rewrite changed the tree")
	}
	// Replace every integer by 7.
	ast.RewriteExprs(m, func(e ast.Expr) ast.Expr {
		if i, ok := e.(*ast.ExprInt); ok {
			return &ast.ExprInt{Span: i.Span, Raw: "7", Value: 7}
		}
		return e
	})
	ast.Inspect(m, func(n ast.Node) bool {
		if i, ok := n.(*ast.ExprInt); ok && i.Value != 7 {
			t.Errorf("%s: integer %d not rewritten", i.Pos(), i.Value)
		}
		return true
	})
}

func TestRewriteExprsRoot(t *testing.T) {
	m := parse(t, "$x = 1 + 2")
	root := m.Body[0].(*ast.StmtBind).Value
	seen := []string{}
	ast.RewriteExprs(root, func(e ast.Expr) ast.Expr { seen = append(seen, ast.Dump(e)); return e })
	if strings.Join(seen, ",") != "1,2" {
		t.Errorf("got %v: the root must not be passed to f", seen)
	}
	ast.RewriteExprs(nil, nil) // no-op
}

func TestDump(t *testing.T) {
	m := parse(t, everything)
	if err := interpolate.Module(m); err != nil {
		t.Fatal(err)
	}
	got := ast.Dump(m)
	for _, want := range []string{
		`(import "fmt" as f)`,
		`(bind $a []int (list 1 2))`,
		`(bind $b (map (=> "k" 1.5)))`,
		`(struct (x true) (y (interp "s " $a)))`,
		`(call (lambda (($p int)) str (call fmt.printf "%d" $p)) 3)`,
		`(if (== (not (index $b "k")) 1.5) (-> $c x) (<|> (paren (-> $c y "z")) "w"))`,
		`(bind $g (-> $c x false))`,
		`(bind $h (call $f))`,
		`(func fn (lambda ($q) (+ $q 1)))`,
		`(res test $r (field p $a ?: 1) (edge depend (test "x")) (meta:noop true))`,
		`(include cl ("a") as i)`,
		`(edges (exec "a" .output) (file "b" .content))`,
		`(for $i $v $a (block (panic false)))`,
		`(forkv $k $v $b (block (collect file $k)))`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Dump lacks %s in:\n%s", want, got)
		}
	}
	if ast.Dump(nil) != "nil" {
		t.Error("Dump(nil)")
	}
}
