package file

import (
	"strings"
	"testing"
)

// parseMode takes octal modes and upstream's symbolic assignments; a
// symbolic mode keeps the bits of the subjects it does not name.
func TestParseMode(t *testing.T) {
	tests := []struct {
		in      string
		from    uint32
		want    uint32
		wantErr string
	}{
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
		{in: "10000", wantErr: "between 0000 and 7777"},
		{in: "0688", wantErr: "octal"},
		{in: "u+x", wantErr: "only assignments"},
		{in: "go-w", wantErr: "only assignments"},
		{in: "u=rw,u=r", wantErr: "twice"},
		{in: "a=r,u=w", wantErr: "only clause"},
		{in: "z=r", wantErr: "unknown subject"},
		{in: "u=rwq", wantErr: "unknown permission"},
		{in: "u", wantErr: "not one assignment"},
		{in: "u=r=w", wantErr: "not one assignment"},
		{in: "", wantErr: "empty"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			m, err := parseMode(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("parseMode(%q) = %v, want an error with %q", tt.in, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseMode(%q): %v", tt.in, err)
			}
			if got := m.apply(tt.from); got != tt.want {
				t.Fatalf("parseMode(%q).apply(%04o) = %04o, want %04o", tt.in, tt.from, got, tt.want)
			}
		})
	}
}

// The effective path follows upstream's getPath: the name by default,
// with dirname and basename replacing their parts.
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
	for _, tt := range tests {
		if got := effectivePath(tt.path, tt.name, tt.dirname, tt.basename); got != tt.want {
			t.Errorf("effectivePath(%q, %q, %q, %q) = %q, want %q", tt.path, tt.name, tt.dirname, tt.basename, got, tt.want)
		}
	}
}

// Parents are listed nearest first, each a directory UID.
func TestParentUIDs(t *testing.T) {
	got := parentUIDs("/a/b/c")
	want := []string{"/a/b/", "/a/", "/"}
	if len(got) != len(want) {
		t.Fatalf("parentUIDs = %v, want %v", got, want)
	}
	for i, u := range got {
		if u.Kind != Kind || u.Key != want[i] {
			t.Errorf("parentUIDs[%d] = %v, want file %s", i, u, want[i])
		}
	}
	if got := parentUIDs("/"); len(got) != 0 {
		t.Errorf("parentUIDs(/) = %v, want none", got)
	}
}

func TestHasPathPrefix(t *testing.T) {
	tests := []struct {
		p, prefix string
		want      bool
	}{
		{"/a/b", "/a/", true},
		{"/a/b", "/a", true},
		{"/a", "/a/", true},
		{"/ab", "/a/", false},
		{"/x", "/", true},
	}
	for _, tt := range tests {
		if got := hasPathPrefix(tt.p, tt.prefix); got != tt.want {
			t.Errorf("hasPathPrefix(%q, %q) = %v, want %v", tt.p, tt.prefix, got, tt.want)
		}
	}
}
