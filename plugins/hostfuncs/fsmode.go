package hostfuncs

import "os"

// The ABI's mode bits above the permissions (ABI §7), as chmod(2) numbers
// them; os.FileMode keeps them elsewhere.
const (
	abiSetuid = 0o4000
	abiSetgid = 0o2000
	abiSticky = 0o1000
	// abiModeMask is every bit an ABI mode may have.
	abiModeMask = 0o7777
)

// abiMode converts a Go file mode to the ABI's mode: the permission bits
// with setuid 0o4000, setgid 0o2000 and sticky 0o1000.
func abiMode(m os.FileMode) uint32 {
	out := uint32(m.Perm())
	if m&os.ModeSetuid != 0 {
		out |= abiSetuid
	}
	if m&os.ModeSetgid != 0 {
		out |= abiSetgid
	}
	if m&os.ModeSticky != 0 {
		out |= abiSticky
	}
	return out
}

// fileMode converts an ABI mode (at most 0o7777) to a Go file mode for
// os.Chmod; it is the inverse of abiMode.
func fileMode(m uint32) os.FileMode {
	out := os.FileMode(m).Perm()
	if m&abiSetuid != 0 {
		out |= os.ModeSetuid
	}
	if m&abiSetgid != 0 {
		out |= os.ModeSetgid
	}
	if m&abiSticky != 0 {
		out |= os.ModeSticky
	}
	return out
}
