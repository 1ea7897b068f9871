package interpolate

import (
	"errors"
	"testing"
)

// FuzzParse checks that Parse never panics, that the segments it returns
// tile the raw text in order, and that errors point inside it.
func FuzzParse(f *testing.F) {
	for _, s := range []string{``, `a`, `\n\t\\\"\$`, `${x}`, `a ${b.c} $d \${e}`, `${}`, `\z`, `$${x}$`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		segs, err := Parse(raw)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) || se.Off < 0 || se.Off >= len(raw) {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		off := 0
		for _, s := range segs {
			if s.Off != off || s.End <= s.Off || s.End > len(raw) {
				t.Fatalf("segment %+v does not follow offset %d", s, off)
			}
			if s.IsVar && raw[s.Off:s.End] != "${"+s.Text+"}" {
				t.Fatalf("segment %+v does not cover its reference", s)
			}
			off = s.End
		}
		if off != len(raw) {
			t.Fatalf("segments end at %d of %d", off, len(raw))
		}
	})
}
