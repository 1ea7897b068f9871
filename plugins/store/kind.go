package store

import (
	"bytes"
	"os"
)

// elfMagic starts every ELF executable.
var elfMagic = []byte("\x7fELF")

// IsExecutable reports whether an installed file is a native executable
// (a process plugin, docs/abi.md "Process plugins") rather than a wasm
// module: it starts with the ELF magic.
func IsExecutable(b []byte) bool { return bytes.HasPrefix(b, elfMagic) }

// fileOf is the store's file name and mode for a plugin: NAME.wasm,
// readable, for a wasm module; NAME.bin, executable, for a process plugin.
func fileOf(name string, b []byte) (string, os.FileMode) {
	if IsExecutable(b) {
		return name + ".bin", 0o755
	}
	return name + ".wasm", 0o644
}
