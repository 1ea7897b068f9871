package exec

import (
	"errors"
	"reflect"
	"testing"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// params builds the Params of an exec from Go values (str, []string,
// map[string]string, int64); the params not given are unset.
func params(t *testing.T, set map[string]any) mgmt.Params {
	t.Helper()
	p := mgmt.Params{Values: map[string]hostabi.Value{}}
	for _, decl := range Info.Params {
		goVal, ok := set[decl.Name]
		if !ok {
			z, err := hostabi.Zero(decl.Type)
			if err != nil {
				t.Fatal(err)
			}
			p.Values[decl.Name] = z
			p.Unset = append(p.Unset, decl.Name)
			continue
		}
		v, err := hostabi.Convert(generic(goVal), decl.Type)
		if err != nil {
			t.Fatalf("param %s: %v", decl.Name, err)
		}
		p.Values[decl.Name] = v
	}
	for name := range set {
		if Info.Param(name) == nil {
			t.Fatalf("exec has no param %s", name)
		}
	}
	return p
}

// generic turns the Go values params takes into those Convert takes.
func generic(x any) any {
	switch x := x.(type) {
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out
	case map[string]string:
		out := make(map[string]any, len(x))
		for k, v := range x {
			out[k] = v
		}
		return out
	}
	return x
}

// Validate names the bad param of each bad exec, and accepts the good.
func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		set   map[string]any
		param string // "" for valid
	}{
		{"cmd", map[string]any{"cmd": "/bin/true"}, ""},
		{"/bin/true", map[string]any{}, ""}, // the name is the command
		{"blank", map[string]any{"cmd": "  \t "}, "cmd"},
		{"shell", map[string]any{"cmd": "echo hi", "shell": "/bin/sh"}, ""},
		{"args", map[string]any{"cmd": "/bin/echo", "args": []string{"a b"}}, ""},
		{"args+shell", map[string]any{"cmd": "echo", "shell": "/bin/sh", "args": []string{"x"}}, "args"},
		{"args+fields", map[string]any{"cmd": "/bin/echo a", "args": []string{"x"}}, "args"},
		{"cwd", map[string]any{"cmd": "/bin/true", "cwd": "tmp"}, "cwd"},
		{"ifcwd", map[string]any{"cmd": "/bin/true", "ifcmd": "/bin/true", "ifcwd": "rel"}, "ifcwd"},
		{"ifcwd unused", map[string]any{"cmd": "/bin/true", "ifcwd": "rel"}, ""},
		{"nifcwd", map[string]any{"cmd": "/bin/true", "nifcmd": "/bin/true", "nifcwd": "rel"}, "nifcwd"},
		{"donecwd", map[string]any{"cmd": "/bin/true", "donecmd": "/bin/true", "donecwd": "rel"}, "donecwd"},
		{"doneblank", map[string]any{"cmd": "/bin/true", "donecmd": "  "}, "donecmd"},
		{"doneshell", map[string]any{"cmd": "/bin/true", "donecmd": "true", "doneshell": " /bin/sh"}, "doneshell"},
		{"timeout", map[string]any{"cmd": "/bin/true", "timeout": int64(-1)}, "timeout"},
		{"timeout big", map[string]any{"cmd": "/bin/true", "timeout": int64(1) << 40}, "timeout"},
		{"timeout ok", map[string]any{"cmd": "/bin/true", "timeout": int64(30)}, ""},
		{"env", map[string]any{"cmd": "/bin/true", "env": map[string]string{"A=B": "x"}}, "env"},
		{"env empty", map[string]any{"cmd": "/bin/true", "env": map[string]string{"": "x"}}, "env"},
		{"env nul", map[string]any{"cmd": "/bin/true", "env": map[string]string{"A": "x\x00"}}, "env"},
		{"env ok", map[string]any{"cmd": "/bin/true", "env": map[string]string{"PATH": "/bin"}}, ""},
		{"creates", map[string]any{"cmd": "/bin/true", "creates": "x"}, "creates"},
		{"mtimes", map[string]any{"cmd": "/bin/true", "mtimes": []string{"/a", "b"}}, "mtimes"},
		{"watchfiles", map[string]any{"cmd": "/bin/true", "watchfiles": []string{"b"}}, "watchfiles"},
		{"watchcmd", map[string]any{"cmd": "/bin/true", "watchcmd": "/usr/bin/tail -f /x"}, "watchcmd"},
		{"watchcwd alone", map[string]any{"cmd": "/bin/true", "watchcwd": "/", "watchshell": "/bin/sh"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := newRes(tt.name, params(t, tt.set)).Validate()
			if tt.param == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			var ae *hostabi.ABIError
			if !errors.As(err, &ae) || ae.Code != hostabi.CodeInvalid || ae.Param != tt.param {
				t.Fatalf("Validate = %v, want an invalid error about param %s", err, tt.param)
			}
		})
	}
}

// A command's argv and display: fields, args, or the shell.
func TestCommandArgv(t *testing.T) {
	tests := []struct {
		c        command
		prog     string
		args     []string
		shown    string
		absolute string
	}{
		{command{line: " touch  /tmp/a   /tmp/b "}, "touch", []string{"/tmp/a", "/tmp/b"}, "touch /tmp/a /tmp/b", ""},
		{command{line: "/bin/echo", args: []string{"a b", "c"}}, "/bin/echo", []string{"a b", "c"}, `/bin/echo "a b" "c"`, "/bin/echo"},
		{command{line: "echo $HOME | wc", shell: "/bin/sh"}, "/bin/sh", []string{"-c", "echo $HOME | wc"}, `/bin/sh -c "echo $HOME | wc"`, "/bin/sh"},
		{command{line: "/usr//bin/../bin/env"}, "/usr//bin/../bin/env", []string{}, "/usr//bin/../bin/env", "/usr/bin/env"},
		{command{}, "", nil, "", ""},
	}
	for _, tt := range tests {
		prog, args := tt.c.argv()
		if prog != tt.prog || !reflect.DeepEqual(args, tt.args) {
			t.Errorf("%+v: argv = %q %q, want %q %q", tt.c, prog, args, tt.prog, tt.args)
		}
		if s := tt.c.String(); s != tt.shown {
			t.Errorf("%+v: String = %q, want %q", tt.c, s, tt.shown)
		}
		if p := tt.c.program(); p != tt.absolute {
			t.Errorf("%+v: program = %q, want %q", tt.c, p, tt.absolute)
		}
	}
}

// lookPath takes absolute and slashed names as they are and searches the
// absolute PATH entries for an executable regular file.
func TestLookPath(t *testing.T) {
	files := map[string]*hostabi.StatResponse{
		"/usr/bin/touch":    {Type: hostabi.FileRegular, Mode: 0o755},
		"/bin/touch":        {Type: hostabi.FileRegular, Mode: 0o755},
		"/usr/local/bin/ro": {Type: hostabi.FileRegular, Mode: 0o644},
		"/usr/bin/ro":       {Type: hostabi.FileRegular, Mode: 0o700},
		"/usr/local/bin/d":  {Type: hostabi.FileDir, Mode: 0o755},
		"/opt/x/tool":       {Type: hostabi.FileRegular, Mode: 0o555},
	}
	stat := func(p string) (*hostabi.StatResponse, error) {
		if st, ok := files[p]; ok {
			return st, nil
		}
		return nil, &hostabi.ABIError{Code: hostabi.CodeNotFound, Message: p}
	}
	tests := []struct {
		prog, cwd, path string
		want            string // "" for not found
	}{
		{"touch", "", defaultPath, "/usr/bin/touch"},
		{"ro", "", defaultPath, "/usr/bin/ro"}, // not executable in /usr/local/bin
		{"d", "", defaultPath, ""},             // a directory
		{"tool", "", defaultPath, ""},
		{"tool", "", "rel:/opt/x", "/opt/x/tool"},
		{"tool", "/opt/x", ":.:x", ""}, // relative entries are skipped
		{"/no/such", "", defaultPath, "/no/such"},
		{"./run.sh", "/srv", defaultPath, "/srv/run.sh"},
		{"bin/run", "", defaultPath, "/bin/run"},
		{"", "", defaultPath, ""},
	}
	for _, tt := range tests {
		got, err := lookPath(stat, tt.prog, tt.cwd, tt.path)
		if tt.want == "" {
			if err == nil {
				t.Errorf("lookPath(%q, %q) = %q, want an error", tt.prog, tt.path, got)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("lookPath(%q, %q, %q) = %q, %v, want %q", tt.prog, tt.cwd, tt.path, got, err, tt.want)
		}
	}
}

// The environment is sorted NAME=value entries; lastLine finds the line
// an error quotes.
func TestEnvAndLastLine(t *testing.T) {
	if got := envList(map[string]string{"B": "2", "A": "1=1"}); !reflect.DeepEqual(got, []string{"A=1=1", "B=2"}) {
		t.Errorf("envList = %q", got)
	}
	if got := envList(nil); len(got) != 0 {
		t.Errorf("envList(nil) = %q", got)
	}
	for in, want := range map[string]string{
		"":                        "",
		"one":                     "one",
		"first\nsecond\n\n  \n":   "second",
		"warning: x\n  error: y ": "error: y",
	} {
		if got := lastLine([]byte(in)); got != want {
			t.Errorf("lastLine(%q) = %q, want %q", in, got, want)
		}
	}
}

// A run's output replaces the cached values of the streams that printed
// something; send_* stand in only where asked.
func TestSendsCache(t *testing.T) {
	c := sendsCache{"output": "old", "stdout": "old", "stderr": "olderr"}
	c.update(&result{stdout: []byte("new\n")})
	want := sendsCache{"output": "new\n", "stdout": "new\n", "stderr": "olderr"}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("after update: %v, want %v", c, want)
	}
	empty := sendsCache{}
	if v := empty.values(map[string]string{"stdout": "fb"}, false); v != nil {
		t.Errorf("values without fallback = %v, want none", v)
	}
	v := empty.values(map[string]string{"stdout": "fb"}, true)
	if len(v) != 1 || !v["stdout"].Equal(hostabi.StrValue("fb")) {
		t.Errorf("values with fallback = %v", v)
	}
}

// Watch covers mtimes, watchfiles and creates; a trailing slash watches
// recursively. AutoEdges asks for the files of absolute programs.
func TestWatchAndAutoEdges(t *testing.T) {
	r := newRes("x", params(t, map[string]any{
		"cmd":        "/usr/bin/make all",
		"ifcmd":      "test -e /x",
		"nifcmd":     "/usr/bin/make -q",
		"donecmd":    "echo done",
		"doneshell":  "/bin/sh",
		"creates":    "/srv/out",
		"mtimes":     []string{"/srv/src"},
		"watchfiles": []string{"/etc/app/", "/srv/src"},
	}))
	want := []hostabi.WatchSpec{
		{Kind: hostabi.WatchPath, Path: "/srv/src"},
		{Kind: hostabi.WatchPath, Path: "/etc/app", Recursive: true},
		{Kind: hostabi.WatchPath, Path: "/srv/out"},
	}
	if got := r.Watch(); !reflect.DeepEqual(got, want) {
		t.Errorf("Watch = %+v, want %+v", got, want)
	}
	uids, edges, err := r.AutoEdges()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(uids, []hostabi.UID{{Kind: "exec", Key: "x"}}) {
		t.Errorf("UIDs = %v", uids)
	}
	wantEdges := [][]hostabi.UID{{{Kind: "file", Key: "/usr/bin/make"}}, {{Kind: "file", Key: "/bin/sh"}}}
	if !reflect.DeepEqual(edges, wantEdges) {
		t.Errorf("AutoEdges = %v, want %v", edges, wantEdges)
	}
	if r := newRes("y", params(t, map[string]any{"cmd": "true"})); len(r.Watch()) != 0 {
		t.Errorf("an exec without paths watches %v", r.Watch())
	}
}
