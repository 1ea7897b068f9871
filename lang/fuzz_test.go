package lang_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang"
	"github.com/mgmt-wasm/mgmt/lang/internal/cases"
)

// FuzzCheck runs arbitrary source through every front-end phase: it may be
// rejected, but must never panic or hang.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"import \"fmt\"\nres fmt.printf(\"%d\", 1) {}\n",
		"class c($x) { $y = $x }\ninclude c(1) as i\nres \"${i.y}\" {}\n",
		"$s = struct{a => 1}\nres \"a\" { i => $s->a, }\n",
		"func f($x) { $x + $x }\nres f(\"a\") {}\n",
	} {
		f.Add(s)
	}
	if cs, err := cases.Load(caseDir); err == nil {
		for _, c := range cs {
			if len(c.MCL) > 0 {
				f.Add(string(c.MCL[0].Data))
			}
		}
	}
	reg := cases.FakeRegistry()
	f.Fuzz(func(t *testing.T, src string) {
		p := filepath.Join(t.TempDir(), "main.mcl")
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		prog, err := lang.Check(p, reg, lang.CheckOptions{})
		if err != nil {
			_ = prog.Explain(err)
		}
	})
}
