package hostabi

import (
	"errors"
	"testing"
)

func TestParseCapability(t *testing.T) {
	ok := []struct {
		in   string
		want Capability
		str  string
	}{
		{"fs.read:/etc", Capability{CapFSRead, "/etc"}, "fs.read:/etc"},
		{"fs.read:/", Capability{CapFSRead, "/"}, "fs.read:/"},
		{"fs.write:/srv/app/", Capability{CapFSWrite, "/srv/app"}, "fs.write:/srv/app"},
		{"fs.write:/srv//app/./x/..", Capability{CapFSWrite, "/srv/app"}, "fs.write:/srv/app"},
		{"fs.read:/a:b", Capability{CapFSRead, "/a:b"}, "fs.read:/a:b"},
		{"exec:/usr/bin/systemctl", Capability{CapExec, "/usr/bin/systemctl"}, "exec:/usr/bin/systemctl"},
		{"exec:*", Capability{CapExec, ExecAny}, "exec:*"},
		{"exec:/*", Capability{CapExec, "/*"}, "exec:/*"}, // a program named "*", not a wildcard
		{"net", Capability{CapNet, ""}, "net"},
		{"cluster.kv:/mgmt/app/", Capability{CapClusterKV, "/mgmt/app/"}, "cluster.kv:/mgmt/app/"},
		{"cluster.kv:", Capability{CapClusterKV, ""}, "cluster.kv:"},
	}
	for _, tt := range ok {
		c, err := ParseCapability(tt.in)
		if err != nil || c != tt.want || c.String() != tt.str {
			t.Errorf("ParseCapability(%q) = %+v (%s), %v; want %+v (%s)", tt.in, c, c, err, tt.want, tt.str)
		}
	}
	bad := []struct {
		in   string
		want error
	}{
		{"", ErrUnsupported},
		{"fs.exec:/x", ErrUnsupported},
		{"FS.READ:/x", ErrUnsupported},
		{"fs.read", ErrInvalid},
		{"fs.read:", ErrInvalid},
		{"fs.read:etc", ErrInvalid},
		{"fs.write:./x", ErrInvalid},
		{"fs.read:/et\x00c", ErrInvalid},
		{"exec:/", ErrInvalid},
		{"exec:/..", ErrInvalid},
		{"exec:bin/x", ErrInvalid},
		{"exec", ErrInvalid},
		{"exec:", ErrInvalid},
		{"exec:**", ErrInvalid},
		{"exec:*/x", ErrInvalid},
		{"exec: *", ErrInvalid},
		{"exec:*\x00", ErrInvalid},
		{"net:", ErrInvalid},
		{"net:example.com", ErrInvalid},
		{"cluster.kv", ErrInvalid},
		{"cluster.kv:a\x00", ErrInvalid},
	}
	for _, tt := range bad {
		c, err := ParseCapability(tt.in)
		if !errors.Is(err, tt.want) {
			t.Errorf("ParseCapability(%q) = %+v, %v; want %v", tt.in, c, err, tt.want)
		}
	}
}

func TestCapabilityAllows(t *testing.T) {
	c := func(s string) Capability {
		t.Helper()
		c, err := ParseCapability(s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	tests := []struct {
		cap    string
		op     Op
		target string
		want   bool
	}{
		{"fs.read:/srv/app", OpRead, "/srv/app", true},
		{"fs.read:/srv/app", OpRead, "/srv/app/", true},
		{"fs.read:/srv/app", OpRead, "/srv/app/x", true},
		{"fs.read:/srv/app", OpRead, "/srv/app/x/y/z", true},
		{"fs.read:/srv/app", OpRead, "/srv/apple", false},
		{"fs.read:/srv/app", OpRead, "/srv/ap", false},
		{"fs.read:/srv/app", OpRead, "/srv", false},
		{"fs.read:/srv/app", OpRead, "/", false},
		{"fs.read:/srv/app", OpRead, "/srv/app/../apple", false},
		{"fs.read:/srv/app", OpRead, "/srv/app/x/../../app/y", true},
		{"fs.read:/srv/app", OpRead, "/srv/app/../../etc/passwd", false},
		{"fs.read:/srv/app", OpRead, "srv/app/x", false},
		{"fs.read:/srv/app", OpRead, "", false},
		{"fs.read:/srv/app", OpRead, "/srv/app/\x00", false},
		{"fs.read:/srv/app", OpWrite, "/srv/app/x", false},
		{"fs.write:/srv/app", OpWrite, "/srv/app/x", true},
		{"fs.write:/srv/app", OpRead, "/srv/app/x", false},
		{"fs.write:/srv/app", OpWrite, "/srv/apple", false},
		{"fs.read:/", OpRead, "/anything/at/all", true},
		{"fs.read:/", OpRead, "/", true},
		{"fs.read:/", OpRead, "relative", false},
		{"exec:/usr/bin/x", OpExec, "/usr/bin/x", true},
		{"exec:/usr/bin/x", OpExec, "/usr/bin//x", true},
		{"exec:/usr/bin/x", OpExec, "/usr/bin/xy", false},
		{"exec:/usr/bin/x", OpExec, "/usr/bin/x/y", false},
		{"exec:/usr/bin/x", OpExec, "/usr/bin", false},
		{"exec:/usr/bin/x", OpExec, "usr/bin/x", false},
		{"exec:/usr/bin/x", OpRead, "/usr/bin/x", false},
		{"exec:/usr/bin/x", OpExec, "*", false},
		{"exec:/*", OpExec, "/usr/bin/x", false},
		{"exec:*", OpExec, "/usr/bin/x", true},
		{"exec:*", OpExec, "/opt/any/thing", true},
		{"exec:*", OpExec, "*", true},
		{"exec:*", OpExec, "usr/bin/x", false},
		{"exec:*", OpExec, "", false},
		{"exec:*", OpExec, "/bin/\x00x", false},
		{"exec:*", OpRead, "/usr/bin/x", false},
		{"exec:*", OpWrite, "/usr/bin/x", false},
		{"net", OpNet, "", true},
		{"net", OpRead, "/", false},
		{"cluster.kv:/app/", OpKV, "/app/x", true},
		{"cluster.kv:/app/", OpKV, "/apple", false},
		{"cluster.kv:/app", OpKV, "/apple", true},
		{"cluster.kv:", OpKV, "anything", true},
		{"cluster.kv:/app/", OpRead, "/app/x", false},
	}
	for _, tt := range tests {
		if got := c(tt.cap).Allows(tt.op, tt.target); got != tt.want {
			t.Errorf("%s.Allows(%s, %q) = %v, want %v", tt.cap, tt.op, tt.target, got, tt.want)
		}
	}
	if (Capability{}).Allows(OpRead, "/") {
		t.Error("the zero capability allows something")
	}
}

func TestCapabilities(t *testing.T) {
	cs, err := ParseCapabilities([]string{"fs.read:/etc", "fs.write:/srv/app", "exec:/bin/true"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		op     Op
		target string
		want   bool
	}{
		{OpRead, "/etc/motd", true},
		{OpWrite, "/etc/motd", false},
		{OpWrite, "/srv/app/data", true},
		{OpRead, "/srv/app/data", false},
		{OpExec, "/bin/true", true},
		{OpExec, "/bin/false", false},
		{OpNet, "", false},
	} {
		if got := cs.Allows(tt.op, tt.target); got != tt.want {
			t.Errorf("Allows(%s, %q) = %v, want %v", tt.op, tt.target, got, tt.want)
		}
	}
	if _, err := ParseCapabilities([]string{"fs.read:/etc", "bogus"}); !errors.Is(err, ErrUnsupported) {
		t.Errorf("ParseCapabilities with a bad entry: %v", err)
	}
	if (Capabilities(nil)).Allows(OpRead, "/") {
		t.Error("no capabilities allow something")
	}
}

func TestCapStrings(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{CapFSRead.String(), "fs.read"}, {CapClusterKV.String(), "cluster.kv"}, {CapKind(0).String(), "CapKind(0)"}, {CapKind(99).String(), "CapKind(99)"},
		{OpRead.String(), "read"}, {OpWrite.String(), "write"}, {OpExec.String(), "exec"}, {OpNet.String(), "net"}, {OpKV.String(), "kv"}, {Op(0).String(), "Op(0)"},
	} {
		if tt.got != tt.want {
			t.Errorf("String() = %q, want %q", tt.got, tt.want)
		}
	}
}
