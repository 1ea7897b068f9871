package lang_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/mgmt-wasm/mgmt/lang/builtin"
	"github.com/mgmt-wasm/mgmt/lang/internal/cases"
	"github.com/mgmt-wasm/mgmt/lang/scope"
	"github.com/mgmt-wasm/mgmt/lang/unify"
)

// caseDir is where upstream's cases are, from this package's directory.
const caseDir = "../../shared/conformance/cases"

// kindMap is a KindSource over a map.
type kindMap map[string]*hostabi.KindInfo

func (m kindMap) Lookup(k string) (*hostabi.KindInfo, bool) { i, ok := m[k]; return i, ok }

// phaseOf names the phase an error of Check comes from.
func phaseOf(err error) string {
	var se *scope.Error
	var ue *unify.Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ue):
		return "type"
	case errors.As(err, &se):
		return "scope"
	}
	return "parse"
}

// TestConformanceScopeType runs upstream's cases through Check: a case
// upstream rejects before or at scope time must fail by the scope phase,
// one it rejects at unification must fail by the type phase, and every
// other must pass. The cases are not part of the project; the test skips
// without them and only logs its agreement figures (the cases are run by
// hand).
func TestConformanceScopeType(t *testing.T) {
	cs, err := cases.Load(caseDir)
	if err != nil || len(cs) == 0 {
		t.Skipf("no conformance cases in %s", caseDir)
	}
	kinds := cases.Kinds("../../shared/reference")
	reg, err := builtin.NewTable(kindMap(kinds), "")
	if err != nil {
		t.Fatal(err)
	}
	reg.SetVar("purpleidea", builtin.Var{Type: hostabi.TypeStr, Value: "hello world!"})
	counts := map[string][2]int{}
	for _, c := range cs {
		dir := t.TempDir()
		for _, f := range c.Files {
			p := filepath.Join(dir, filepath.FromSlash(f.Name))
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
		}
		_, err := lang.Check(filepath.Join(dir, "main.mcl"), reg, lang.CheckOptions{})
		got := phaseOf(err)
		class := c.ErrClass()
		want := ""
		switch class {
		case "errLexParse", "errInit", "errInterpolate":
			want = "parse"
		case "errSetScope":
			want = "scope"
		case "errUnify":
			want = "type"
		}
		ok := got == want || (want == "scope" && got == "parse") || (want == "type" && (got == "scope" || got == "parse"))
		if class == "errInit" && got != "" {
			ok = true
		}
		key := want
		if key == "" {
			key = "valid"
		}
		n := counts[key]
		n[1]++
		if ok {
			n[0]++
		} else if testing.Verbose() {
			t.Logf("%s: want %q, got %q: %v", c.Name, want, got, firstLine(err))
		}
		counts[key] = n
	}
	for _, k := range []string{"valid", "parse", "scope", "type"} {
		t.Logf("%-5s cases: %d of %d agree", k, counts[k][0], counts[k][1])
	}
}

// firstLine is the first line of an error.
func firstLine(err error) string {
	if err == nil {
		return "<nil>"
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
