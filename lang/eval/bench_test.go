package eval_test

import (
	"fmt"
	"strings"
	"testing"
)

// bigProgram is a program like ../shared/bench/bench_compile.py's: nres
// resources with interpolated names and params, and a class of two
// resources included ninc times.
func bigProgram(nres, ninc int) string {
	var b strings.Builder
	b.WriteString("$base = \"/tmp/bench\"\n$tag = \"gen\"\n")
	b.WriteString("class svc($name, $port) {\n\tres \"${base}/class/${name}.conf\" {\n\t\ts => \"name=${name} tag=${tag}\",\n\t\ti => $port,\n\t}\n\tres \"${base}/class/${name}.env\" {\n\t\ts => \"NAME=${name}\",\n\t}\n}\n")
	for i := range nres {
		fmt.Fprintf(&b, "res \"${base}/f%d\" {\n\ts => \"file %d of ${tag}\",\n\ti => %d,\n}\n", i, i, i)
	}
	for i := range ninc {
		fmt.Fprintf(&b, "include svc(\"svc%d\", %d)\n", i, 1000+i)
	}
	return b.String()
}

// BenchmarkEval evaluates a 3000-resource program once per iteration: the
// cost of an evaluation after a source changed.
func BenchmarkEval(b *testing.B) {
	e := compile(b, bigProgram(2000, 500), newFakeLib(nil))
	b.ReportAllocs()
	for b.Loop() {
		out, err := e.Eval(b.Context())
		if err != nil || len(out.Resources) != 3000 {
			b.Fatalf("eval: %v", err)
		}
	}
}
