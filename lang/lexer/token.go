package lexer

import "fmt"

// Kind is the kind of a token.
type Kind uint8

// The token kinds.
const (
	EOF     Kind = iota // end of input
	Newline             // a line break: statements end with one

	Ident    // lower-case identifier: [a-z]([a-z0-9_]*[a-z0-9])?
	CapIdent // capitalized identifier: [A-Z]([a-z0-9_]*[a-z0-9])?
	Var      // `$name` or `$dotted.name`; Text includes the '$'
	String   // "..." literal; Text includes the quotes, escapes unprocessed
	Int      // -?[0-9]+
	Float    // -?[0-9]+.[0-9]+

	// Keywords.
	If
	Else
	For
	ForKV
	In
	And
	Or
	Not
	Func
	Class
	Include
	Import
	As
	Collect
	Panic
	True
	False
	// Type keywords.
	BoolType
	StrType
	IntType
	FloatType
	MapType
	StructType
	VariantType

	// Punctuation.
	LBrace    // {
	RBrace    // }
	LParen    // (
	RParen    // )
	LBrack    // [
	RBrack    // ]
	Comma     // ,
	Colon     // :
	Semicolon // ;
	Assign    // =
	Rocket    // =>
	Arrow     // ->
	Dot       // .
	Elvis     // ?:
	Default   // <|>
	Plus      // +
	Minus     // -
	Star      // * (multiplication, and the bare import `as *`)
	Slash     // /
	Eq        // ==
	Ne        // !=
	Lt        // <
	Gt        // >
	Le        // <=
	Ge        // >=

	numKinds
)

var kindNames = [numKinds]string{
	EOF: "end of file", Newline: "newline",
	Ident: "identifier", CapIdent: "capitalized identifier", Var: "variable",
	String: "string", Int: "integer", Float: "float",
	If: "if", Else: "else", For: "for", ForKV: "forkv", In: "in", And: "and",
	Or: "or", Not: "not", Func: "func", Class: "class", Include: "include",
	Import: "import", As: "as", Collect: "collect", Panic: "panic",
	True: "true", False: "false", BoolType: "bool", StrType: "str",
	IntType: "int", FloatType: "float", MapType: "map", StructType: "struct",
	VariantType: "variant",

	LBrace: "{", RBrace: "}", LParen: "(", RParen: ")", LBrack: "[",
	RBrack: "]", Comma: ",", Colon: ":", Semicolon: ";", Assign: "=",
	Rocket: "=>", Arrow: "->", Dot: ".", Elvis: "?:", Default: "<|>",
	Plus: "+", Minus: "-", Star: "*", Slash: "/", Eq: "==", Ne: "!=",
	Lt: "<", Gt: ">", Le: "<=", Ge: ">=",
}

// String returns the spelling of a keyword or punctuation kind, or a short
// description of the other kinds ("identifier", "newline", ...).
func (k Kind) String() string {
	if k < numKinds && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", k)
}

// IsKeyword reports whether k is a reserved word (including the type
// keywords and true/false).
func (k Kind) IsKeyword() bool { return k >= If && k <= VariantType }

// IsPunct reports whether k is an operator or punctuation.
func (k Kind) IsPunct() bool { return k >= LBrace && k < numKinds }

// keywords maps each reserved word to its kind.
var keywords = map[string]Kind{
	"if": If, "else": Else, "for": For, "forkv": ForKV, "in": In,
	"and": And, "or": Or, "not": Not, "func": Func, "class": Class,
	"include": Include, "import": Import, "as": As, "collect": Collect,
	"panic": Panic, "true": True, "false": False, "bool": BoolType,
	"str": StrType, "int": IntType, "float": FloatType, "map": MapType,
	"struct": StructType, "variant": VariantType,
}

// Keyword returns the kind of a reserved word, and whether word is one.
func Keyword(word string) (Kind, bool) {
	k, ok := keywords[word]
	return k, ok
}

// Token is one lexical token. Its position fields are 1-based; columns
// count bytes. The end of a token is exclusive: EndLine/EndCol is the
// position just after its last byte.
type Token struct {
	// Kind is the token kind.
	Kind Kind
	// Text is the exact source text of the token ("" for EOF).
	Text string
	// Off is the byte offset of the token in the source.
	Off int
	// Line and Col are the position of the first byte.
	Line, Col int
	// EndLine and EndCol are the position just after the last byte.
	EndLine, EndCol int
}

// Name returns the name of a Var token without its '$', the content of a
// String token without its quotes, and Text for every other token.
func (t Token) Name() string {
	switch t.Kind {
	case Var:
		return t.Text[1:]
	case String:
		return t.Text[1 : len(t.Text)-1]
	}
	return t.Text
}

// Describe returns a short description of the token for error messages,
// such as "newline", "`)`", "keyword `in`" or "identifier `foo`".
func (t Token) Describe() string {
	switch {
	case t.Kind == EOF || t.Kind == Newline:
		return t.Kind.String()
	case t.Kind.IsKeyword():
		return "keyword `" + t.Text + "`"
	case t.Kind.IsPunct():
		return "`" + t.Text + "`"
	}
	text := t.Text
	if len(text) > 40 {
		text = text[:37] + "..."
	}
	return t.Kind.String() + " `" + text + "`"
}

// Comment is a `#` comment. Comments are not tokens; the lexer returns
// them separately.
type Comment struct {
	// Text is the comment including its '#', without the line break.
	Text string
	// Off is the byte offset of the '#'.
	Off int
	// Line and Col are the position of the '#'.
	Line, Col int
}
