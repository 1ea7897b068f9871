package lexer

import (
	"fmt"
	"strings"
	"testing"
)

// tok is a compact expected token: kind, text, and start line:col.
type tok struct {
	kind Kind
	text string
	line int
	col  int
}

func lex(t *testing.T, src string) []Token {
	t.Helper()
	toks, _, err := Tokenize("f.mcl", []byte(src))
	if err != nil {
		t.Fatalf("Tokenize(%q): %v", src, err)
	}
	return toks
}

func TestTokens(t *testing.T) {
	tests := []struct {
		src  string
		want []tok
	}{
		{"", []tok{{EOF, "", 1, 1}}},
		{"foo bar_baz x1 a__b", []tok{{Ident, "foo", 1, 1}, {Ident, "bar_baz", 1, 5}, {Ident, "x1", 1, 13}, {Ident, "a__b", 1, 16}}},
		{"Test Http:Server", []tok{{CapIdent, "Test", 1, 1}, {CapIdent, "Http", 1, 6}, {Colon, ":", 1, 10}, {CapIdent, "Server", 1, 11}}},
		{"fooBar", []tok{{Ident, "foo", 1, 1}, {CapIdent, "Bar", 1, 4}}},
		{"$x $const.res.file.state.exists $i1.x $map $collect $a.map",
			[]tok{{Var, "$x", 1, 1}, {Var, "$const.res.file.state.exists", 1, 4}, {Var, "$i1.x", 1, 33},
				{Var, "$map", 1, 39}, {Var, "$collect", 1, 44}, {Var, "$a.map", 1, 53}}},
		{"$x.5", []tok{{Var, "$x", 1, 1}, {Dot, ".", 1, 3}, {Int, "5", 1, 4}}},
		{"42 -13 0 3.14 -0.5", []tok{{Int, "42", 1, 1}, {Int, "-13", 1, 4}, {Int, "0", 1, 8}, {Float, "3.14", 1, 10}, {Float, "-0.5", 1, 15}}},
		{"1 - 2", []tok{{Int, "1", 1, 1}, {Minus, "-", 1, 3}, {Int, "2", 1, 5}}},
		{"1 -2", []tok{{Int, "1", 1, 1}, {Int, "-2", 1, 3}}},
		{"$x-1", []tok{{Var, "$x", 1, 1}, {Int, "-1", 1, 3}}},
		{"1.", []tok{{Int, "1", 1, 1}, {Dot, ".", 1, 2}}},
		{"1.2.3", []tok{{Float, "1.2", 1, 1}, {Dot, ".", 1, 4}, {Int, "3", 1, 5}}},
		{`"" "a b" "a\"b" "a\\" "x\ny"`, []tok{{String, `""`, 1, 1}, {String, `"a b"`, 1, 4}, {String, `"a\"b"`, 1, 10}, {String, `"a\\"`, 1, 17}, {String, `"x\ny"`, 1, 23}}},
		{"\"two\nlines\" x", []tok{{String, "\"two\nlines\"", 1, 1}, {Ident, "x", 2, 8}}},
		{"\"esc\\\nnl\" x", []tok{{String, "\"esc\\\nnl\"", 1, 1}, {Ident, "x", 2, 5}}},
		{`"${x} $y \z"`, []tok{{String, `"${x} $y \z"`, 1, 1}}},
		{"a\nb\n\nc", []tok{{Ident, "a", 1, 1}, {Newline, "\n", 1, 2}, {Ident, "b", 2, 1}, {Newline, "\n", 2, 2}, {Newline, "\n", 3, 1}, {Ident, "c", 4, 1}}},
		{"a # comment\nb", []tok{{Ident, "a", 1, 1}, {Newline, "\n", 1, 12}, {Ident, "b", 2, 1}}},
		{"\ta\t b", []tok{{Ident, "a", 1, 2}, {Ident, "b", 1, 5}}},
		{"{ } ( ) [ ] , : ; = => -> . ?: <|> + - * / == != < > <= >=",
			[]tok{{LBrace, "{", 1, 1}, {RBrace, "}", 1, 3}, {LParen, "(", 1, 5}, {RParen, ")", 1, 7},
				{LBrack, "[", 1, 9}, {RBrack, "]", 1, 11}, {Comma, ",", 1, 13}, {Colon, ":", 1, 15},
				{Semicolon, ";", 1, 17}, {Assign, "=", 1, 19}, {Rocket, "=>", 1, 21}, {Arrow, "->", 1, 24},
				{Dot, ".", 1, 27}, {Elvis, "?:", 1, 29}, {Default, "<|>", 1, 32}, {Plus, "+", 1, 36},
				{Minus, "-", 1, 38}, {Star, "*", 1, 40}, {Slash, "/", 1, 42}, {Eq, "==", 1, 44},
				{Ne, "!=", 1, 47}, {Lt, "<", 1, 50}, {Gt, ">", 1, 52}, {Le, "<=", 1, 54}, {Ge, ">=", 1, 57}}},
		{"a->b<=c<|>d=>e==f", []tok{{Ident, "a", 1, 1}, {Arrow, "->", 1, 2}, {Ident, "b", 1, 4}, {Le, "<=", 1, 5},
			{Ident, "c", 1, 7}, {Default, "<|>", 1, 8}, {Ident, "d", 1, 11}, {Rocket, "=>", 1, 12},
			{Ident, "e", 1, 14}, {Eq, "==", 1, 15}, {Ident, "f", 1, 17}}},
		{"->1", []tok{{Arrow, "->", 1, 1}, {Int, "1", 1, 3}}},
	}
	for _, tt := range tests {
		got := lex(t, tt.src)
		if tt.want[len(tt.want)-1].kind != EOF {
			got = got[:len(got)-1] // drop EOF
		}
		if len(got) < len(tt.want) {
			t.Errorf("%q: got %d tokens %v, want %d", tt.src, len(got), got, len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.Kind != w.kind || g.Text != w.text || g.Line != w.line || g.Col != w.col {
				t.Errorf("%q token %d: got %v %q at %d:%d, want %v %q at %d:%d",
					tt.src, i, g.Kind, g.Text, g.Line, g.Col, w.kind, w.text, w.line, w.col)
			}
		}
	}
}

func TestKeywords(t *testing.T) {
	for word, kind := range keywords {
		toks := lex(t, word+" "+word+"x")
		if toks[0].Kind != kind || toks[1].Kind != Ident {
			t.Errorf("%q: got %v then %v", word, toks[0].Kind, toks[1].Kind)
		}
		if !kind.IsKeyword() || kind.String() != word {
			t.Errorf("%v: IsKeyword %v, String %q", kind, kind.IsKeyword(), kind.String())
		}
	}
	if k, ok := Keyword("forkv"); !ok || k != ForKV {
		t.Errorf("Keyword(forkv) = %v, %v", k, ok)
	}
	if _, ok := Keyword("fork"); ok {
		t.Error("fork is not a keyword")
	}
}

func TestEnds(t *testing.T) {
	toks := lex(t, "$abc \"x\ny\" -12\n")
	want := [][4]int{{1, 1, 1, 5}, {1, 6, 2, 3}, {2, 4, 2, 7}, {2, 7, 3, 1}, {3, 1, 3, 1}}
	for i, w := range want {
		g := toks[i]
		if got := [4]int{g.Line, g.Col, g.EndLine, g.EndCol}; got != w {
			t.Errorf("token %d %q: got span %v, want %v", i, g.Text, got, w)
		}
	}
	if toks[1].Off != 5 || toks[2].Off != 11 {
		t.Errorf("offsets: got %d and %d", toks[1].Off, toks[2].Off)
	}
}

func TestComments(t *testing.T) {
	_, comments, err := Tokenize("f.mcl", []byte("# one\n$x = 1 # two\n\t#three"))
	if err != nil {
		t.Fatal(err)
	}
	want := []Comment{{"# one", 0, 1, 1}, {"# two", 13, 2, 8}, {"#three", 20, 3, 2}}
	if fmt.Sprint(comments) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", comments, want)
	}
}

func TestTokenHelpers(t *testing.T) {
	toks := lex(t, `$a.b "q" if ) foo`)
	names := []string{"a.b", "q", "if", ")", "foo"}
	for i, n := range names {
		if toks[i].Name() != n {
			t.Errorf("Name %d: got %q, want %q", i, toks[i].Name(), n)
		}
	}
	desc := []string{"variable `$a.b`", "string `\"q\"`", "keyword `if`", "`)`", "identifier `foo`"}
	for i, d := range desc {
		if toks[i].Describe() != d {
			t.Errorf("Describe %d: got %q, want %q", i, toks[i].Describe(), d)
		}
	}
	long := lex(t, strings.Repeat("a", 50))[0].Describe()
	if !strings.HasSuffix(long, "...`") {
		t.Errorf("long Describe: %q", long)
	}
	if Kind(200).String() != "Kind(200)" || EOF.String() != "end of file" {
		t.Error("Kind.String")
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"a\r\nb", "f.mcl:1:2: lex: unexpected carriage return (\\r): mcl files use Unix line endings"},
		{"\n  \"open", "f.mcl:2:3: lex: string literal not terminated"},
		{"x = 18446744073709551615", "f.mcl:1:5: lex: integer 18446744073709551615 overflows int64"},
		{"x = -9223372036854775809", "f.mcl:1:5: lex: integer -9223372036854775809 overflows int64"},
		{"1" + strings.Repeat("0", 400) + ".0", "f.mcl:1:1: lex: float 1" + strings.Repeat("0", 400) + ".0 overflows float64"},
		{"foo_ = 1", "f.mcl:1:4: lex: a name can't end with `_`: \"foo_\""},
		{"a Foo__", "f.mcl:1:6: lex: a name can't end with `_`: \"Foo__\""},
		{"$ x", "f.mcl:1:2: lex: expected a variable name after `$`"},
		{"$X", "f.mcl:1:2: lex: variable names are lower case"},
		{"$_x", "f.mcl:1:2: lex: expected a variable name after `$`"},
		{"$x_", "f.mcl:1:3: lex: a name can't end with `_`: \"x_\""},
		{"func($in)", "f.mcl:1:7: lex: `in` is a reserved word and can't be used in a variable name"},
		{"$a.str", "f.mcl:1:4: lex: `str` is a reserved word and can't be used in a variable name"},
		{"_x", "f.mcl:1:1: lex: unexpected character '_'"},
		{"a ! b", "f.mcl:1:3: lex: unexpected `!`: the negation operator is `not`"},
		{"a && b", "f.mcl:1:3: lex: unexpected `&`: the conjunction operator is `and`"},
		{"a || b", "f.mcl:1:3: lex: unexpected `|`: the disjunction operator is `or` and the default operator is `<|>`"},
		{"a ? b", "f.mcl:1:3: lex: unexpected `?`: the only operator with it is `?:`, in resource bodies"},
		{"a @", "f.mcl:1:3: lex: unexpected character '@'"},
		{"é", "f.mcl:1:1: lex: unexpected character 'é'"},
		{"\x00", "f.mcl:1:1: lex: unexpected byte 0x00"},
		{"\xff", "f.mcl:1:1: lex: unexpected byte 0xff"},
		{"a\fb", "f.mcl:1:2: lex: unexpected byte 0x0c"},
	}
	for _, tt := range tests {
		toks, _, err := Tokenize("f.mcl", []byte(tt.src))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%q: got %v, want %s", tt.src, err, tt.want)
		}
		for _, tk := range toks {
			if tk.Kind == EOF {
				t.Errorf("%q: an EOF token despite the error", tt.src)
			}
		}
	}
}

func TestNextAfterEnd(t *testing.T) {
	l := New("f.mcl", []byte("a"))
	for i, want := range []Kind{Ident, EOF, EOF} {
		if tk, err := l.Next(); err != nil || tk.Kind != want {
			t.Errorf("Next %d: got %v, %v", i, tk.Kind, err)
		}
	}
	l = New("f.mcl", []byte("@ a"))
	_, err1 := l.Next()
	_, err2 := l.Next()
	if err1 == nil || err1 != err2 {
		t.Errorf("errors should stick: %v, %v", err1, err2)
	}
}
