package builtin

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
)

// step is one CheckApply of a print test: what to do before it, and what it
// must report and log.
type step struct {
	refresh bool   // SetRefresh(true) before the call
	recv    string // Recv("msg", recv) before the call when non-empty
	apply   bool
	ok      bool
	logs    []string
}

func TestPrint(t *testing.T) {
	hi := []string{"print[p]: hi"}
	tests := []struct {
		name   string
		params map[string]hostabi.Value
		steps  []step
	}{
		{"prints once", map[string]hostabi.Value{"msg": sv("hi")}, []step{
			{apply: true, ok: false, logs: hi},
			{apply: true, ok: true},
			{apply: true, ok: true},
		}},
		{"prints again on refresh", map[string]hostabi.Value{"msg": sv("hi")}, []step{
			{apply: true, ok: false, logs: hi},
			{refresh: true, apply: true, ok: false, logs: hi},
			{apply: true, ok: true},
		}},
		{"prints a new message", map[string]hostabi.Value{"msg": sv("hi")}, []step{
			{apply: true, ok: false, logs: hi},
			{recv: "bye", apply: true, ok: false, logs: []string{"print[p]: bye"}},
			{apply: true, ok: true},
		}},
		{"check only does not print", map[string]hostabi.Value{"msg": sv("hi")}, []step{
			{apply: false, ok: false},
			{apply: false, ok: false},
			{apply: true, ok: false, logs: hi},
			{apply: false, ok: true},
		}},
		{"refresh_only waits for a refresh", map[string]hostabi.Value{"msg": sv("hi"), "refresh_only": bv(true)}, []step{
			{apply: true, ok: true},
			{refresh: true, apply: true, ok: false, logs: hi},
			{apply: true, ok: true},
			{recv: "bye", apply: true, ok: true},
			{refresh: true, apply: true, ok: false, logs: []string{"print[p]: bye"}},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reg := New(nil)
			res, l := build(t, reg, "print", "p", tc.params)
			for i, s := range tc.steps {
				if s.refresh {
					res.(hostabi.Refreshable).SetRefresh(true)
				}
				if s.recv != "" {
					if _, err := res.(hostabi.Recver).Recv("msg", sv(s.recv)); err != nil {
						t.Fatal(err)
					}
				}
				ok, err := res.CheckApply(context.Background(), s.apply)
				if err != nil {
					t.Fatalf("step %d: %v", i, err)
				}
				if ok != s.ok {
					t.Fatalf("step %d: checkOK = %v, want %v", i, ok, s.ok)
				}
				if got := l.take(); !slices.Equal(got, s.logs) {
					t.Fatalf("step %d: logged %q, want %q", i, got, s.logs)
				}
			}
		})
	}
}

func TestPrintGroup(t *testing.T) {
	reg := New(nil)
	parent, l := build(t, reg, "print", "a", map[string]hostabi.Value{"msg": sv("one")})
	child, _ := build(t, reg, "print", "b", map[string]hostabi.Value{"msg": sv("two")})
	only, _ := build(t, reg, "print", "c", map[string]hostabi.Value{"msg": sv("three"), "refresh_only": bv(true)})
	noop, _ := build(t, reg, "noop", "n", nil)
	g := parent.(hostabi.Groupable)
	if !g.GroupCmp(child) || g.GroupCmp(noop) || g.GroupCmp(parent) {
		t.Fatal("GroupCmp: want prints only, and not itself")
	}
	g.SetGroup([]hostabi.Resource{child, only})
	// Each child logs through its own Init; collect them all in one log.
	child.(hostabi.Initer).Init(&hostabi.Init{Logf: l.logfFor(child)})
	only.(hostabi.Initer).Init(&hostabi.Init{Logf: l.logfFor(only)})

	ctx := context.Background()
	if ok, err := parent.CheckApply(ctx, true); ok || err != nil {
		t.Fatalf("first = %v, %v", ok, err)
	}
	if got, want := l.take(), []string{"print[a]: one", "print[b]: two"}; !slices.Equal(got, want) {
		t.Fatalf("logged %q, want %q", got, want)
	}
	if ok, err := parent.CheckApply(ctx, true); !ok || err != nil {
		t.Fatalf("second = %v, %v", ok, err)
	}
	parent.(hostabi.Refreshable).SetRefresh(true)
	if ok, err := parent.CheckApply(ctx, true); ok || err != nil {
		t.Fatalf("refresh = %v, %v", ok, err)
	}
	want := []string{"print[a]: one", "print[b]: two", "print[c]: three"}
	if got := l.take(); !slices.Equal(got, want) {
		t.Fatalf("logged %q, want %q", got, want)
	}
}

func TestPrintRecvErrors(t *testing.T) {
	res, _ := build(t, New(nil), "print", "p", nil)
	rv := res.(hostabi.Recver)
	if _, err := rv.Recv("msg", hostabi.BoolValue(true)); !errors.Is(err, hostabi.ErrType) {
		t.Fatalf("wrong type: %v", err)
	}
	if _, err := rv.Recv("refresh_only", sv("x")); !errors.Is(err, ErrUnknownParam) {
		t.Fatalf("not receivable: %v", err)
	}
}

func TestNoop(t *testing.T) {
	reg := New(nil)
	res, l := build(t, reg, "noop", "n", map[string]hostabi.Value{"comment": sv("hello")})
	ctx := context.Background()
	if err := res.Watch(ctx, newFakeEvents()); err != nil {
		t.Fatal(err)
	}
	res.(hostabi.Refreshable).SetRefresh(true)
	for _, apply := range []bool{false, true} {
		if ok, err := res.CheckApply(ctx, apply); !ok || err != nil {
			t.Fatalf("CheckApply(%v) = %v, %v", apply, ok, err)
		}
	}
	if got := l.take(); len(got) != 0 {
		t.Fatalf("noop logged %q", got)
	}
	other, _ := build(t, reg, "noop", "m", nil)
	p, _ := build(t, reg, "print", "p", nil)
	g := res.(hostabi.Groupable)
	if !g.GroupCmp(other) || g.GroupCmp(p) {
		t.Fatal("GroupCmp: want noops only")
	}
	g.SetGroup([]hostabi.Resource{other})
	if ok, err := res.CheckApply(ctx, true); !ok || err != nil {
		t.Fatalf("grouped CheckApply = %v, %v", ok, err)
	}
	if err := res.Close(); err != nil {
		t.Fatal(err)
	}
}
