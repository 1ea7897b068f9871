package file

import (
	"fmt"
	"strconv"
	"strings"
)

// Permission bits as chmod takes them.
const (
	modeSetuid = 0o4000
	modeSetgid = 0o2000
	modeSticky = 0o1000
	modeMax    = 0o7777
)

// modeSpec is a parsed mode param: an absolute octal mode, or symbolic
// assignments that replace the bits of the subjects they name and keep
// the others from the file's current mode.
type modeSpec struct {
	symbolic bool
	bits     uint32 // the octal mode, or the bits the assignments set
	clear    uint32 // the bits the assignments clear first (symbolic only)
}

// apply returns the mode the spec asks for, given the file's current mode
// (0 for a file that does not exist yet).
func (m modeSpec) apply(from uint32) uint32 {
	if !m.symbolic {
		return m.bits
	}
	return (from&^m.clear | m.bits) & modeMax
}

// String returns the mode the spec gives a new file, in octal.
func (m modeSpec) String() string { return fmt.Sprintf("%04o", m.apply(0)) }

// parseMode parses a mode param: octal digits (at most 7777), or
// comma-separated symbolic assignments such as "u=rwx,go=rx", as upstream
// accepts them (ParseSymbolicModes with assignment only): each subject
// (u, g, o; "a" or none means all three, alone) at most once, and the
// permissions r, w, x, s (setuid for u, setgid for g) and t (sticky).
// "+" and "-" are refused, as upstream refuses them.
func parseMode(s string) (modeSpec, error) {
	if s == "" {
		return modeSpec{}, fmt.Errorf("empty mode")
	}
	if s[0] >= '0' && s[0] <= '9' {
		n, err := strconv.ParseUint(s, 8, 32)
		if err != nil || n > modeMax {
			return modeSpec{}, fmt.Errorf("mode %q is not an octal mode between 0000 and 7777", s)
		}
		return modeSpec{bits: uint32(n)}, nil
	}
	clauses := strings.Split(s, ",")
	m := modeSpec{symbolic: true}
	seen := map[rune]bool{}
	for _, c := range clauses {
		who, what, err := splitClause(c, len(clauses))
		if err != nil {
			return modeSpec{}, fmt.Errorf("mode %q: %w", s, err)
		}
		for _, w := range who {
			if seen[w] {
				return modeSpec{}, fmt.Errorf("mode %q: subject %c is given twice", s, w)
			}
			seen[w] = true
		}
		clear, set, err := assignment(who, what)
		if err != nil {
			return modeSpec{}, fmt.Errorf("mode %q: %w", s, err)
		}
		m.clear |= clear
		m.bits |= set
	}
	return m, nil
}

// splitClause splits one symbolic clause "who=what" and expands "a" and
// an empty who to "ugo", which only a lone clause may use.
func splitClause(c string, clauses int) (who, what string, err error) {
	if strings.ContainsAny(c, "+-") {
		return "", "", fmt.Errorf("clause %q: only assignments (=) are accepted, not + or -", c)
	}
	who, what, ok := strings.Cut(c, "=")
	if !ok || strings.Contains(what, "=") {
		return "", "", fmt.Errorf("clause %q is not one assignment who=perms", c)
	}
	if strings.Trim(who, "augo") != "" {
		return "", "", fmt.Errorf("clause %q: unknown subject in %q (want u, g, o or a)", c, who)
	}
	if who == "" || strings.ContainsRune(who, 'a') {
		if clauses > 1 {
			return "", "", fmt.Errorf("clause %q names every subject, so it must be the only clause", c)
		}
		who = "ugo"
	}
	return who, what, nil
}

// assignment returns the bits "who=what" clears and sets: it clears the
// rwx bits of each subject (and setuid for u, setgid for g) and sets the
// permissions what lists for them.
func assignment(who, what string) (clear, set uint32, err error) {
	var perms uint32 // r=4, w=2, x=1, as for one subject
	var special uint32
	for _, p := range what {
		switch p {
		case 'r':
			perms |= 4
		case 'w':
			perms |= 2
		case 'x':
			perms |= 1
		case 's':
			if strings.ContainsRune(who, 'u') {
				special |= modeSetuid
			}
			if strings.ContainsRune(who, 'g') {
				special |= modeSetgid
			}
		case 't':
			special |= modeSticky
		default:
			return 0, 0, fmt.Errorf("unknown permission %q in %q (want r, w, x, s or t)", p, what)
		}
	}
	for _, w := range who {
		var shift uint32
		switch w {
		case 'u':
			shift = 6
			clear |= modeSetuid
		case 'g':
			shift = 3
			clear |= modeSetgid
		case 'o':
			shift = 0
		}
		clear |= 7 << shift
		set |= perms << shift
	}
	return clear, set | special, nil
}
