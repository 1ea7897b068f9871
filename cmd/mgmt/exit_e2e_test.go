package main

import (
	"strings"
	"testing"
)

// An exit resource stops mgmt with its status once its parents are done
// (upstream's ExitRes); code 0 is a clean exit, and a code outside 0..125
// is a bad param named with the resource.
func TestRunExitResource(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		code, want string
		wantCode   int
	}{
		{code: "3", wantCode: 3, want: "status 3"},
		{code: "0", wantCode: 0, want: "asked to exit"},
		{code: "200", wantCode: 1, want: "exit[bye]"},
	} {
		t.Run(tc.code, func(t *testing.T) {
			yml := writeYAML(t, dir, "exit-"+tc.code+".yaml", `graph: exit
resources:
  print:
  - name: first
    msg: before the exit
  exit:
  - name: bye
    code: `+tc.code+`
edges:
- name: print-then-exit
  from: {kind: print, name: first}
  to: {kind: exit, name: bye}
`)
			// No --converged-exit: only the exit resource ends this run.
			r := runMgmt(t, "run", "--tmp-prefix", "yaml", yml)
			if r.code != tc.wantCode {
				t.Fatalf("exit status %d, want %d; stderr:\n%s", r.code, tc.wantCode, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("stderr does not mention %q:\n%s", tc.want, r.stderr)
			}
			if tc.wantCode != 1 && !strings.Contains(r.stderr, "before the exit") {
				t.Fatalf("the print before the exit did not run:\n%s", r.stderr)
			}
		})
	}
}
