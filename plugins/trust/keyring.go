package trust

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// KeysFile is the name of the trusted-keys file in a plugin store.
const KeysFile = "trusted-keys"

// maxKeyRing bounds a trusted-keys file.
const maxKeyRing = 1 << 20

// KeyRing is a set of trusted public keys, by id.
type KeyRing struct {
	keys map[string]PublicKey
	list []PublicKey // in file order
}

// ParseKeyRing reads a trusted-keys file: one public key per line; blank
// lines and lines starting with '#' are ignored. A key given twice counts
// once.
func ParseKeyRing(b []byte) (*KeyRing, error) {
	if len(b) > maxKeyRing {
		return nil, fmt.Errorf("trusted keys: %w: longer than %d bytes", ErrFormat, maxKeyRing)
	}
	r := &KeyRing{keys: map[string]PublicKey{}}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 0, maxLine), maxLine)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.ContainsRune(line, 0) {
			return nil, fmt.Errorf("trusted keys: line %d: %w: a NUL byte", n, ErrFormat)
		}
		k, err := parsePublicLine(line)
		if err != nil {
			return nil, fmt.Errorf("trusted keys: line %d: %w", n, err)
		}
		r.add(k)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("trusted keys: %w: %w", ErrFormat, err)
	}
	return r, nil
}

// LoadKeyRing reads the trusted-keys file at path; a file that does not
// exist is an empty ring.
func LoadKeyRing(path string) (*KeyRing, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return &KeyRing{keys: map[string]PublicKey{}}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("trusted keys: %w", err)
	}
	r, err := ParseKeyRing(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// AddToFile appends k to the trusted-keys file at path (creating it and
// its folder) unless the file has it already; it reports whether it added.
func AddToFile(path string, k PublicKey) (bool, error) {
	r, err := LoadKeyRing(path)
	if err != nil {
		return false, err
	}
	if _, ok := r.Lookup(k.ID()); ok {
		return false, nil
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return false, fmt.Errorf("trusted keys: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return false, fmt.Errorf("trusted keys: %w", err)
	}
	if _, err := f.WriteString(k.String() + "\n"); err != nil {
		f.Close()
		return false, fmt.Errorf("trusted keys: %w", err)
	}
	if err := f.Close(); err != nil {
		return false, fmt.Errorf("trusted keys: %w", err)
	}
	return true, nil
}

// DefaultKeysFile is the trusted-keys file of the plugin store in dir.
func DefaultKeysFile(storeDir string) string { return filepath.Join(storeDir, KeysFile) }

func (r *KeyRing) add(k PublicKey) {
	if _, dup := r.keys[k.ID()]; dup {
		return
	}
	r.keys[k.ID()] = k
	r.list = append(r.list, k)
}

// Lookup returns the trusted key with the given id.
func (r *KeyRing) Lookup(id string) (PublicKey, bool) {
	k, ok := r.keys[id]
	return k, ok
}

// Keys lists the trusted keys in file order.
func (r *KeyRing) Keys() []PublicKey { return append([]PublicKey(nil), r.list...) }
