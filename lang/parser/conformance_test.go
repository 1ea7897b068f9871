package parser

import (
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/internal/cases"
)

// loadConformance reads upstream's cases, or skips the test when they are
// not beside the checkout.
func loadConformance(tb testing.TB) []cases.Case {
	tb.Helper()
	cs, err := cases.Load(cases.Dir)
	if err != nil {
		tb.Fatal(err)
	}
	if len(cs) == 0 {
		tb.Skipf("no conformance cases in %s", cases.Dir)
	}
	return cs
}

// TestConformance parses every mcl file of every upstream case: a case
// whose expected output is an errLexParse error must fail to parse, and
// every other case must parse (its error, if any, belongs to a later
// stage).
func TestConformance(t *testing.T) {
	cs := loadConformance(t)
	agree, rejected := 0, 0
	for _, c := range cs {
		wantFail := c.ErrClass() == "errLexParse"
		var failed []string
		for _, f := range c.MCL {
			if _, err := ParseFile("/"+f.Name, f.Data); err != nil {
				failed = append(failed, err.Error())
			}
		}
		switch {
		case wantFail && len(failed) == 0:
			t.Errorf("%s: parsed, but upstream rejects it: %s", c.Name, strings.TrimSpace(c.Output))
		case !wantFail && len(failed) > 0:
			t.Errorf("%s: %s", c.Name, strings.Join(failed, "; "))
		default:
			agree++
			if wantFail {
				rejected++
			}
		}
	}
	t.Logf("conformance: %d of %d cases agree with upstream on parsing (%d rejected as upstream does, %d accepted)",
		agree, len(cs), rejected, agree-rejected)
}
