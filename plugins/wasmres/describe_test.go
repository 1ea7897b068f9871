package wasmres

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

func TestDescribe(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "flag.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	d, err := Describe(context.Background(), "flag", b)
	if err != nil || d.Name != "flag" || len(d.Kinds) != 1 || d.Kinds[0].Kind != "flag" {
		t.Fatalf("Describe = %+v, %v", d, err)
	}
	if _, err := Describe(context.Background(), "junk", []byte("junk")); err == nil {
		t.Error("Describe of junk succeeded")
	}
}

func TestCheckGrants(t *testing.T) {
	desc := &hostabi.DescribeResponse{Capabilities: []string{"fs.read:/srv", "exec:/usr/bin/git", "cluster.kv:app/"}}
	tests := []struct {
		grants    []string
		ungranted string
		err       string
	}{
		{[]string{"fs.read:/srv", "exec:/usr/bin/git", "cluster.kv:app/"}, "", ""},
		{[]string{"fs.read:/srv/app"}, "exec:/usr/bin/git,cluster.kv:app/", ""}, // narrower is fine
		{nil, "fs.read:/srv,exec:/usr/bin/git,cluster.kv:app/", ""},
		{[]string{"fs.read:/"}, "", "does not ask for it"},          // wider is refused
		{[]string{"fs.write:/srv"}, "", "does not ask for it"},      // another kind
		{[]string{"exec:/usr/bin/gitk"}, "", "does not ask for it"}, // another program
		{[]string{"fs.read:relative"}, "", "capability"},
	}
	for _, tc := range tests {
		un, err := CheckGrants(desc, tc.grants)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%v: err %v, want %q", tc.grants, err, tc.err)
			}
			continue
		}
		if err != nil || strings.Join(un, ",") != tc.ungranted {
			t.Errorf("%v: ungranted %v, %v; want %q", tc.grants, un, err, tc.ungranted)
		}
	}
}
