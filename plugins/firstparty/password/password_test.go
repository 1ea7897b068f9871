package password_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mgmt-wasm/mgmt/plugins/firstparty/fptest"
)

func TestMain(m *testing.M) { fptest.Main(m) }

// graph sends the password of password[pw] into a print's msg.
func graph(params string) string {
	return `
graph: test
resources:
  password:
  - name: pw
` + params + `
  print:
  - name: p
    msg: placeholder
edges:
- from: {kind: password, name: pw, send: password}
  to: {kind: print, name: p, recv: msg}
`
}

// printed returns the distinct passwords of length n the print logged.
func printed(log string, n int) []string {
	re := regexp.MustCompile(`print\[p\]: ([a-zA-Z]{` + strconv.Itoa(n) + `})"`)
	seen := map[string]bool{}
	var out []string
	for _, m := range re.FindAllStringSubmatch(log, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// storedFile returns the file that keeps password[pw]'s password.
func storedFile(env *fptest.Env) string {
	return filepath.Join(env.VarDir, "password", "pw", "password")
}

// A password is generated once (64 letters by default), stored with mode
// 0600, and sent; a second engine keeps and resends it and changes
// nothing.
func TestPasswordKeptAndSent(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, graph(""))
	got := printed(env.Log.String(), 64)
	if len(got) != 1 {
		t.Fatalf("printed passwords %q, want one of 64 letters:\n%s", got, env.Log)
	}
	b, err := os.ReadFile(storedFile(env))
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(b)) != got[0] {
		t.Errorf("stored %q, sent %q", b, got[0])
	}
	if fi, _ := os.Stat(storedFile(env)); fi.Mode().Perm() != 0o600 {
		t.Errorf("the stored password has mode %v, want 0600", fi.Mode().Perm())
	}

	eng := env.Run(t, graph(""))
	if n := eng.Stats().Applied.Load(); n != 0 {
		t.Errorf("the second run changed %d resources, want 0", n)
	}
	if again := printed(env.Log.String(), 64); len(again) != 1 {
		t.Errorf("the second run sent another password: %q", again)
	}
	if env.Log.Count("print[p]: "+got[0]) != 2 {
		t.Errorf("the second run did not resend the kept password:\n%s", env.Log)
	}
}

// length sets the number of letters.
func TestPasswordLength(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, graph("    length: 12"))
	if got := printed(env.Log.String(), 12); len(got) != 1 {
		t.Fatalf("printed %q, want one password of 12 letters:\n%s", got, env.Log)
	}
}

// A stored password that fails the integrity check fails the resource,
// unless check_recovery replaces it.
func TestPasswordIntegrity(t *testing.T) {
	env := fptest.New(t)
	env.Run(t, graph(""))
	if err := os.WriteFile(storedFile(env), []byte("not-a-password\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	eng := env.Start(t, graph(""))
	fptest.Eventually(t, "password[pw] to fail", func() bool { return eng.Failures()["password[pw]"] != nil })
	if err := eng.Failures()["password[pw]"]; !strings.Contains(err.Error(), "integrity check") {
		t.Errorf("failure %q does not name the integrity check", err)
	}
	eng.Close()

	env.Run(t, graph("    check_recovery: true"))
	b, _ := os.ReadFile(storedFile(env))
	if pw := strings.TrimSpace(string(b)); len(pw) != 64 || env.Log.Count("print[p]: "+pw) != 1 {
		t.Errorf("check_recovery stored %q and did not send it:\n%s", pw, env.Log)
	}
}

// A refresh generates a new password, which is sent.
func TestPasswordRefresh(t *testing.T) {
	env := fptest.New(t)
	env.Start(t, `
graph: test
resources:
  timer:
  - name: tick
    interval: 1
  password:
  - name: pw
    length: 20
  print:
  - name: p
    msg: placeholder
edges:
- from: {kind: timer, name: tick}
  to: {kind: password, name: pw}
  notify: true
- from: {kind: password, name: pw, send: password}
  to: {kind: print, name: p, recv: msg}
`)
	fptest.Eventually(t, "a second password", func() bool { return len(printed(env.Log.String(), 20)) >= 2 })
}

// A bad length fails the commit naming the resource and the param.
func TestPasswordBadLength(t *testing.T) {
	for _, length := range []string{"0", "-1", "65536"} {
		t.Run(length, func(t *testing.T) {
			env := fptest.New(t)
			err := env.Reject(t, graph("    length: "+length))
			fptest.RequireError(t, err, "password[pw]", "param length", "must be from 1 to 65535")
		})
	}
}
