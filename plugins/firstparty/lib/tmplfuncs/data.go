package tmplfuncs

import (
	"unicode"
	"unicode/utf8"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// toTemplate turns an mcl value into the Go data a template sees, as
// upstream mgmt does: bool, string, int64 and float64 for the scalars; a
// typed slice ([]string, []int64, ...) for a list of scalars, so it can be
// passed to functions taking lists, else []any; a map[string]any for a map
// with str keys; for other maps, a Go map whose keys are Go values of the
// key type (see keyedToTemplate); and for a struct, a map[string]any whose
// keys are the field names Title-cased (struct{host str} is .Host), as
// upstream's templates expect.
func toTemplate(v hostabi.Value) any {
	switch x := v.(type) {
	case hostabi.BoolValue:
		return bool(x)
	case hostabi.StrValue:
		return string(x)
	case hostabi.IntValue:
		return int64(x)
	case hostabi.FloatValue:
		return float64(x)
	case *hostabi.ListValue:
		return listToTemplate(x)
	case *hostabi.MapValue:
		if x.T == nil || x.T.Key == nil || x.T.Key.Kind != hostabi.KindStr {
			return keyedToTemplate(x)
		}
		m := make(map[string]any, len(x.Keys))
		for i, k := range x.Keys {
			if s, ok := k.(hostabi.StrValue); ok && i < len(x.Vals) {
				m[string(s)] = toTemplate(x.Vals[i])
			}
		}
		return m
	case *hostabi.StructValue:
		m := make(map[string]any, len(x.Fields))
		for i, f := range x.Fields {
			if i < len(x.T.Fields) {
				m[title(x.T.Fields[i].Name)] = toTemplate(f)
			}
		}
		return m
	}
	return hostabi.ToGo(v)
}

// listToTemplate converts a list, to a typed slice when its elements are
// scalars.
func listToTemplate(l *hostabi.ListValue) any {
	var elem hostabi.Kind
	if l.T != nil && l.T.Elem != nil {
		elem = l.T.Elem.Kind
	}
	switch elem {
	case hostabi.KindStr:
		return typedSlice(l, func(v hostabi.StrValue) string { return string(v) })
	case hostabi.KindInt:
		return typedSlice(l, func(v hostabi.IntValue) int64 { return int64(v) })
	case hostabi.KindFloat:
		return typedSlice(l, func(v hostabi.FloatValue) float64 { return float64(v) })
	case hostabi.KindBool:
		return typedSlice(l, func(v hostabi.BoolValue) bool { return bool(v) })
	}
	out := make([]any, len(l.Items))
	for i, item := range l.Items {
		out[i] = toTemplate(item)
	}
	return out
}

// typedSlice converts the items of l, all of type V, to a []G with conv.
func typedSlice[V hostabi.Value, G any](l *hostabi.ListValue, conv func(V) G) []G {
	out := make([]G, 0, len(l.Items))
	for _, item := range l.Items {
		if v, ok := item.(V); ok {
			out = append(out, conv(v))
		}
	}
	return out
}

// title upper-cases the first letter of every word of s, where words are
// separated as Go's deprecated strings.Title separates them (letters,
// digits and '_' join a word), which is how upstream names struct fields
// in templates: "name" is "Name", "raw_query" is "Raw_query".
func title(s string) string {
	out := make([]rune, 0, len(s))
	prev := ' '
	for _, r := range s {
		if isSeparator(prev) {
			r = unicode.ToTitle(r)
		}
		out = append(out, r)
		prev = r
	}
	return string(out)
}

// isSeparator reports whether r separates words for title.
func isSeparator(r rune) bool {
	if r < utf8.RuneSelf {
		switch {
		case '0' <= r && r <= '9', 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', r == '_':
			return false
		}
		return true
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return false
	}
	return unicode.IsSpace(r)
}
