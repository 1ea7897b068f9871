// Package lexer splits mcl source into tokens, following upstream mgmt's
// lexer (lang/parser/lexer.nex) rule by rule:
//
//   - Spaces and tabs separate tokens; a line break is a [Newline] token,
//     because statements end at the end of their line. A carriage return is
//     an error (mcl files use Unix line endings).
//   - `#` starts a comment that runs to the end of the line. Comments are
//     not tokens; they are collected on the side (see [Lexer.Comments]).
//   - Identifiers are lower case, [a-z]([a-z0-9_]*[a-z0-9])?; capitalized
//     identifiers, [A-Z]([a-z0-9_]*[a-z0-9])?, name resource kinds in edges
//     and the Meta/Before/Depend/Notify/Listen keys. Neither may end with
//     '_'. Reserved words are never identifiers.
//   - A variable is '$' directly followed by a name, or by a dotted name
//     whose parts are names: `$x`, `$i1.x`, `$const.res.file.state.exists`.
//     The parts may not be reserved words, except `map` and `collect`.
//   - Strings are "..." and may span lines; a backslash protects the next
//     character, but escapes are not decoded here (package
//     lang/interpolate does that, as upstream does in a later pass).
//   - Integers are -?[0-9]+ and must fit in an int64; floats are
//     -?[0-9]+.[0-9]+. The sign belongs to the literal: `$a -1` is a
//     variable followed by the integer -1, so subtraction needs a space
//     after the minus.
package lexer

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/mgmt-wasm/mgmt/lang/ast"
)

// Error is a lexical error at a position.
type Error struct {
	// Pos is where the offending input starts.
	Pos ast.Pos
	// Msg describes the problem.
	Msg string
}

// Error formats the error as "file:line:col: lex: message".
func (e *Error) Error() string { return fmt.Sprintf("%s: lex: %s", e.Pos, e.Msg) }

// Lexer produces the tokens of one source file, in order.
type Lexer struct {
	file     string
	src      string
	off      int // offset of the next unread byte
	line     int // line of src[off]
	col      int // column of src[off]
	comments []Comment
	err      *Error
}

// New returns a lexer for src, reporting positions under the name file.
func New(file string, src []byte) *Lexer {
	return &Lexer{file: file, src: string(src), line: 1, col: 1}
}

// Tokenize lexes all of src. The tokens end with an EOF token. On error it
// returns the tokens read so far and the error.
func Tokenize(file string, src []byte) ([]Token, []Comment, error) {
	l := New(file, src)
	toks := make([]Token, 0, len(src)/4+1)
	for {
		t, err := l.Next()
		if err != nil {
			return toks, l.comments, err
		}
		toks = append(toks, t)
		if t.Kind == EOF {
			return toks, l.comments, nil
		}
	}
}

// Comments returns the comments read so far.
func (l *Lexer) Comments() []Comment { return l.comments }

// Next returns the next token. At the end of the input it returns an EOF
// token, again and again. After an error it keeps returning that error.
func (l *Lexer) Next() (Token, error) {
	if l.err != nil {
		return Token{}, l.err
	}
	t, err := l.scan()
	if err != nil {
		l.err = err
		return Token{}, err
	}
	return t, nil
}

// errorf records an error at the given offset, line and column.
func (l *Lexer) errorf(line, col int, format string, args ...any) *Error {
	return &Error{Pos: ast.Pos{File: l.file, Line: line, Col: col}, Msg: fmt.Sprintf(format, args...)}
}

// token builds a token from start (offset, line, column) to the current
// position.
func (l *Lexer) token(k Kind, off, line, col int) Token {
	return Token{Kind: k, Text: l.src[off:l.off], Off: off, Line: line, Col: col, EndLine: l.line, EndCol: l.col}
}

// advance consumes n bytes that contain no line break.
func (l *Lexer) advance(n int) {
	l.off += n
	l.col += n
}

// peekAt returns the byte at offset off+i, or 0 past the end.
func (l *Lexer) peekAt(i int) byte {
	if l.off+i < len(l.src) {
		return l.src[l.off+i]
	}
	return 0
}

func (l *Lexer) scan() (Token, *Error) {
	for l.off < len(l.src) {
		switch c := l.src[l.off]; c {
		case ' ', '\t':
			l.advance(1)
		case '#':
			start, col := l.off, l.col
			for l.off < len(l.src) && l.src[l.off] != '\n' {
				l.off++
			}
			l.col += l.off - start
			l.comments = append(l.comments, Comment{Text: l.src[start:l.off], Off: start, Line: l.line, Col: col})
		default:
			return l.scanToken()
		}
	}
	return Token{Kind: EOF, Off: l.off, Line: l.line, Col: l.col, EndLine: l.line, EndCol: l.col}, nil
}

func (l *Lexer) scanToken() (Token, *Error) {
	off, line, col := l.off, l.line, l.col
	c := l.src[l.off]
	switch {
	case c == '\n':
		l.off++
		l.line++
		l.col = 1
		return l.token(Newline, off, line, col), nil
	case c >= 'a' && c <= 'z':
		if err := l.scanName(); err != nil {
			return Token{}, err
		}
		if k, ok := keywords[l.src[off:l.off]]; ok {
			return l.token(k, off, line, col), nil
		}
		return l.token(Ident, off, line, col), nil
	case c >= 'A' && c <= 'Z':
		if err := l.scanName(); err != nil {
			return Token{}, err
		}
		return l.token(CapIdent, off, line, col), nil
	case c >= '0' && c <= '9' || c == '-' && isDigit(l.peekAt(1)):
		return l.scanNumber()
	case c == '$':
		return l.scanVar()
	case c == '"':
		return l.scanString()
	}
	if k, n := punct(l.src[l.off:]); n > 0 {
		l.advance(n)
		return l.token(k, off, line, col), nil
	}
	return Token{}, l.unexpected()
}

// unexpected builds the error for a byte that starts no token.
func (l *Lexer) unexpected() *Error {
	c := l.src[l.off]
	switch c {
	case '\r':
		return l.errorf(l.line, l.col, "unexpected carriage return (\\r): mcl files use Unix line endings")
	case '!':
		return l.errorf(l.line, l.col, "unexpected `!`: the negation operator is `not`")
	case '&':
		return l.errorf(l.line, l.col, "unexpected `&`: the conjunction operator is `and`")
	case '|':
		return l.errorf(l.line, l.col, "unexpected `|`: the disjunction operator is `or` and the default operator is `<|>`")
	case '?':
		return l.errorf(l.line, l.col, "unexpected `?`: the only operator with it is `?:`, in resource bodies")
	}
	r, _ := utf8.DecodeRuneInString(l.src[l.off:])
	if r == utf8.RuneError || r < ' ' {
		return l.errorf(l.line, l.col, "unexpected byte 0x%02x", c)
	}
	return l.errorf(l.line, l.col, "unexpected character %q", r)
}

// punct matches the operator or punctuation at the start of s, longest
// first, and returns its kind and length (0 if there is none).
func punct(s string) (Kind, int) {
	two := ""
	if len(s) >= 2 {
		two = s[:2]
	}
	if len(s) >= 3 && s[:3] == "<|>" {
		return Default, 3
	}
	switch two {
	case "=>":
		return Rocket, 2
	case "==":
		return Eq, 2
	case "!=":
		return Ne, 2
	case "<=":
		return Le, 2
	case ">=":
		return Ge, 2
	case "->":
		return Arrow, 2
	case "?:":
		return Elvis, 2
	}
	switch s[0] {
	case '{':
		return LBrace, 1
	case '}':
		return RBrace, 1
	case '(':
		return LParen, 1
	case ')':
		return RParen, 1
	case '[':
		return LBrack, 1
	case ']':
		return RBrack, 1
	case ',':
		return Comma, 1
	case ':':
		return Colon, 1
	case ';':
		return Semicolon, 1
	case '=':
		return Assign, 1
	case '.':
		return Dot, 1
	case '+':
		return Plus, 1
	case '-':
		return Minus, 1
	case '*':
		return Star, 1
	case '/':
		return Slash, 1
	case '<':
		return Lt, 1
	case '>':
		return Gt, 1
	}
	return 0, 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isNameByte(c byte) bool { return c >= 'a' && c <= 'z' || isDigit(c) || c == '_' }

// scanName consumes a name: one letter (of either case) then
// [a-z0-9_]*, which must not end with '_'.
func (l *Lexer) scanName() *Error {
	start := l.off
	l.advance(1)
	for l.off < len(l.src) && isNameByte(l.src[l.off]) {
		l.advance(1)
	}
	if l.src[l.off-1] == '_' {
		end := l.off - 1
		for end > start && l.src[end-1] == '_' {
			end--
		}
		return l.errorf(l.line, l.col-(l.off-end), "a name can't end with `_`: %q", l.src[start:l.off])
	}
	return nil
}

// scanVar consumes `$name` or `$dotted.name`.
func (l *Lexer) scanVar() (Token, *Error) {
	off, line, col := l.off, l.line, l.col
	l.advance(1)
	for {
		c := l.peekAt(0)
		if c < 'a' || c > 'z' {
			if c >= 'A' && c <= 'Z' {
				return Token{}, l.errorf(l.line, l.col, "variable names are lower case")
			}
			return Token{}, l.errorf(l.line, l.col, "expected a variable name after `%s`", l.src[off:l.off])
		}
		start, scol := l.off, l.col
		if err := l.scanName(); err != nil {
			return Token{}, err
		}
		word := l.src[start:l.off]
		if k, ok := keywords[word]; ok && k != MapType && k != Collect {
			return Token{}, l.errorf(l.line, scol, "`%s` is a reserved word and can't be used in a variable name", word)
		}
		if l.peekAt(0) != '.' || l.peekAt(1) < 'a' || l.peekAt(1) > 'z' {
			return l.token(Var, off, line, col), nil
		}
		l.advance(1)
	}
}

// scanNumber consumes an integer or a float, with an optional leading '-'.
func (l *Lexer) scanNumber() (Token, *Error) {
	off, line, col := l.off, l.line, l.col
	if l.src[l.off] == '-' {
		l.advance(1)
	}
	for isDigit(l.peekAt(0)) {
		l.advance(1)
	}
	kind := Int
	if l.peekAt(0) == '.' && isDigit(l.peekAt(1)) {
		kind = Float
		l.advance(1)
		for isDigit(l.peekAt(0)) {
			l.advance(1)
		}
	}
	text := l.src[off:l.off]
	if kind == Int {
		if _, err := strconv.ParseInt(text, 10, 64); err != nil {
			return Token{}, l.errorf(line, col, "integer %s overflows int64", text)
		}
	} else if _, err := strconv.ParseFloat(text, 64); err != nil {
		return Token{}, l.errorf(line, col, "float %s overflows float64", text)
	}
	return l.token(kind, off, line, col), nil
}

// scanString consumes a "..." literal, which may span lines; a backslash
// protects the byte after it.
func (l *Lexer) scanString() (Token, *Error) {
	off, line, col := l.off, l.line, l.col
	l.advance(1)
	for l.off < len(l.src) {
		switch l.src[l.off] {
		case '"':
			l.advance(1)
			return l.token(String, off, line, col), nil
		case '\\':
			if l.off+1 < len(l.src) && l.src[l.off+1] == '\n' {
				l.off += 2
				l.line++
				l.col = 1
				continue
			}
			if l.off+1 < len(l.src) {
				l.advance(2)
				continue
			}
			l.advance(1)
		case '\n':
			l.off++
			l.line++
			l.col = 1
		default:
			l.advance(1)
		}
	}
	return Token{}, l.errorf(line, col, "string literal not terminated")
}
