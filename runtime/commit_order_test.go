package runtime

import (
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// orderFake journals its Validate and UIDs calls.
type orderFake struct{ edgeFake }

func (o orderFake) Validate() error     { o.j.add("validate " + o.name); return nil }
func (o orderFake) UIDs() []hostabi.UID { o.j.add("uids " + o.name); return o.edgeFake.UIDs() }

// Commit validates every resource before it asks for the automatic
// edges: a plugin's prepare verb answers autoedges in its validate call,
// so the other order would cost the guest a call per resource.
func TestCommitValidatesBeforeAutoEdges(t *testing.T) {
	j := &journal{}
	a := orderFake{edgeFake{fake: newFake(j, "/a/")}}
	b := orderFake{edgeFake{fake: newFake(j, "/a/b"), parents: []string{"/a/"}}}
	e := New(Config{ConvergerTimeout: -1})
	defer e.Close()
	if err := e.Commit(graphOf([]Res{a, b})); err != nil {
		t.Fatal(err)
	}
	lastValidate := max(j.index("validate /a/"), j.index("validate /a/b"))
	firstUIDs := min(j.index("uids /a/"), j.index("uids /a/b"))
	if lastValidate < 0 || firstUIDs < 0 || lastValidate > firstUIDs {
		t.Fatalf("journal %v: want both validates before any autoedges", j.list())
	}
}
