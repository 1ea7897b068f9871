package parser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/lang/lexer"
)

// benchProgram generates a module of n file resources with a few
// parameters each, plus a few binds.
func benchProgram(n int) []byte {
	var b strings.Builder
	b.WriteString("import \"fmt\"\n\n$mode = \"0644\"\n$owner = \"root\"\n$dirs = [\"/tmp/a\", \"/tmp/b\"]\n\n")
	for i := 0; i < n; i++ {
		if i%500 == 0 {
			fmt.Fprintf(&b, "$group%d = if $owner == \"root\" { \"wheel\" } else { $owner }\n\n", i)
		}
		fmt.Fprintf(&b, "file \"/tmp/bench/f%d\" {\n", i)
		b.WriteString("\tstate => $const.res.file.state.exists,\n")
		fmt.Fprintf(&b, "\tcontent => fmt.printf(\"file %%d of %%d\\n\", %d, %d),\n", i, n)
		b.WriteString("\tmode => $mode,\n\towner => $owner,\n")
		b.WriteString("\tMeta:noop => false,\n}\n\n")
	}
	return []byte(b.String())
}

// BenchmarkParse parses a generated program of 3000 file resources.
func BenchmarkParse(b *testing.B) {
	src := benchProgram(3000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseFile("bench.mcl", src); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLex lexes the same program, to show the lexer's share.
func BenchmarkLex(b *testing.B) {
	src := benchProgram(3000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := lexer.Tokenize("bench.mcl", src); err != nil {
			b.Fatal(err)
		}
	}
}

func TestBenchProgramParses(t *testing.T) {
	m := mustParse(t, string(benchProgram(50)))
	if len(m.Body) != 1+3+1+50 {
		t.Errorf("got %d statements", len(m.Body))
	}
}
