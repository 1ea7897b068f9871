package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal pair: the controlling side and the
// terminal a process gets as its stdin.
func openPTY(t *testing.T) (ctl, term *os.File) {
	t.Helper()
	ctl, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	t.Cleanup(func() { ctl.Close() })
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, ctl.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Fatalf("TIOCGPTN: %v", e)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, ctl.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatalf("TIOCSPTLCK: %v", e)
	}
	term, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { term.Close() })
	return ctl, term
}

// installAtTerminal runs mgmt plugin install with a terminal as stdin,
// typing answer, and returns the result.
func installAtTerminal(t *testing.T, answer string, args ...string) result {
	t.Helper()
	ctl, term := openPTY(t)
	go io.Copy(io.Discard, ctl) // the terminal's echo
	if _, err := ctl.Write([]byte(answer)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(mgmtBin, append([]string{"plugin"}, args...)...)
	cmd.Env = env(t)
	var stdout, stderr syncBuffer
	cmd.Stdin, cmd.Stdout, cmd.Stderr = term, &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(exitGuard):
		cmd.Process.Kill()
		<-done
		t.Fatalf("install at a terminal did not exit within the %v hang guard; stderr:\n%s", exitGuard, stderr.String())
	}
	return result{code: cmd.ProcessState.ExitCode(), stdout: stdout.String(), stderr: stderr.String()}
}

// Without --allow, install asks at a terminal about each capability and
// grants what is confirmed; without a terminal it grants nothing.
func TestPluginInstallAsksAtATerminal(t *testing.T) {
	tmp := t.TempDir()
	module := flagWasm(t, tmp) // asks for fs.read:/srv/app
	for _, c := range []struct {
		answer, granted string
	}{
		{"y\n", "granted:     fs.read:/srv/app"},
		{"yes\n", "granted:     fs.read:/srv/app"},
		{"n\n", "granted:     (none)"},
		{"\n", "granted:     (none)"},
	} {
		storeDir := filepath.Join(t.TempDir(), "store")
		r := installAtTerminal(t, c.answer, "--store", storeDir, "install", module)
		requireExit(t, r, 0)
		requireOut(t, r, "grant fs.read:/srv/app? [y/N]", c.granted, "plugin flag 1 asks for: fs.read:/srv/app")
		requireOut(t, runMgmt(t, "plugin", "--store", storeDir, "inspect", "flag"), "granted:   "+c.granted[len("granted:     "):])
	}

	// --allow at a terminal: no questions.
	storeDir := filepath.Join(t.TempDir(), "store")
	r := installAtTerminal(t, "", "--store", storeDir, "install", module, "--allow", "fs.read:/srv/app/data")
	requireExit(t, r, 0)
	requireOut(t, r, "granted:     fs.read:/srv/app/data")
	if strings.Contains(r.stderr, "[y/N]") {
		t.Errorf("install with --allow asked:\n%s", r.stderr)
	}

	// Not a terminal (stdin is /dev/null): nothing granted, and it says so.
	r = runMgmt(t, "plugin", "--store", storeDir, "install", module)
	requireExit(t, r, 0)
	requireOut(t, r, "granted:     (none)", "not granted: fs.read:/srv/app (no --allow was given and stdin is not a terminal")
	if strings.Contains(r.stderr, "[y/N]") {
		t.Errorf("install without a terminal asked:\n%s", r.stderr)
	}
}
