package wasmres

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// A module with the prepare verb answers validate, autoedges and watch in
// one call; the watch answer serves one Watch of the same spec, and a
// watch set up again, or after a Recv, asks the guest afresh. The
// prepared watch works: a write in the watched file is an event.
func TestPrepareServesValidateAutoEdgesAndWatchInOneCall(t *testing.T) {
	env := loadTraitPlugin(t)
	if !env.p.prepare {
		t.Fatal("traitplugin (sdk/go) does not export prepare")
	}
	calls := func() int64 { c, _, _ := traitHost.m.Stats(); return c }
	r := env.full(t, "b", map[string]hostabi.Value{"needs": hostabi.StrValue("a"), "watch": hostabi.BoolValue(true)})
	before := calls()
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	want := [][]hostabi.UID{{{Kind: "full", Key: "a"}}}
	if got := r.(hostabi.AutoEdger).AutoEdges(); !slices.EqualFunc(got, want, slices.Equal) {
		t.Fatalf("AutoEdges = %v, want %v", got, want)
	}
	ev := events{ch: make(chan struct{}, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := r.Watch(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if n := calls() - before; n != 1 {
		t.Fatalf("validate, autoedges and watch took %d calls, want 1 (prepare)", n)
	}
	if err := os.WriteFile(filepath.Join(env.dir, "b"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	select {
	case <-ev.ch:
	case <-time.After(30 * time.Second):
		t.Fatal("the prepared watch saw no event")
	}

	before = calls()
	if err := r.Watch(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if n := calls() - before; n != 1 {
		t.Fatalf("a second Watch took %d calls, want 1 (the watch verb)", n)
	}

	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if changed, err := r.(hostabi.Recver).Recv("needs", hostabi.StrValue("c")); !changed || err != nil {
		t.Fatalf("Recv = %v, %v", changed, err)
	}
	before = calls()
	if err := r.Watch(ctx, ev); err != nil {
		t.Fatal(err)
	}
	if n := calls() - before; n != 1 {
		t.Fatalf("Watch after a Recv took %d calls, want 1: the prepared answer was for the old params", n)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
}

// An invalid resource fails prepare with validate's error, naming the
// param, and leaves no watch answer behind.
func TestPrepareReportsTheValidationError(t *testing.T) {
	env := loadTraitPlugin(t)
	r, err := env.p.New("full", "bad", map[string]hostabi.Value{"dir": hostabi.StrValue("relative")})
	if err != nil {
		t.Fatal(err)
	}
	err = r.Validate()
	var ae *hostabi.ABIError
	if !errors.As(err, &ae) || ae.Code != hostabi.CodeInvalid || ae.Param != "dir" {
		t.Fatalf("Validate = %v, want invalid dir", err)
	}
	if p := r.(wasm).base().prepared; p != nil {
		t.Fatalf("a failed prepare kept a watch answer: %+v", p)
	}
}
