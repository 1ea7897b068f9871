// Package interpolate processes the string literals of a parsed mcl module,
// as upstream mgmt's interpolation stage does (it runs after parsing, and
// its errors are a class of their own, errInterpolate).
//
// A string literal is a sequence of:
//
//   - escapes: \a \b \f \n \r \t \v \\ \" and \$; any other character
//     after a backslash is an error ("unknown escape sequence");
//   - variable references ${name}, where name is a lower-case letter
//     followed by letters, digits and underscores, with single dots
//     allowed between them: ${x}, ${i1.x}, ${const.res.file.state.exists}.
//     Expressions are not allowed. Once "${" has been read a valid
//     reference must follow, so "${}" or "${Foo}" is an error;
//   - a lone '$' (one not followed by '{'), which is literal text;
//   - any other text, taken as is (line breaks included).
package interpolate

import (
	"fmt"
	"unicode/utf8"
)

// Segment is a piece of a string literal: literal text or a variable
// reference. Off and End are byte offsets into the raw literal text (the
// text between the quotes).
type Segment struct {
	// IsVar reports whether the segment is a ${name} reference.
	IsVar bool
	// Text is the decoded text of a literal segment, or the variable name
	// of a reference.
	Text string
	// Off is the offset of the first byte of the segment.
	Off int
	// End is the offset just after the last byte of the segment.
	End int
}

// SyntaxError is an error in the raw text of a string literal, at a byte
// offset of that text.
type SyntaxError struct {
	// Off is the offset of the offending byte in the raw text.
	Off int
	// Msg describes the problem.
	Msg string
}

// Error returns the message.
func (e *SyntaxError) Error() string { return e.Msg }

// escapes maps the character after a backslash to what it stands for.
var escapes = [256]byte{
	'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t',
	'v': '\v', '\\': '\\', '"': '"', '$': '$',
}

// Parse splits the raw text of a string literal (escapes unprocessed,
// without its quotes) into segments. Adjacent literal pieces are merged
// into one segment. An empty string gives no segments.
func Parse(raw string) ([]Segment, error) {
	var segs []Segment
	var lit []byte // decoded text of the literal segment being built
	litOff := -1   // its start offset, or -1 if none is open
	addLit := func(off int, text string) {
		if litOff < 0 {
			litOff = off
		}
		lit = append(lit, text...)
	}
	flush := func(end int) {
		if litOff >= 0 {
			segs = append(segs, Segment{Text: string(lit), Off: litOff, End: end})
			lit, litOff = lit[:0], -1
		}
	}
	for i := 0; i < len(raw); {
		switch c := raw[i]; {
		case c == '\\':
			if i+1 >= len(raw) {
				return nil, &SyntaxError{Off: i, Msg: fmt.Sprintf("cannot parse string: %s", raw)}
			}
			d := raw[i+1]
			if escapes[d] == 0 {
				r, _ := utf8.DecodeRuneInString(raw[i+1:])
				return nil, &SyntaxError{Off: i, Msg: fmt.Sprintf("unknown escape sequence: \\%c", r)}
			}
			addLit(i, string(escapes[d]))
			i += 2
		case c == '$' && i+1 < len(raw) && raw[i+1] == '{':
			name, end := scanRef(raw, i+2)
			if end < 0 {
				return nil, &SyntaxError{Off: i, Msg: fmt.Sprintf("cannot parse string: %s", raw)}
			}
			flush(i)
			segs = append(segs, Segment{IsVar: true, Text: name, Off: i, End: end})
			i = end
		default:
			j := i + 1
			for j < len(raw) && raw[j] != '\\' && raw[j] != '$' {
				j++
			}
			addLit(i, raw[i:j])
			i = j
		}
	}
	flush(len(raw))
	return segs, nil
}

// scanRef reads a variable name starting at offset i and the '}' after
// it. It returns the name and the offset after the '}', or an end of -1 if
// there is no valid reference there.
func scanRef(raw string, i int) (string, int) {
	start := i
	if i >= len(raw) || raw[i] < 'a' || raw[i] > 'z' {
		return "", -1
	}
	i++
	for i < len(raw) {
		c := raw[i]
		switch {
		case isRefByte(c):
			i++
		case c == '.' && i+1 < len(raw) && isRefByte(raw[i+1]):
			i += 2
		case c == '}':
			return raw[start:i], i + 1
		default:
			return "", -1
		}
	}
	return "", -1
}

func isRefByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_'
}
