package file_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/internal/testwasm"
	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

// fileMode is a chmod mode (with setuid 0o4000, setgid 0o2000 and sticky
// 0o1000) as an os.FileMode, as perm returns it.
func fileMode(m uint32) os.FileMode {
	fm := os.FileMode(m & 0o777)
	if m&0o4000 != 0 {
		fm |= os.ModeSetuid
	}
	if m&0o2000 != 0 {
		fm |= os.ModeSetgid
	}
	if m&0o1000 != 0 {
		fm |= os.ModeSticky
	}
	return fm
}

// modeCase is a valid mode param, the mode of the file before (0: there
// is no file) and the mode it must get.
type modeCase struct {
	in         string
	from, want uint32
}

// The mode param takes octal modes and upstream's symbolic assignments; a
// symbolic mode keeps the bits of the subjects it does not name. Each
// valid mode is given to a file that exists with the mode from (or, for
// from 0, to a file the kind creates); each invalid one is refused by
// validation, naming the param and saying why.
func TestParseMode(t *testing.T) {
	valid := []modeCase{
		{in: "0644", want: 0o644},
		{in: "644", want: 0o644},
		{in: "4755", want: 0o4755},
		{in: "0", want: 0},
		{in: "u=rwx,go=rx", want: 0o755},
		{in: "u=rw,g=r,o=", want: 0o640},
		{in: "a=r", from: 0o777, want: 0o444},
		{in: "=rw", want: 0o666},
		{in: "u=rw", from: 0o755, want: 0o655},
		{in: "go=", from: 0o777, want: 0o700},
		{in: "u=rwxs,g=rxs,o=t", want: 0o7750},
		{in: "u=rw", from: 0o4755, want: 0o655}, // u= clears setuid
	}
	invalid := []struct{ in, wantErr string }{
		{"10000", "between 0000 and 7777"},
		{"0688", "octal"},
		{"u+x", "only assignments"},
		{"go-w", "only assignments"},
		{"u=rw,u=r", "twice"},
		{"a=r,u=w", "only clause"},
		{"z=r", "unknown subject"},
		{"u=rwq", "unknown permission"},
		{"u", "not one assignment"},
		{"u=r=w", "not one assignment"},
	}
	if os.Geteuid() != 0 {
		valid = slices.DeleteFunc(valid, func(tt modeCase) bool { return tt.want&0o400 == 0 }) // unreadable: the check after the change fails
	}
	dir := t.TempDir()
	var bodies []string
	for i, tt := range valid {
		p := filepath.Join(dir, fmt.Sprint(i))
		if tt.from != 0 {
			mustWrite(t, p, "x", fileMode(tt.from))
		}
		bodies = append(bodies, "name: "+p+"\nstate: exists\ncontent: x\nmode: "+q(tt.in))
	}
	env := newEnv(t)
	eng := env.Run(t, graph(bodies...))
	if f := eng.Failures(); len(f) != 0 {
		t.Fatalf("failures: %v", f)
	}
	for i, tt := range valid {
		if got, want := perm(t, filepath.Join(dir, fmt.Sprint(i))), fileMode(tt.want); got != want {
			t.Errorf("mode %q on a file of mode %04o gave %v, want %v", tt.in, tt.from, got, want)
		}
	}
	for _, tt := range invalid {
		t.Run(tt.in, func(t *testing.T) {
			err := env.Reject(t, graph("name: "+filepath.Join(dir, "bad")+"\nmode: "+q(tt.in)))
			fptest.RequireError(t, err, "param mode", tt.wantErr)
		})
	}
}

// The effective path follows upstream's getPath: the name by default,
// with dirname and basename replacing their parts. It is the key of the
// file's UID.
func TestEffectivePath(t *testing.T) {
	tests := []struct {
		path, name, dirname, basename, want string
	}{
		{name: "/a/b", want: "/a/b"},
		{path: "/x/y", name: "n", want: "/x/y"},
		{name: "/a/b", dirname: "/c/", want: "/c/b"},
		{name: "/a/b", basename: "z", want: "/a/z"},
		{name: "/a/b/", basename: "z/", want: "/a/z/"},
		{name: "/a/b/", dirname: "/c/", want: "/c/b/"},
		{name: "/a/b", dirname: "/c/", basename: "d", want: "/c/d"},
	}
	env := newEnv(t)
	for _, tt := range tests {
		params := map[string]hostabi.Value{}
		for k, v := range map[string]string{"path": tt.path, "dirname": tt.dirname, "basename": tt.basename} {
			if v != "" {
				params[k] = str(v)
			}
		}
		r, err := env.Plugin.New("file", tt.name, params)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.(hostabi.AutoEdger).UIDs(); len(got) != 1 || got[0].Key != tt.want {
			t.Errorf("path %q, name %q, dirname %q, basename %q: UIDs %v, want the key %q", tt.path, tt.name, tt.dirname, tt.basename, got, tt.want)
		}
	}
}

// The root has no parents to depend on (TestAutoEdgesDeclared checks the
// parents of a deeper path, nearest first).
func TestRootHasNoParents(t *testing.T) {
	env := newEnv(t)
	r, err := env.Plugin.New("file", "/", map[string]hostabi.Value{"state": str("exists")})
	if err != nil {
		t.Fatal(err)
	}
	ae := r.(hostabi.AutoEdger)
	if got := ae.UIDs(); len(got) != 1 || got[0] != (hostabi.UID{Kind: "file", Key: "/"}) {
		t.Errorf("UIDs of / = %v, want file /", got)
	}
	if got := ae.AutoEdges(); len(got) != 0 {
		t.Errorf("AutoEdges of / = %v, want none", got)
	}
}

// A fragment may not contain the file, by whole path components.
func TestFragmentContainsFile(t *testing.T) {
	tests := []struct {
		p, fragment string
		inside      bool
	}{
		{"/a/b", "/a/", true},
		{"/a/b", "/a", true},
		{"/a", "/a/", true},
		{"/ab", "/a/", false},
		{"/x", "/", true},
	}
	env := newEnv(t)
	for _, tt := range tests {
		r, err := env.Plugin.New("file", tt.p, map[string]hostabi.Value{"fragments": strs(tt.fragment)})
		if err != nil {
			t.Fatal(err)
		}
		err = r.Validate()
		if got := err != nil && strings.Contains(err.Error(), "inside its fragment"); got != tt.inside {
			t.Errorf("%s with the fragment %s: validate says %v, want inside %v", tt.p, tt.fragment, err, tt.inside)
		}
	}
}

// TestRustUnits runs the Rust unit tests of src (mode parsing, path
// cleaning, parents), built natively with the compiler that builds the
// module.
func TestRustUnits(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "units")
	build := exec.Command(testwasm.RustC(), "--edition", "2021", "--test", "-o", bin, filepath.Join("src", "lib.rs"))
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("rustc --test: %v\n%s", err, out)
	}
	if out, err := exec.Command(bin).CombinedOutput(); err != nil {
		t.Fatalf("the Rust unit tests failed: %v\n%s", err, out)
	} else if !strings.Contains(string(out), "test result: ok") {
		t.Fatalf("unexpected output of the Rust unit tests:\n%s", out)
	}
}
