package golangfuncs

import (
	"fmt"
	"strconv"
)

// strconvEntries wraps package strconv. The Append functions append to a
// copy of dst (mcl strings are immutable); FormatInt and AppendInt, which
// panic on a base outside 2..36, fail instead.
func strconvEntries() []entry {
	return []entry{
		{"append_bool", "func(dst str, b bool) str", f2(func(dst string, b bool) string {
			return string(strconv.AppendBool([]byte(dst), b))
		})},
		{"append_int", "func(dst str, i int, base int) str", e3(func(dst string, i int64, base int) (string, error) {
			if err := checkBase(base); err != nil {
				return "", err
			}
			return string(strconv.AppendInt([]byte(dst), i, base)), nil
		})},
		{"append_quote", "func(dst str, s str) str", f2(func(dst, s string) string {
			return string(strconv.AppendQuote([]byte(dst), s))
		})},
		{"append_quote_to_ascii", "func(dst str, s str) str", f2(func(dst, s string) string {
			return string(strconv.AppendQuoteToASCII([]byte(dst), s))
		})},
		{"append_quote_to_graphic", "func(dst str, s str) str", f2(func(dst, s string) string {
			return string(strconv.AppendQuoteToGraphic([]byte(dst), s))
		})},
		{"atoi", "func(s str) int", e1(strconv.Atoi)},
		{"can_backquote", "func(s str) bool", f1(strconv.CanBackquote)},
		{"format_bool", "func(b bool) str", f1(strconv.FormatBool)},
		{"format_int", "func(i int, base int) str", e2(func(i int64, base int) (string, error) {
			if err := checkBase(base); err != nil {
				return "", err
			}
			return strconv.FormatInt(i, base), nil
		})},
		{"itoa", "func(i int) str", f1(strconv.Itoa)},
		{"parse_bool", "func(str str) bool", e1(strconv.ParseBool)},
		{"parse_float", "func(s str, bitSize int) float", e2(strconv.ParseFloat)},
		{"parse_int", "func(s str, base int, bitSize int) int", e3(strconv.ParseInt)},
		{"quote", sigStr, f1(strconv.Quote)},
		{"quote_to_ascii", sigStr, f1(strconv.QuoteToASCII)},
		{"quote_to_graphic", sigStr, f1(strconv.QuoteToGraphic)},
		{"quoted_prefix", sigStr, e1(strconv.QuotedPrefix)},
		{"unquote", sigStr, e1(strconv.Unquote)},
	}
}

// checkBase refuses the bases strconv.FormatInt panics on.
func checkBase(base int) error {
	if base < 2 || base > 36 {
		return fmt.Errorf("base %d is not between 2 and 36", base)
	}
	return nil
}
