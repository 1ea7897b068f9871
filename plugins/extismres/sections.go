package extismres

import (
	"errors"
	"fmt"
)

// KernelModule is the module an Extism plugin imports its kernel (input,
// output, memory, config, log) from; importing anything from it is what
// makes a wasm module an Extism plugin.
const KernelModule = "extism:host/env"

// Import is one import of a wasm module.
type Import struct {
	Module, Name string
}

// Sections is what the host needs to know of a module before running it:
// its imports, and the names of the functions it exports.
type Sections struct {
	Imports []Import
	Exports []string // function exports only
}

// IsExtism reports whether the module imports from Extism's kernel.
func (s *Sections) IsExtism() bool {
	for _, im := range s.Imports {
		if im.Module == KernelModule {
			return true
		}
	}
	return false
}

// errTruncated is the error of a module that ends inside a section.
var errTruncated = errors.New("wasm: truncated")

// ReadSections reads the import and export sections of a wasm binary.
// It reads only what it needs and checks every length against the bytes
// that remain, so any input is safe (it is fuzzed); it does not validate
// the rest of the module, which the runtime does when it compiles it.
func ReadSections(wasm []byte) (*Sections, error) {
	if len(wasm) < 8 || string(wasm[:4]) != "\x00asm" {
		return nil, errors.New("wasm: not a wasm module (no \\0asm magic)")
	}
	if wasm[4] != 1 || wasm[5] != 0 || wasm[6] != 0 || wasm[7] != 0 {
		return nil, fmt.Errorf("wasm: binary format version %v, want 1", wasm[4:8])
	}
	r := &reader{b: wasm[8:]}
	out := &Sections{}
	for !r.done() {
		id := r.byte()
		size := r.u32()
		body := r.bytes(size)
		if r.err != nil {
			return nil, r.err
		}
		sr := &reader{b: body}
		switch id {
		case 2:
			readImports(sr, out)
		case 7:
			readExports(sr, out)
		}
		if sr.err != nil {
			return nil, fmt.Errorf("wasm: section %d: %w", id, sr.err)
		}
	}
	return out, nil
}

func readImports(r *reader, out *Sections) {
	n := r.u32()
	for i := uint32(0); i < n && r.err == nil; i++ {
		mod, name := r.name(), r.name()
		switch kind := r.byte(); kind {
		case 0: // func: type index
			r.u32()
		case 1: // table: reference type, limits
			r.byte()
			r.limits()
		case 2: // memory: limits
			r.limits()
		case 3: // global: value type, mutability
			r.byte()
			r.byte()
		case 4: // tag: attribute, type index
			r.byte()
			r.u32()
		default:
			r.fail(fmt.Errorf("import %d: unknown kind %d", i, kind))
		}
		if r.err == nil {
			out.Imports = append(out.Imports, Import{Module: mod, Name: name})
		}
	}
}

func readExports(r *reader, out *Sections) {
	n := r.u32()
	for i := uint32(0); i < n && r.err == nil; i++ {
		name := r.name()
		kind := r.byte()
		r.u32()
		if r.err == nil && kind == 0 {
			out.Exports = append(out.Exports, name)
		}
	}
}

// reader reads wasm's primitives; the first error sticks.
type reader struct {
	b   []byte
	err error
}

func (r *reader) done() bool { return r.err != nil || len(r.b) == 0 }

func (r *reader) fail(err error) {
	if r.err == nil {
		r.err = err
	}
	r.b = nil
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if len(r.b) == 0 {
		r.fail(errTruncated)
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

// u32 reads an unsigned LEB128 of at most 5 bytes.
func (r *reader) u32() uint32 {
	var v uint32
	for shift := uint(0); shift < 35; shift += 7 {
		c := r.byte()
		if r.err != nil {
			return 0
		}
		if shift == 28 && c > 0x0f {
			r.fail(errors.New("wasm: u32 overflows"))
			return 0
		}
		v |= uint32(c&0x7f) << shift
		if c&0x80 == 0 {
			return v
		}
	}
	r.fail(errors.New("wasm: u32 longer than 5 bytes"))
	return 0
}

func (r *reader) bytes(n uint32) []byte {
	if r.err != nil {
		return nil
	}
	if uint64(n) > uint64(len(r.b)) {
		r.fail(errTruncated)
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

func (r *reader) name() string { return string(r.bytes(r.u32())) }

// limits reads a table's or memory's limits: flags, min, and max when
// flag bit 0 is set (bits 1 and 2 are shared and memory64, whose bounds
// are still LEB128s; 64-bit ones longer than 5 bytes are refused).
func (r *reader) limits() {
	flags := r.byte()
	if flags > 7 {
		r.fail(fmt.Errorf("wasm: limits flags %#x", flags))
		return
	}
	r.u32()
	if flags&1 != 0 {
		r.u32()
	}
}
