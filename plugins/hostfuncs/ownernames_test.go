package hostfuncs

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestOwnerNamesCache checks that a cached name is used while the user
// database files are unchanged and young enough, and that a change of
// either file (once namesRecheck has passed), or age, sends the lookup
// back to the database.
func TestOwnerNamesCache(t *testing.T) {
	dir := t.TempDir()
	oldP, oldG := passwdFile, groupFile
	passwdFile, groupFile = filepath.Join(dir, "passwd"), filepath.Join(dir, "group")
	t.Cleanup(func() {
		passwdFile, groupFile = oldP, oldG
		names.ids, names.checked = map[[2]uint32]nameEntry{}, time.Time{}
	})
	names.checked = time.Time{} // the next lookup looks at the test's files
	for _, f := range []string{passwdFile, groupFile} {
		if err := os.WriteFile(f, []byte("x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	realOwner, realGroup := lookupNames(0, 0)
	if got, _ := ownerNames(0, 0); got != realOwner {
		t.Fatalf("first lookup: owner %q, want the database's %q", got, realOwner)
	}
	plant := func(at time.Time) {
		names.mu.Lock()
		names.ids[[2]uint32{0, 0}] = nameEntry{"planted-owner", "planted-group", at}
		names.mu.Unlock()
	}
	// elapse makes the last look at the files older than namesRecheck.
	elapse := func() {
		names.mu.Lock()
		names.checked = names.checked.Add(-namesRecheck - time.Millisecond)
		names.mu.Unlock()
	}
	tests := []struct {
		name   string
		change func()
		cached bool
	}{
		{"files unchanged", func() {}, true},
		{"files unchanged, recheck due", elapse, true},
		{"passwd grew, recheck not due", func() { appendLine(t, passwdFile) }, true},
		{"passwd grew, recheck due", func() { appendLine(t, passwdFile); elapse() }, false},
		{"group grew, recheck due", func() { appendLine(t, groupFile); elapse() }, false},
		{"older than the ttl", func() { plant(time.Now().Add(-namesTTL - time.Second)) }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			elapse()
			ownerNames(0, 0) // the cache holds the current files' stamp
			plant(time.Now())
			tc.change()
			owner, group := ownerNames(0, 0)
			if tc.cached && (owner != "planted-owner" || group != "planted-group") {
				t.Fatalf("got %q %q, want the cached entry", owner, group)
			}
			if !tc.cached && (owner != realOwner || group != realGroup) {
				t.Fatalf("got %q %q, want the database's %q %q", owner, group, realOwner, realGroup)
			}
		})
	}
}

func appendLine(t *testing.T, path string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString("more\n"); err != nil {
		t.Fatal(err)
	}
}
