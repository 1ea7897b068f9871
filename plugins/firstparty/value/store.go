package value

import (
	"errors"
	"fmt"
	"net/url"
	"path"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// stateFile is the name of the stored value in a resource's directory.
const stateFile = "value"

// memberDir is the directory, inside the directory of the resource it is
// grouped into, where a grouped member keeps its value.
func memberDir(varDir, name string) string {
	return path.Join(varDir, "group", url.PathEscape(name))
}

// store keeps values in files through the host's imports.
type store struct {
	ctx *mgmt.Context
}

// sync compares want (nil: no value) with the value stored in dir and
// reports whether they agree; with apply it stores want, or removes the
// stored value when want is nil.
//
// label prefixes its errors and logs: "" for the resource itself (the
// host names it), "value[NAME]: " for a grouped member.
func (s store) sync(dir, label string, want *string, apply bool) (bool, error) {
	if dir == "" {
		return false, fmt.Errorf("%sthe host gave no private directory to keep the value in", label)
	}
	file := path.Join(dir, stateFile)
	have, err := s.ctx.ReadFile(file)
	exists := err == nil
	if err != nil && !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
		return false, fmt.Errorf("%sread the stored value: %w", label, err)
	}
	if want == nil && !exists || want != nil && exists && string(have) == *want {
		return true, nil
	}
	if !apply {
		return false, nil
	}
	if want == nil {
		if err := s.ctx.Remove(file, false); err != nil {
			return false, fmt.Errorf("%sforget the stored value: %w", label, err)
		}
		s.ctx.Log("%sno value any more", label)
		return false, nil
	}
	if err := s.ctx.Mkdir(dir, 0o700, true); err != nil {
		return false, fmt.Errorf("%screate the private directory: %w", label, err)
	}
	if err := s.ctx.WriteFile(file, []byte(*want), 0o600); err != nil {
		return false, fmt.Errorf("%sstore the value: %w", label, err)
	}
	s.ctx.Log("%sstored a new value", label)
	return false, nil
}
