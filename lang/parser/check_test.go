package parser

import (
	"fmt"
	"strings"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// checkTree verifies the positions of every node of a parsed module: each
// span lies inside the source and is well ordered, children lie inside
// their parent in source order, and leaves cover exactly their text.
func checkTree(src []byte, m *ast.Module) error {
	c := &checker{lines: strings.Split(string(src), "\n"), err: new(error)}
	c.prevEnd = ast.Pos{File: m.File, Line: 1, Col: 1}
	ast.Walk(c, m)
	return *c.err
}

// checker is the visitor of checkTree for the children of one node.
type checker struct {
	lines   []string
	parent  ast.Node // nil at the top
	prevEnd ast.Pos  // end of the previous sibling, or start of the parent
	err     *error
}

func (c *checker) fail(n ast.Node, format string, args ...any) {
	if *c.err == nil {
		*c.err = fmt.Errorf("%T at %s-%s: %s", n, n.Pos(), n.End(), fmt.Sprintf(format, args...))
	}
}

func (c *checker) inSource(p ast.Pos) bool {
	return p.Line >= 1 && p.Line <= len(c.lines) && p.Col >= 1 && p.Col <= len(c.lines[p.Line-1])+1
}

// Visit checks n against its parent and previous sibling.
func (c *checker) Visit(n ast.Node) ast.Visitor {
	if n == nil || *c.err != nil {
		return nil
	}
	switch {
	case !c.inSource(n.Pos()) || !c.inSource(n.End()):
		c.fail(n, "outside the source")
	case n.End().Before(n.Pos()):
		c.fail(n, "ends before it starts")
	case c.parent != nil && !within(c.parent, n):
		c.fail(n, "outside its parent %T at %s-%s", c.parent, c.parent.Pos(), c.parent.End())
	case n.Pos().Before(c.prevEnd):
		c.fail(n, "starts before its previous sibling ends at %s", c.prevEnd)
	default:
		checkText(c.lines, n, c.fail)
	}
	c.prevEnd = n.End()
	return &checker{lines: c.lines, parent: n, prevEnd: n.Pos(), err: c.err}
}

// within reports whether n lies inside parent.
func within(parent, n ast.Node) bool {
	return !n.Pos().Before(parent.Pos()) && !parent.End().Before(n.End())
}

// textAt returns the source text between two positions.
func textAt(lines []string, from, to ast.Pos) string {
	if from.Line == to.Line {
		return lines[from.Line-1][from.Col-1 : to.Col-1]
	}
	var b strings.Builder
	b.WriteString(lines[from.Line-1][from.Col-1:])
	for l := from.Line + 1; l < to.Line; l++ {
		b.WriteString("\n" + lines[l-1])
	}
	b.WriteString("\n" + lines[to.Line-1][:to.Col-1])
	return b.String()
}

// checkText verifies that leaf nodes span exactly their own text.
func checkText(lines []string, n ast.Node, fail func(ast.Node, string, ...any)) {
	text := textAt(lines, n.Pos(), n.End())
	want := ""
	switch x := n.(type) {
	case *ast.ExprVar:
		want = "$" + x.Name
	case *ast.ExprStr:
		want = `"` + x.Raw + `"`
	case *ast.ExprInt:
		want = x.Raw
	case *ast.ExprFloat:
		want = x.Raw
	case *ast.ExprBool:
		want = fmt.Sprint(x.Value)
	case *ast.Ident:
		// Names may be written with spaces around dots and colons, with
		// a leading '$', or capitalized.
		squeezed := strings.ToLower(strings.Join(strings.Fields(text), ""))
		if squeezed != x.Name && squeezed != "$"+x.Name {
			fail(n, "covers %q, not the name %q", text, x.Name)
		}
		return
	default:
		return
	}
	if text != want {
		fail(n, "covers %q, want %q", text, want)
	}
}
