package file_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// The file's UID is its path ("/"-terminated for a directory); its
// autoedges are each fragment, the source, the parents nearest first (one
// group) and the owner and group.
func TestAutoEdgesDeclared(t *testing.T) {
	env := newEnv(t)
	r, err := env.Plugin.New("file", "/a/b/c", map[string]hostabi.Value{
		"fragments": strs("/f/one", "/f/dir/"),
		"owner":     str("alice"),
		"group":     str("staff"),
	})
	if err != nil {
		t.Fatal(err)
	}
	ae, ok := r.(hostabi.AutoEdger)
	if !ok {
		t.Fatalf("a file resource is not a hostabi.AutoEdger")
	}
	if got, want := ae.UIDs(), []hostabi.UID{{Kind: "file", Key: "/a/b/c"}}; !slices.Equal(got, want) {
		t.Errorf("UIDs = %v, want %v", got, want)
	}
	want := [][]hostabi.UID{
		{{Kind: "file", Key: "/f/one"}},
		{{Kind: "file", Key: "/f/dir/"}},
		{{Kind: "file", Key: "/a/b/"}, {Kind: "file", Key: "/a/"}, {Kind: "file", Key: "/"}},
		{{Kind: "user", Key: "alice"}},
		{{Kind: "group", Key: "staff"}},
	}
	got := ae.AutoEdges()
	if !slices.EqualFunc(got, want, func(a, b []hostabi.UID) bool { return slices.Equal(a, b) }) {
		t.Errorf("AutoEdges = %v, want %v", got, want)
	}

	d, err := env.Plugin.New("file", "/a/b/", map[string]hostabi.Value{"state": str("exists")})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := d.(hostabi.AutoEdger).UIDs(), []hostabi.UID{{Kind: "file", Key: "/a/b/"}}; !slices.Equal(got, want) {
		t.Errorf("directory UIDs = %v, want %v", got, want)
	}
}

// Parents are made before children by the autoedges, not by retrying a
// child that failed: nothing fails on the way.
func TestAutoEdgesNoFailure(t *testing.T) {
	dir := t.TempDir()
	env := newEnv(t)
	eng := env.Run(t, graph(
		"name: "+filepath.Join(dir, "x", "y", "z")+"\nstate: exists\ncontent: z",
		"name: "+filepath.Join(dir, "x", "y")+"/\nstate: exists",
		"name: "+filepath.Join(dir, "x")+"/\nstate: exists",
	))
	if n := env.Log.Count("resource failed"); n != 0 || len(eng.Failures()) != 0 {
		t.Errorf("%d failures on the way (%v): the children ran before their parents", n, eng.Failures())
	}
	if got := readFile(t, filepath.Join(dir, "x", "y", "z")); got != "z" {
		t.Errorf("content %q", got)
	}
}

// The content can be received from another resource's send.
func TestRecvContent(t *testing.T) {
	f := filepath.Join(t.TempDir(), "received")
	env := newEnv(t)
	env.Run(t, `
graph: test
resources:
  value:
  - name: v
    any: "sent by the value"
  file:
  - name: `+f+`
    state: exists
edges:
- from: {kind: value, name: v, send: any}
  to: {kind: file, name: `+f+`, recv: content}
`)
	if got := readFile(t, f); got != "sent by the value" {
		t.Errorf("content %q, want the received value", got)
	}
}

// A created file with Meta:reverse is removed when it leaves the graph;
// the reversal of a directory or of a file without a state is refused.
func TestReverse(t *testing.T) {
	dir := t.TempDir()
	f, keep := filepath.Join(dir, "f"), filepath.Join(dir, "keep")
	env := newEnv(t)
	eng := env.Run(t, graph(
		"name: "+f+"\nstate: exists\ncontent: made\nmode: \"0600\"\nmeta: {reverse: true}",
		"name: "+keep+"\nstate: exists",
	))
	if !exists(f) {
		t.Fatalf("%s was not made", f)
	}
	g, err := env.Graph(t, graph("name: "+keep+"\nstate: exists"))
	if err != nil {
		t.Fatal(err)
	}
	if err := eng.Commit(g); err != nil {
		t.Fatal(err)
	}
	fptest.Eventually(t, "the reversal removes the file", func() bool { return !exists(f) })

	for _, tt := range []struct {
		name   string
		params map[string]hostabi.Value
	}{
		{filepath.Join(dir, "d") + "/", map[string]hostabi.Value{"state": str("exists")}},
		{filepath.Join(dir, "nostate"), map[string]hostabi.Value{"content": str("x")}},
	} {
		r, err := env.Plugin.New("file", tt.name, tt.params)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := r.(hostabi.Reversible).Reversed(); err == nil {
			t.Errorf("%s: reversed, want an error", tt.name)
		}
	}

	// The reversal of an absent file creates it.
	gone := filepath.Join(dir, "gone")
	r, err := env.Plugin.New("file", gone, map[string]hostabi.Value{"state": str("absent")})
	if err != nil {
		t.Fatal(err)
	}
	rev, err := r.(hostabi.Reversible).Reversed()
	if err != nil {
		t.Fatal(err)
	}
	if err := rev.Validate(); err != nil {
		t.Fatalf("the reversal does not validate: %v", err)
	}
	if _, err := rev.CheckApply(context.Background(), true); err != nil {
		t.Fatal(err)
	}
	if !exists(gone) {
		t.Errorf("the reversal of an absent file did not create it")
	}
}
