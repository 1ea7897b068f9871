package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// fridayProgram is the first program of the project's origin, exactly as
// written there.
const fridayProgram = `import "datetime"
$is_friday = datetime.weekday(datetime.now()) == "friday"
file "/srv/files/" {
	state => $const.res.file.state.exists,
	mode => if $is_friday { "0550" } else { "0770" },
}
`

// TestOriginFridayProgram runs the origin's program as written: /srv/files/
// is created with mode 0550 on a Friday and 0770 on any other day (local
// time). It needs root (it writes /srv) and leaves the machine as it found
// it; it is skipped when /srv/files already exists.
func TestOriginFridayProgram(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("writes /srv/files/: needs root")
	}
	const dir = "/srv/files"
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Skipf("%s exists already (%v): not touching it", dir, err)
	}
	srvExisted := true
	if _, err := os.Lstat("/srv"); errors.Is(err, fs.ErrNotExist) {
		srvExisted = false
	}
	t.Cleanup(func() {
		os.Remove(dir)
		if !srvExisted {
			os.Remove("/srv")
		}
	})
	if !srvExisted {
		if err := os.Mkdir("/srv", 0o755); err != nil {
			t.Fatal(err)
		}
	}
	mcl := filepath.Join(t.TempDir(), "friday.mcl")
	if err := os.WriteFile(mcl, []byte(fridayProgram), 0o644); err != nil {
		t.Fatal(err)
	}
	before := time.Now().Weekday()
	r := runMgmt(t, "run", "--tmp-prefix", "--converged-exit", "--converger-timeout", "1", "lang", mcl)
	requireExit(t, r, 0)
	after := time.Now().Weekday()
	fi, err := os.Stat(dir)
	if err != nil || !fi.IsDir() {
		t.Fatalf("%s: %v, %v", dir, fi, err)
	}
	want := func(d time.Weekday) fs.FileMode {
		if d == time.Friday {
			return 0o550
		}
		return 0o770
	}
	if got := fi.Mode().Perm(); got != want(before) && got != want(after) {
		t.Fatalf("%s has mode %04o on a %s, want %04o", dir, got, before, want(before))
	}
}
