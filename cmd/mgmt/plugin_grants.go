package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"syscall"
	"unsafe"

	"github.com/mgmt-wasm/mgmt/hostabi"
	"github.com/mgmt-wasm/mgmt/plugins/wasmres"
)

// grantChoice is what install grants and how it came to that.
type grantChoice struct {
	granted, ungranted []string
	// how says where the grants came from, for the output.
	how string
}

// chooseGrants decides what a plugin asking for desc.Capabilities is
// granted: what --allow names (each within what it asks for); without
// --allow, at a terminal, each capability the user confirms; otherwise
// nothing.
func chooseGrants(desc *hostabi.DescribeResponse, allow []string, in io.Reader, prompt io.Writer) (grantChoice, error) {
	if len(allow) > 0 {
		ungranted, err := wasmres.CheckGrants(desc, allow)
		if err != nil {
			return grantChoice{}, err
		}
		return grantChoice{granted: allow, ungranted: ungranted, how: "--allow"}, nil
	}
	if len(desc.Capabilities) == 0 {
		return grantChoice{how: "nothing asked"}, nil
	}
	if f, ok := in.(*os.File); !ok || !isTerminal(f) {
		return grantChoice{ungranted: desc.Capabilities, how: "not a terminal"}, nil
	}
	// Every asked capability is checked first, so that a plugin asking
	// for one this host does not know is refused before any question.
	if _, err := wasmres.CheckGrants(desc, nil); err != nil {
		return grantChoice{}, err
	}
	c := grantChoice{how: "confirmed"}
	r := bufio.NewReader(in)
	for _, cap := range desc.Capabilities {
		fmt.Fprintf(prompt, "grant %s? [y/N] ", cap)
		line, err := r.ReadString('\n')
		if err != nil && line == "" {
			fmt.Fprintln(prompt)
			return grantChoice{}, fmt.Errorf("install: no answer for %s: %w", cap, err)
		}
		switch strings.ToLower(strings.TrimSpace(line)) {
		case "y", "yes":
			c.granted = append(c.granted, cap)
		default:
			c.ungranted = append(c.ungranted, cap)
		}
	}
	return c, nil
}

// isTerminal reports whether f is a terminal (it has terminal
// attributes).
func isTerminal(f *os.File) bool {
	var t syscall.Termios
	_, _, errno := syscall.Syscall(syscall.SYS_IOCTL, f.Fd(), syscall.TCGETS, uintptr(unsafe.Pointer(&t)))
	return errno == 0
}
