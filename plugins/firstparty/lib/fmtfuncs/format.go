package fmtfuncs

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// maxWidth bounds a verb's width and precision, so that a format string
// cannot make one call allocate without limit.
const maxWidth = 10000

// segment is one piece of a parsed format string: literal text, or a verb
// with the flags, width and precision written between '%' and the verb.
type segment struct {
	// text is the literal text when verb is 0.
	text string
	// verb is the verb letter: d f s q t v T.
	verb byte
	// spec is what stands between '%' and the verb, such as "-8" or ".2".
	spec string
	// at is the byte offset of the verb in the format string.
	at int
}

// parse splits format into literal text and verbs. It accepts the verbs
// %d (int), %f (float), %s and %q (str), %t (bool), %v and %T (any type)
// and %% (a percent sign), each with optional flags (- + # 0 space), width
// and precision as in Go's fmt.
func parse(format string) ([]segment, error) {
	var segs []segment
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			segs = append(segs, segment{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			lit.WriteByte(format[i])
			continue
		}
		start := i + 1
		j := start
		for j < len(format) && strings.IndexByte("-+# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			return nil, fmt.Errorf("format string ends in an incomplete verb at %d", i)
		}
		spec, verb := format[start:j], format[j]
		if verb == '%' {
			if spec != "" {
				return nil, fmt.Errorf("invalid format string at %d: %%%% takes no flags", j)
			}
			lit.WriteByte('%')
			i = j
			continue
		}
		if strings.IndexByte("dfsqtvT", verb) < 0 {
			return nil, fmt.Errorf("invalid format string at %d: verb %%%c is not supported", j, verb)
		}
		if err := checkSpec(spec); err != nil {
			return nil, fmt.Errorf("invalid format string at %d: %w", start, err)
		}
		flush()
		segs = append(segs, segment{verb: verb, spec: spec, at: j})
		i = j
	}
	flush()
	return segs, nil
}

// checkSpec checks that spec is flags, then an optional width, then an
// optional '.' and precision, and that the numbers are not too large.
func checkSpec(spec string) error {
	i := 0
	for i < len(spec) && strings.IndexByte("-+# 0", spec[i]) >= 0 {
		i++
	}
	w := i
	for i < len(spec) && spec[i] >= '0' && spec[i] <= '9' {
		i++
	}
	width := spec[w:i]
	prec := ""
	if i < len(spec) && spec[i] == '.' {
		i++
		p := i
		for i < len(spec) && spec[i] >= '0' && spec[i] <= '9' {
			i++
		}
		prec = spec[p:i]
	}
	if i != len(spec) {
		return fmt.Errorf("malformed flags, width or precision %q", spec)
	}
	for _, n := range []string{width, prec} {
		if n == "" {
			continue
		}
		if v, err := strconv.Atoi(n); err != nil || v > maxWidth {
			return fmt.Errorf("width or precision %s is larger than %d", n, maxWidth)
		}
	}
	return nil
}

// verbType returns the type a verb requires of its value, or nil if it
// takes any type.
func verbType(verb byte) *hostabi.Type {
	switch verb {
	case 'd':
		return hostabi.TypeInt
	case 'f':
		return hostabi.TypeFloat
	case 's', 'q':
		return hostabi.TypeStr
	case 't':
		return hostabi.TypeBool
	}
	return nil
}

// Sprintf formats values after format, as mcl's fmt.printf does.
//
// A verb without flags prints as upstream mgmt does: %s the string itself,
// %d and %t as in Go, %f the shortest decimal that reads back as the same
// float (3.5, not 3.500000), %q a double-quoted Go literal, and %v any
// value, a str unquoted and a list, map or struct in mgmt's literal form
// ([1, 2], {"a": 1}, struct{a: 1; b: "x"}); %T prints the value's mcl
// type. With flags, width or precision, a verb formats the value (an
// int64, float64, string or bool) as Go's fmt does; on a list, map or
// struct, or for %T, they apply to its text as for %s. Values beyond those
// the verbs consume are ignored, as upstream does; too few values are an
// error.
func Sprintf(format string, values []hostabi.Value) (string, error) {
	segs, err := parse(format)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	n := 0
	for _, s := range segs {
		if s.verb == 0 {
			b.WriteString(s.text)
			continue
		}
		if n >= len(values) {
			return "", fmt.Errorf("more specifiers (%d) than values (%d)", verbCount(segs), len(values))
		}
		v := values[n]
		n++
		if v == nil {
			return "", fmt.Errorf("value %d for %%%c at %d is missing", n, s.verb, s.at)
		}
		if want := verbType(s.verb); want != nil && !v.Type().Equal(want) {
			return "", fmt.Errorf("unexpected type: %%%c at %d needs a %s, value %d is a %s", s.verb, s.at, want, n, v.Type())
		}
		b.WriteString(formatOne(s, v))
	}
	return b.String(), nil
}

// verbCount counts the verbs among segs.
func verbCount(segs []segment) int {
	n := 0
	for _, s := range segs {
		if s.verb != 0 {
			n++
		}
	}
	return n
}

// formatOne formats v, whose type fits s.verb, for the verb s.
func formatOne(s segment, v hostabi.Value) string {
	if s.verb == 'T' {
		return applySpec(s.spec, v.Type().String())
	}
	if s.spec == "" {
		if s.verb == 'q' {
			return strconv.Quote(string(v.(hostabi.StrValue)))
		}
		return Text(v)
	}
	switch x := v.(type) {
	case hostabi.StrValue:
		return fmt.Sprintf("%"+s.spec+string(s.verb), string(x))
	case hostabi.IntValue:
		return fmt.Sprintf("%"+s.spec+string(s.verb), int64(x))
	case hostabi.FloatValue:
		return fmt.Sprintf("%"+s.spec+string(s.verb), float64(x))
	case hostabi.BoolValue:
		return fmt.Sprintf("%"+s.spec+string(s.verb), bool(x))
	}
	return applySpec(s.spec, Text(v))
}

// applySpec formats text with flags, width and precision as %s does.
func applySpec(spec, text string) string {
	if spec == "" {
		return text
	}
	return fmt.Sprintf("%"+spec+"s", text)
}
