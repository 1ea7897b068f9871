package password

import (
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"path"
	"strings"

	"github.com/mgmt-wasm/mgmt/hostabi"
	mgmt "github.com/mgmt-wasm/mgmt/sdk/go"
)

// alphabet is what passwords are made of.
const alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"

// stateFile is the stored password in a resource's directory.
const stateFile = "password"

// memberDir is the directory, inside the directory of the resource it is
// grouped into, where a grouped member keeps its password.
func memberDir(varDir, name string) string {
	return path.Join(varDir, "group", url.PathEscape(name))
}

// keeper keeps passwords in files through the host's imports.
type keeper struct {
	ctx *mgmt.Context
}

// sync reads the password stored in dir and reports whether it can stay;
// with apply it stores a new one when it cannot. It returns the password
// to send: the kept or new one, or nil when there is none yet. label
// prefixes logs and errors: "" for the resource itself, "password[NAME]: "
// for a grouped member.
func (k keeper) sync(dir, label string, s spec, refresh, apply bool) (*string, bool, error) {
	if dir == "" {
		return nil, false, fmt.Errorf("%sthe host gave no private directory to keep the password in", label)
	}
	file := path.Join(dir, stateFile)
	stored, err := k.ctx.ReadFile(file)
	exists := err == nil
	if err != nil && !errors.Is(err, &hostabi.ABIError{Code: hostabi.CodeNotFound}) {
		return nil, false, fmt.Errorf("%sread the stored password: %w", label, err)
	}
	pw := strings.TrimSpace(string(stored))
	var kept *string
	if exists {
		if err := check(pw, s.length); err != nil {
			if !s.recovery {
				return nil, false, fmt.Errorf("%sthe stored password fails the integrity check (check_recovery would replace it): %w", label, err)
			}
			k.ctx.Log("%sintegrity check failed: %v", label, err)
		} else {
			kept = &pw
		}
	}
	if kept != nil && !refresh {
		return kept, true, nil
	}
	if !apply {
		return kept, false, nil
	}
	k.ctx.Log("%sgenerating a new password", label)
	pw, err = generate(s.length)
	if err != nil {
		return nil, false, fmt.Errorf("%s%w", label, err)
	}
	if err := k.ctx.Mkdir(dir, 0o700, true); err != nil {
		return nil, false, fmt.Errorf("%screate the private directory: %w", label, err)
	}
	if err := k.ctx.WriteFileSync(file, []byte(pw+"\n"), 0o600); err != nil {
		return nil, false, fmt.Errorf("%sstore the password: %w", label, err)
	}
	return &pw, false, nil
}

// generate returns a random password of n letters.
func generate(n int64) (string, error) {
	var b strings.Builder
	max := big.NewInt(int64(len(alphabet)))
	for range n {
		i, err := rand.Int(rand.Reader, max)
		if err != nil {
			return "", fmt.Errorf("generate a password: %w", err)
		}
		b.WriteByte(alphabet[i.Int64()])
	}
	return b.String(), nil
}

// check reports why pw is not a valid password of n letters, or nil.
func check(pw string, n int64) error {
	if int64(len(pw)) != n {
		return fmt.Errorf("it has %d characters, not %d", len(pw), n)
	}
	if i := strings.IndexFunc(pw, func(c rune) bool { return !strings.ContainsRune(alphabet, c) }); i >= 0 {
		return fmt.Errorf("invalid character %q at %d", pw[i], i)
	}
	return nil
}
