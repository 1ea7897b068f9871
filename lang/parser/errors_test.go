package parser

import (
	"errors"
	"strings"
	"testing"
)

func TestErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		// Statement structure.
		{"$x = 1 2", "1:8: parse: unexpected integer `2`, expected newline after the statement"},
		{"$x = [1, 2]]", "1:12: parse: unexpected `]`, expected newline after the statement"},
		{`test "a" {} test "b" {}`, "1:13: parse: unexpected identifier `test`, expected newline after the statement"},
		{"test \"t\" {}\n)", "2:1: parse: unexpected `)`, expected a statement"},
		{"}", "1:1: parse: unexpected `}` with no block to close"},
		{"$x = 1 }", "1:8: parse: unexpected `}` with no block to close"},
		{"class c {\n\t$x = 1\n", "3:1: parse: unexpected end of file, expected `}`"},
		{"file \"x\" {\n\tmode => 1,\n", "3:1: parse: unexpected end of file, expected a parameter name, Meta, an edge keyword or `}`"},
		{"func($x) { $x }", "1:1: parse: a function value can't stand as a statement: name it (`func name(...) {...}`) or bind it (`$f = func(...) {...}`)"},
		{"42", "1:1: parse: unexpected integer `42`, expected a statement"},
		// Binds.
		{"$x == 1", "1:4: parse: unexpected `==` in a bind: a bind is `$x = value`"},
		{"$x.y = 1", "1:1: parse: a variable to bind can't be the dotted name `$x.y`"},
		{"$x int", "1:7: parse: unexpected end of file, expected `=`"},
		{"$x 1", "1:4: parse: unexpected integer `1`, expected `=` or a type"},
		{"$d []struct{x int;x int}", "1:19: parse: duplicate struct field `x`"},
		{"$f func($a int, $a str) int = $g", "1:17: parse: duplicate argument name `a` in a function type"},
		{"$m map{str int} = {}", "1:12: parse: unexpected keyword `int`, expected `:` between the key and value types"},
		{"$x foo = 1", "1:4: parse: unexpected identifier `foo`, expected `=` or a type"},
		// Lists and their line structure.
		{"$x = [1, 2, ]", "1:13: parse: unexpected `]`: a one-line list has no trailing comma"},
		{"$x = [\"a\",\n\t\"b\"]", "1:11: parse: unexpected newline in a one-line list: to spread it over lines, break the line after `[` and end every element with a comma"},
		{"$x = [\n\t1,\n\t2\n]", "3:3: parse: unexpected newline, expected `,`: in a multi-line list every element ends with a comma"},
		{"$x = [1 2]", "1:9: parse: unexpected integer `2`, expected `,` or `]`"},
		{"$x = {\"a\": 1}", "1:10: parse: unexpected `:`, expected `=>` between a map key and its value"},
		{"$x = {\"a\" => 1,}", "1:16: parse: unexpected `}`: a one-line map has no trailing comma"},
		{"$x = struct{\"a\" => 1}", "1:13: parse: unexpected string `\"a\"`, expected a struct field name"},
		{"$x = struct{a => 1,\n}", "1:20: parse: unexpected newline in a one-line struct: to spread it over lines, break the line after `{` and end every element with a comma"},
		{"func foo($a, $b,) { 1 }", "1:17: parse: unexpected `)`: a one-line parameter list has no trailing comma"},
		{"func bar(\n\t$a,\n\t$b\n) { 1 }", "3:4: parse: unexpected newline, expected `,`: in a multi-line parameter list every element ends with a comma"},
		{"$x = f(\"a\",)", "1:12: parse: unexpected `)`: a one-line argument list has no trailing comma"},
		{"$x = f(\n\t\"a\",\n\t\"b\"\n)", "3:5: parse: unexpected newline, expected `,`: in a multi-line argument list every element ends with a comma"},
		// Expressions.
		{"$x = 1 < 2 < 3", "1:12: parse: unexpected `<`: comparison operators (== != < > <= >= in) don't chain, use parentheses"},
		{"$x = 1 == 2 in $l", "1:13: parse: unexpected keyword `in`: comparison operators (== != < > <= >= in) don't chain, use parentheses"},
		{"$x = - $y", "1:6: parse: unexpected `-`: mcl has no unary minus; a sign is part of a number literal only (`-3`), so write `0 - x`"},
		{"$x = $y -1", "1:9: parse: unexpected integer `-1`, expected newline after the statement (a `-` right before a digit is the sign of the number: subtract with a space, `a - 1`)"},
		{"$x = 1 +\n2", "1:9: parse: unexpected newline, expected an expression"},
		{"$x = (1 + 2\n", "1:12: parse: unexpected newline, expected `)`"},
		{"$x = foo", "1:6: parse: `foo` is not a value: variables start with `$` and functions are called with `(...)`"},
		{"$x = \"a\"(1)", "1:9: parse: unexpected `(`: only a function can be called"},
		{"$x = Test[\"a\"]", "1:6: parse: unexpected capitalized identifier `Test`: a resource reference such as `Test[...]` belongs in an edge, not in an expression"},
		{"$x = $s->1", "1:10: parse: unexpected integer `1`, expected a struct field name after `->`"},
		{"$x = if $b { 1 }", "1:17: parse: unexpected end of file, expected `else`: an if expression needs an else branch"},
		{"$x = if $b { 1 } else if $c { 2 } else { 3 }", "1:23: parse: unexpected `if` after `else`: there is no `else if`, nest another if inside `else { }`"},
		{"$x = func() { 1 2 }", "1:17: parse: unexpected integer `2`, expected `}` to end the function body (it holds a single expression)"},
		{"$x = " + strings.Repeat("[", 600), "1:256: parse: nesting deeper than 500 levels"},
		// Statements.
		{"if $x {\n} else if $y {\n}", "2:8: parse: unexpected `if` after `else`: there is no `else if`, nest another if inside `else { }`"},
		{"for $i in $l {}", "1:8: parse: unexpected keyword `in`, expected `,` between the two loop variables"},
		{"for $i, $v.w in $l {}", "1:9: parse: a loop variable can't be the dotted name `$v.w`"},
		{"import fmt", "1:8: parse: unexpected identifier `fmt`, expected the quoted name of what to import"},
		{"import \"fmt\" as 1", "1:17: parse: unexpected integer `1`, expected an alias name or `*`"},
		{"include c as *", "1:14: parse: `include ... as *` is not supported: give the include a name"},
		{"include base:", "1:14: parse: unexpected end of file, expected a class name"},
		{"class C {}", "1:7: parse: unexpected capitalized identifier `C`, expected a class name"},
		{"panic", "1:6: parse: unexpected end of file, expected `(` after panic"},
		// Resources and edges.
		{`test "t" { a => true }`, "1:22: parse: unexpected `}`, expected `,`: every entry of a resource body ends with a comma"},
		{"test \"t\" {\n\tFoo => 1,\n}", "2:2: parse: invalid resource field `Foo`: the capitalized keys are Meta, Before, Depend, Notify and Listen"},
		{"test \"t\" {\n\tstr => \"x\",\n}", "2:2: parse: unexpected keyword `str`: a reserved word can't be a resource parameter name"},
		{"test \"t\" {\n\tNotify => $b Test[\"x\"],\n}", "2:15: parse: unexpected capitalized identifier `Test`, expected `?:` after the condition, then the resource"},
		{"test \"t\" {\n\tNotify => Test[\"x\"].f,\n}", "2:22: parse: an edge in a resource body can't name a send/recv field"},
		{"test \"t\" {\n\tMeta:Noop => true,\n}", "2:7: parse: unexpected capitalized identifier `Noop`, expected a metaparameter name"},
		{"test \"t\" {\n\ta = 1,\n}", "2:4: parse: unexpected `=`, expected `=>`"},
		{"Exec[\"a\"].out -> File[\"b\"]", "1:1: parse: a send/recv edge joins exactly two fields: `Kind[\"a\"].out -> Kind[\"b\"].in`"},
		{"Test[\"a\"] -> Test[\"b\"].x", "1:1: parse: a send/recv edge joins exactly two fields: `Kind[\"a\"].out -> Kind[\"b\"].in`"},
		{"A[\"a\"].x -> B[\"b\"].y -> C[\"c\"].z", "1:1: parse: a send/recv edge joins exactly two fields: `Kind[\"a\"].out -> Kind[\"b\"].in`"},
		{"A[\"a\"] -> B[\"b\"] -> C[\"c\"].z", "1:28: parse: a chain of edges can't name send/recv fields"},
		{"File[\"a\"] -> exec[\"b\"]", "1:14: parse: unexpected identifier `exec`: the kind of a resource in an edge is capitalized, as in `Exec[...]`"},
		{"Test \"a\" {}", "1:6: parse: unexpected string `\"a\"`, expected `[` after the resource kind"},
		// Lexical errors are reported as parse errors, in source order
		// with the syntax errors.
		{"$x = 18446744073709551615", "1:6: parse: integer 18446744073709551615 overflows int64"},
		{"$x = = 1 @", "1:6: parse: unexpected `=`, expected an expression"},
		{"$x = 1 @ =", "1:8: parse: unexpected character '@'"},
		{"$x = \"abc", "1:6: parse: string literal not terminated"},
		{"$x = 1\r\n", "1:7: parse: unexpected carriage return (\\r): mcl files use Unix line endings"},
		{"func f($in) { 1 }", "1:9: parse: `in` is a reserved word and can't be used in a variable name"},
	}
	for _, tt := range tests {
		_, err := ParseFile("main.mcl", []byte(tt.src))
		var perr *Error
		if !errors.As(err, &perr) {
			t.Errorf("%q: got %v, want an *Error", tt.src, err)
			continue
		}
		if got := strings.TrimPrefix(err.Error(), "main.mcl:"); got != tt.want {
			t.Errorf("%q:\n got: %s\nwant: %s", tt.src, got, tt.want)
		}
	}
}

func TestFormat(t *testing.T) {
	src := "$x = 1\n\ttest \"t\" { a => true }\n"
	_, err := ParseFile("main.mcl", []byte(src))
	var perr *Error
	if !errors.As(err, &perr) {
		t.Fatal(err)
	}
	want := "main.mcl:2:23: parse: unexpected `}`, expected `,`: every entry of a resource body ends with a comma\n" +
		"\ttest \"t\" { a => true }\n" +
		"\t                     ^"
	if got := perr.Format([]byte(src)); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// At the end of the file, and past the end of the line.
	e := &Error{Pos: perr.Pos, Msg: "m"}
	e.Pos.Line, e.Pos.Col = 3, 1
	if got := e.Format([]byte(src)); got != "main.mcl:3:1: parse: m\n\n^" {
		t.Errorf("at EOF: %q", got)
	}
	e.Pos.Line, e.Pos.Col = 1, 9
	if got := e.Format([]byte(src)); got != "main.mcl:1:9: parse: m\n$x = 1\n        ^" {
		t.Errorf("past the line: %q", got)
	}
	e.Pos.Line = 9
	if got := e.Format([]byte(src)); got != "main.mcl:9:9: parse: m" {
		t.Errorf("no such line: %q", got)
	}
}
