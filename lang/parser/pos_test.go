package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// spans lists every node of the tree as "Type line:col-line:col", in walk
// order.
func spans(n ast.Node) string {
	var out []string
	ast.Inspect(n, func(n ast.Node) bool {
		name := strings.TrimPrefix(fmt.Sprintf("%T", n), "*ast.")
		out = append(out, fmt.Sprintf("%s %d:%d-%d:%d", name, n.Pos().Line, n.Pos().Col, n.End().Line, n.End().Col))
		return true
	})
	return strings.Join(out, "\n")
}

// TestPositions checks the span of every node of a few programs.
func TestPositions(t *testing.T) {
	for _, tt := range positionTests {
		got := spans(mustParse(t, tt.src))
		if want := strings.TrimSpace(tt.want); got != want {
			t.Errorf("%q:\n got:\n%s\nwant:\n%s", tt.src, got, want)
		}
	}
}

var positionTests = []struct{ src, want string }{
	{"$x = [1, $y]", `
Module 1:1-1:13
StmtBind 1:1-1:13
Ident 1:1-1:3
ExprList 1:6-1:13
ExprInt 1:7-1:8
ExprVar 1:10-1:12
`},
	{"$x []str = $a->b <|> \"c\"\n", `
Module 1:1-2:1
StmtBind 1:1-1:25
Ident 1:1-1:3
TypeExpr 1:4-1:9
ExprStructLookup 1:12-1:25
ExprVar 1:12-1:14
Ident 1:16-1:17
ExprStr 1:22-1:25
`},
	{"test \"t\" {\n\ta => $c ?: 1,\n\tNotify => Test[\"u\"],\n\tMeta:noop => true,\n}\n", `
Module 1:1-6:1
StmtRes 1:1-5:2
Ident 1:1-1:5
ExprStr 1:6-1:9
ResField 2:2-2:14
Ident 2:2-2:3
ExprVar 2:7-2:9
ExprInt 2:13-2:14
ResEdge 3:2-3:21
Ident 3:2-3:8
EdgeHalf 3:12-3:21
Ident 3:12-3:16
ExprStr 3:17-3:20
ResMeta 4:2-4:19
Ident 4:2-4:6
Ident 4:7-4:11
ExprBool 4:15-4:19
`},
	{"Exec[\"a\"].output -> File[\"b\"].content\n", `
Module 1:1-2:1
StmtEdge 1:1-1:38
EdgeHalf 1:1-1:17
Ident 1:1-1:5
ExprStr 1:6-1:9
Ident 1:11-1:17
EdgeHalf 1:21-1:38
Ident 1:21-1:25
ExprStr 1:26-1:29
Ident 1:31-1:38
`},
	{"if not $b {\n\tinclude c(1) as d\n} else {\n\timport \"fmt\"\n}\n", `
Module 1:1-6:1
StmtIf 1:1-5:2
ExprUnary 1:4-1:10
ExprVar 1:8-1:10
Block 1:11-3:2
StmtInclude 2:2-2:19
Ident 2:10-2:11
ExprInt 2:12-2:13
Ident 2:18-2:19
Block 3:8-5:2
StmtImport 4:2-4:14
`},
	{"func f($a int) str {\n\tfmt.printf(\"%d\", $a)\n}\n", `
Module 1:1-4:1
StmtFunc 1:1-3:2
Ident 1:6-1:7
ExprFunc 1:7-3:2
Param 1:8-1:14
Ident 1:8-1:10
TypeExpr 1:11-1:14
TypeExpr 1:16-1:19
ExprCall 2:2-2:22
Ident 2:2-2:12
ExprStr 2:13-2:17
ExprVar 2:19-2:21
`},
	{"for $i, $v in $l {\n\tpanic($v)\n}\n", `
Module 1:1-4:1
StmtFor 1:1-3:2
Ident 1:5-1:7
Ident 1:9-1:11
ExprVar 1:15-1:17
Block 1:18-3:2
StmtPanic 2:2-2:11
ExprVar 2:8-2:10
`},
	{"class base:inner($s) {\n\tcollect file $n {}\n}\n", `
Module 1:1-4:1
StmtClass 1:1-3:2
Ident 1:7-1:17
Param 1:18-1:20
Ident 1:18-1:20
Block 1:22-3:2
StmtCollect 2:2-2:20
Ident 2:10-2:14
ExprVar 2:15-2:17
`},
	{"$m = {\"a\" => struct{f => func() { 1 }()}}\n", `
Module 1:1-2:1
StmtBind 1:1-1:42
Ident 1:1-1:3
ExprMap 1:6-1:42
MapEntry 1:7-1:41
ExprStr 1:7-1:10
ExprStruct 1:14-1:41
StructField 1:21-1:40
Ident 1:21-1:22
ExprCall 1:26-1:40
ExprFunc 1:26-1:38
ExprInt 1:35-1:36
`},
	{"$s = \"two\nlines\" + $t\n", `
Module 1:1-3:1
StmtBind 1:1-2:12
Ident 1:1-1:3
ExprBinary 1:6-2:12
ExprStr 1:6-2:7
ExprVar 2:10-2:12
`},
}
