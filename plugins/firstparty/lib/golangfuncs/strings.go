package golangfuncs

import (
	"fmt"
	"html"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// htmlEntries wraps package html.
func htmlEntries() []entry {
	return []entry{
		{"escape_string", sigStr, f1(html.EscapeString)},
		{"unescape_string", sigStr, f1(html.UnescapeString)},
	}
}

// stringsEntries wraps package strings. Repeat, which panics on a
// negative count, fails instead, and refuses a result longer than an mcl
// string may be.
func stringsEntries() []entry {
	return []entry{
		{"clone", sigStr, f1(strings.Clone)},
		{"compare", "func(a str, b str) int", f2(strings.Compare)},
		{"contains", "func(s str, substr str) bool", f2(strings.Contains)},
		{"contains_any", "func(s str, chars str) bool", f2(strings.ContainsAny)},
		{"count", "func(s str, substr str) int", f2(strings.Count)},
		{"equal_fold", "func(s str, t str) bool", f2(strings.EqualFold)},
		{"has_prefix", "func(s str, prefix str) bool", f2(strings.HasPrefix)},
		{"has_suffix", "func(s str, suffix str) bool", f2(strings.HasSuffix)},
		{"index", "func(s str, substr str) int", f2(strings.Index)},
		{"index_any", "func(s str, chars str) int", f2(strings.IndexAny)},
		{"join", "func(elems []str, sep str) str", f2(strings.Join)},
		{"last_index", "func(s str, substr str) int", f2(strings.LastIndex)},
		{"last_index_any", "func(s str, chars str) int", f2(strings.LastIndexAny)},
		{"repeat", "func(s str, count int) str", e2(repeat)},
		{"replace", "func(s str, old str, new str, n int) str", f4(strings.Replace)},
		{"replace_all", "func(s str, old str, new str) str", f3(strings.ReplaceAll)},
		{"title", sigStr, f1(strings.Title)}, //nolint:staticcheck // upstream wraps the deprecated Title
		{"to_lower", sigStr, f1(strings.ToLower)},
		{"to_title", sigStr, f1(strings.ToTitle)},
		{"to_upper", sigStr, f1(strings.ToUpper)},
		{"to_valid_utf_8", "func(s str, replacement str) str", f2(strings.ToValidUTF8)},
		{"trim", "func(s str, cutset str) str", f2(strings.Trim)},
		{"trim_left", "func(s str, cutset str) str", f2(strings.TrimLeft)},
		{"trim_prefix", "func(s str, prefix str) str", f2(strings.TrimPrefix)},
		{"trim_right", "func(s str, cutset str) str", f2(strings.TrimRight)},
		{"trim_space", sigStr, f1(strings.TrimSpace)},
		{"trim_suffix", "func(s str, suffix str) str", f2(strings.TrimSuffix)},
	}
}

// repeat is strings.Repeat with its panics turned into errors.
func repeat(s string, count int) (string, error) {
	if count < 0 {
		return "", fmt.Errorf("negative count %d", count)
	}
	if len(s) > 0 && count > hostabi.MaxStringLen/len(s) {
		return "", fmt.Errorf("result of %d bytes × %d is longer than %d bytes", len(s), count, hostabi.MaxStringLen)
	}
	return strings.Repeat(s, count), nil
}
